"""The learner's side: an IPython shell without ZMQ that runs cells and reports outputs.

:func:`prepare` runs once in the zygote (before any fork) and builds a warm
shell; :func:`serve` runs in each sandboxed child and answers the trusted
side's requests:

``{"op": "run", "seq", "code", "execution_count"}``
    run a cell; reply ``status`` (``ok``/``error``/``exited``), ``outputs``
    (nbformat v4 output dicts, capped), ``ename``/``evalue`` of a failure.
``{"op": "plain", "seq", "expr", "kind", "name"}``
    evaluate one expression (the first argument of an ``expect`` check) and
    convert it with :func:`toolkit.checks.to_plain`; reply ``status``
    ``plain`` with ``value``, ``rejected`` with ``ename``/``message``, or
    ``error`` with the error output.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import socket
import sys
from typing import Any

__all__ = ["prepare", "serve"]

_STATE: dict[str, Any] = {}
_MAX_REQUEST_BYTES = 64 << 20
_WARMUP_LIMITS = {
    "stream_bytes": 1 << 20,
    "output_bytes": 1 << 20,
    "notebook_output_bytes": 8 << 20,
}
_TRUNCATED = "\n… [hocso: {dropped} bytes of output dropped, over the limit of {cap} bytes]\n"


class _Capture:
    """Outputs of the cell being run, with per-stream and per-cell byte caps."""

    def __init__(self) -> None:
        self.reset(_WARMUP_LIMITS)

    def reset(self, limits: dict[str, Any]) -> None:
        self.outputs: list[dict[str, Any]] = []
        self.stream_cap = int(limits["stream_bytes"])
        self.output_cap = int(limits["output_bytes"])
        self.cell_cap = int(limits["notebook_output_bytes"])
        self.stream_used = {"stdout": 0, "stderr": 0}
        self.dropped = {"stdout": 0, "stderr": 0}
        self.rich_used = 0
        self.clear_pending = False
        self.pending = {"stdout": "", "stderr": ""}
        self.last_traceback: list[str] | None = None

    def _before_output(self) -> None:
        self.flush()
        if self.clear_pending:
            self.outputs.clear()
            self.clear_pending = False

    def flush(self) -> None:
        """Emit buffered stream text, stdout first, as a kernel's buffered streams do."""
        for name in ("stdout", "stderr"):
            text = self.pending[name]
            if not text:
                continue
            self.pending[name] = ""
            if self.clear_pending:
                self.outputs.clear()
                self.clear_pending = False
            last = self.outputs[-1] if self.outputs else None
            if last is not None and last["output_type"] == "stream" and last["name"] == name:
                last["text"] += text
            else:
                self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        size = len(text.encode("utf-8", "replace"))
        room = self.stream_cap - self.stream_used[name]
        if size > room:
            keep = text.encode("utf-8", "replace")[: max(room, 0)].decode("utf-8", "ignore")
            self.dropped[name] += size - len(keep.encode("utf-8"))
            text = keep
            size = len(keep.encode("utf-8"))
        self.stream_used[name] += size
        self.pending[name] += text

    def rich(self, output: dict[str, Any]) -> None:
        self._before_output()
        try:
            size = len(json.dumps(output, ensure_ascii=False, default=str))
        except (TypeError, ValueError):
            return
        if size > self.output_cap or self.rich_used + size > self.cell_cap:
            self.stream(
                "stdout", f"[hocso: an output of {size} bytes was dropped, over the limit]\n"
            )
            return
        self.rich_used += size
        self.outputs.append(output)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self._before_output()
        self.last_traceback = traceback
        self.outputs.append(
            {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback}
        )

    def clear(self, wait: bool) -> None:
        self.flush()
        if wait:
            self.clear_pending = True
        else:
            self.outputs.clear()
            self.clear_pending = False

    def finish(self) -> list[dict[str, Any]]:
        for name in ("stdout", "stderr"):
            if self.dropped[name]:
                self.stream_used[name] = -(1 << 30)  # the note itself always fits
                self.stream(
                    name, _TRUNCATED.format(dropped=self.dropped[name], cap=self.stream_cap)
                )
        self.flush()
        return self.outputs


_CAPTURE = _Capture()


class _Stream(io.TextIOBase):
    """``sys.stdout`` / ``sys.stderr`` of the learner: writes become stream outputs."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _CAPTURE.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        return None


def _no_stdin(prompt: str = "") -> str:
    from IPython.core.error import StdinNotImplementedError

    raise StdinNotImplementedError(
        "raw_input was called, but this frontend does not support input requests."
    )


def _make_shell() -> Any:
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    class CapturingPublisher(DisplayPublisher):
        def publish(self, data, metadata=None, *args, transient=None, update=False, **kwargs):
            output = {
                "output_type": "update_display_data" if update else "display_data",
                "data": dict(data),
                "metadata": dict(metadata or {}),
            }
            if update:
                return  # nbclient updates an earlier output in place; the notebook keeps it
            _CAPTURE.rich(output)

        def clear_output(self, wait=False):
            _CAPTURE.clear(bool(wait))

    class CapturingHook(DisplayHook):
        def start_displayhook(self) -> None:
            self._data: dict[str, Any] = {}

        def write_output_prompt(self) -> None:
            return None

        def write_format_data(self, format_dict, md_dict=None) -> None:
            self._data = {"data": dict(format_dict), "metadata": dict(md_dict or {})}

        def finish_displayhook(self) -> None:
            if getattr(self, "_data", None):
                _CAPTURE.rich(
                    {
                        "output_type": "execute_result",
                        "execution_count": self.prompt_count,
                        **self._data,
                    }
                )
            self._data = {}

    class SandboxShell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            try:
                text = str(evalue)
            except Exception:  # a learner's exception whose __str__ fails
                text = "<unprintable exception>"
            _CAPTURE.error(getattr(etype, "__name__", str(etype)), text, list(stb))

        def system(self, cmd):
            return self.system_piped(cmd)

        def ask_exit(self) -> None:  # `exit()` / `quit()`: a kernel would shut down
            self.exit_now = True

    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "linux"
    config.InteractiveShell.autocall = 0
    SandboxShell.displayhook_class = CapturingHook
    SandboxShell.display_pub_class = CapturingPublisher
    return SandboxShell.instance(config=config)


def prepare() -> None:
    """Build the warm shell once, in the zygote. Starts no thread, holds no grading data."""
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    shell = _make_shell()
    import importlib

    import matplotlib
    import matplotlib.pyplot as plt  # registers the inline backend with the shell
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    import toolkit
    import toolkit._kernel
    import toolkit.data

    # the short Vietnamese errors a learner's kernel shows (also when toolkit was imported
    # before this shell existed)
    toolkit._kernel.install(shell)
    for module in toolkit.__all__:  # every module and skill package, found by listing
        if module not in ("__version__", "expect", "goi_y"):
            importlib.import_module(f"toolkit.{module}")
    for dataset in toolkit.data.names():  # parsed once here, inherited by every child
        toolkit.data.load(dataset)
    figure = plt.figure()
    figure.add_subplot().bar(["a", "b"], [1, 2])
    figure.canvas.draw()
    plt.close("all")
    with contextlib.suppress(Exception):
        shell.run_line_magic("matplotlib", "inline")
    # warm the IPython compile/format/traceback machinery without learner code
    _CAPTURE.reset(_WARMUP_LIMITS)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    try:
        shell.run_cell("1", store_history=False, silent=True)
        shell.run_cell("1/0", store_history=False, silent=True)
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    shell.execution_count = 1
    matplotlib.rcParams["figure.max_open_warning"] = 0
    _STATE["shell"] = shell


class _FdCapture:
    """File descriptors 1 and 2 (child processes, C code) go to files read after each cell."""

    def __init__(self) -> None:
        folder = "/tmp/.hocso-fd"
        os.makedirs(folder, mode=0o700, exist_ok=True)
        self.files: dict[str, int] = {}
        for number, name in ((1, "stdout"), (2, "stderr")):
            fd = os.open(
                f"{folder}/{name}", os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600
            )
            os.dup2(fd, number)
            self.files[name] = fd
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)

    def collect(self, cap: int) -> None:
        for name, fd in self.files.items():
            try:
                data = os.pread(fd, cap + 1, 0)
                size = os.fstat(fd).st_size
                os.ftruncate(fd, 0)
            except OSError:
                continue
            if data:
                _CAPTURE.stream(name, data[:cap].decode("utf-8", "replace"))
                if size > cap:
                    _CAPTURE.dropped[name] += size - cap


def _run(
    shell: Any, fds: _FdCapture, message: dict[str, Any], limits: dict[str, Any]
) -> dict[str, Any]:
    _CAPTURE.reset(limits)
    shell.execution_count = int(message["execution_count"])
    builtins.input = _no_stdin
    result = shell.run_cell(message["code"], store_history=True, silent=False)
    sys.stdout.flush()
    fds.collect(int(limits["stream_bytes"]))
    reply: dict[str, Any] = {"status": "ok", "execution_count": result.execution_count}
    error = result.error_before_exec or result.error_in_exec
    if error is not None:
        reply.update(status="error", ename=type(error).__name__, evalue=_safe_str(error))
    if getattr(shell, "exit_now", False):
        reply["status"] = "exited"
    reply["outputs"] = _CAPTURE.finish()
    return reply


def _safe_str(value: object) -> str:
    try:
        return str(value)[:10_000]
    except Exception:
        return "<unprintable>"


def _plain(
    shell: Any, fds: _FdCapture, message: dict[str, Any], limits: dict[str, Any]
) -> dict[str, Any]:
    from toolkit.checks import CheckFailed, NotAttempted, to_plain

    _CAPTURE.reset(limits)
    reply: dict[str, Any]
    try:
        code = compile(message["expr"], "<test cell>", "eval")
        value = eval(code, shell.user_ns)  # the learner's expression, in the learner's process
        plain = to_plain(value, message["kind"], name=message["name"])
        # type_only: the check reads only that to_plain accepted the value (has_type)
        reply = {"status": "plain", "value": None if message.get("type_only") else plain}
    except NotAttempted as error:
        reply = {"status": "rejected", "ename": "NotAttempted", "message": _safe_str(error)}
    except CheckFailed as error:
        reply = {"status": "rejected", "ename": "CheckFailed", "message": _safe_str(error)}
    except BaseException:  # the learner's code raised: show it like a kernel would
        shell.showtraceback()
        reply = {"status": "error"}
    sys.stdout.flush()
    fds.collect(int(limits["stream_bytes"]))
    reply["outputs"] = _CAPTURE.finish()
    return reply


def serve(sock: socket.socket, request: dict[str, Any], report: dict[str, Any]) -> None:
    """Answer requests until the trusted side says stop or closes the socket."""
    from grading.executor._protocol import ChildDied, recv_message, send_message

    shell = _STATE.get("shell")
    if shell is None:
        prepare()
        shell = _STATE["shell"]
    limits = request["limits"]
    fds = _FdCapture()
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    sys.stdin = io.StringIO()
    handlers = {"run": _run, "plain": _plain}
    send_message(sock, {"type": "ready", "seq": 0, "report": report})
    while True:
        try:
            message = recv_message(sock, max_bytes=_MAX_REQUEST_BYTES)
        except KeyboardInterrupt:  # a late interrupt between cells
            continue
        except ChildDied:
            return
        op = message.get("op")
        if op == "stop":
            return
        try:
            reply = handlers[op](shell, fds, message, limits)
        except KeyboardInterrupt:
            reply = {"status": "error", "ename": "KeyboardInterrupt", "evalue": "", "outputs": []}
        reply["seq"] = message["seq"]
        try:
            send_message(sock, reply)
        except (TypeError, ValueError):  # outputs that are not JSON: send what is
            reply["outputs"] = json.loads(json.dumps(reply["outputs"], default=str))
            send_message(sock, reply)
