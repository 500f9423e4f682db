"""``hocso hub``: prepare the class's hub, say what the trainer needs to know, run it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from grading.classroom.cohort import Cohort
from grading.hub.accounts import HubError
from grading.hub.admin import HubAdmin, HubAPIError, wait_for_hub
from grading.hub.config import HubPlan, HubPorts, default_hub_dir, read_ports

__all__ = ["describe", "run_hub", "trainer_token"]


def describe(plan: HubPlan, course: str) -> str:
    """What the trainer reads when the hub starts (Vietnamese)."""
    lines = [
        f"JupyterHub của lớp {course}: {plan.ports.url}",
        f"  học viên: {len(plan.learners)}, giảng viên: {', '.join(plan.trainers) or '(chưa có)'}",
        f"  thư mục của hub: {plan.folder}",
    ]
    if plan.codes_file is not None:
        lines.append(
            f"  {len(plan.new_codes)} mã dùng một lần mới: in tệp {plan.codes_file} "
            "và phát cho từng người (mỗi mã chỉ đổi được một lần)"
        )
    if plan.ports.ip == "127.0.0.1":
        lines.append(
            "  chỉ máy này vào được; để học viên vào qua Wi-Fi lớp học, chạy lại với "
            "--ip <địa chỉ Wi-Fi của máy>"
        )
    lines.append("  dừng hub: Ctrl+C")
    return "\n".join(lines)


def run_hub(plan: HubPlan, *, timeout: float = 180) -> int:
    """Start JupyterHub for ``plan`` and wait until it stops (Ctrl+C stops it)."""
    process = subprocess.Popen(plan.command, cwd=plan.folder, start_new_session=True)
    try:
        seconds = wait_for_hub(plan.ports.api_url, timeout=timeout, process=process)
        print(f"hub sẵn sàng sau {seconds:.0f} giây: {plan.ports.url}", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def trainer_token(cohort: Cohort, trainer: str, *, folder: Path | None = None,
                  ports: HubPorts | None = None) -> dict[str, str]:  # fmt: skip
    """Environment for a trainer's ``hocso`` in a shell: the exchange URL and their hub token.

    Raises
    ------
    HubError
        If the hub is not running or ``trainer`` is not one of its trainers.
    """
    folder = Path(folder or default_hub_dir(cohort.course_id))
    ports = ports or read_ports(folder)
    try:
        token = (folder / "admin.token").read_text(encoding="ascii").strip()
    except OSError:
        raise HubError(f"{folder} has no hub: run `hocso hub` first") from None
    admin = HubAdmin(ports.api_url, token)
    try:
        wait_for_hub(ports.api_url, timeout=5)
        model = admin.user(trainer)
        if model is None or f"formgrade-{cohort.course_id}" not in model.get("groups", []):
            raise HubError(f"{trainer} is not a trainer of {cohort.course_id} on this hub")
        value = admin.new_token(trainer, note=f"hocso CLI {time.strftime('%Y-%m-%d')}")
    except (TimeoutError, HubAPIError) as error:
        raise HubError(f"the hub at {ports.api_url} does not answer: {error}") from None
    return {"HOCSO_EXCHANGE_URL": ports.exchange_url, "JUPYTERHUB_API_TOKEN": value}
