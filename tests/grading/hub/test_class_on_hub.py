"""A class on a real JupyterHub: the whole cycle, and the impersonation class as regressions.

One hub for the module (``class_hub``): three learners and a trainer as real
Unix users. The trainer drives ``hocso``'s API with their hub token; learners
act through their own servers (nbgrader's Assignments endpoints, the calls the
JupyterLab panel makes), whose exchange classes call the exchange service with
the server's hub token. The order of the tests matters (cycle first), so the
module is one xdist group.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import stat
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.grading.hub.conftest import ARTIFACTS, LEARNERS, TRAINER

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hub")]

A, B, GONE = LEARNERS


@contextlib.contextmanager
def environment(values: dict[str, str]):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def server_call(hub, user: str, action: str, **body) -> object:
    """POST (or GET for the list) to nbgrader's Assignments endpoints of ``user``'s server."""
    url = f"{hub.public}/user/{user}/assignments"
    data = None
    if action != "list":
        url += f"/{action}"
        data = json.dumps(body).encode("utf-8")
    else:
        url += f"?course_id={body['course_id']}"
    request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST")
    request.add_header("Authorization", f"token {hub.tokens[user]}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=180) as answer:
        return json.loads(answer.read())


def rss_kib(uid: int) -> int:
    """Resident memory of every process of ``uid`` (KiB)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1").split()[0]) == uid and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total


def work(notebook: Path, source: Path) -> None:
    """The learner's work: every code answer cell holds the source's solution."""
    from grading.core import cells
    from grading.verbs.demo import correct_answers

    answers = correct_answers(json.loads(source.read_text(encoding="utf-8")))
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cells.grade_id(cell) in answers:
            cell["source"] = answers[cells.grade_id(cell)]
    with open(notebook, "r+", encoding="utf-8") as handle:  # keeps the learner as owner
        handle.truncate(0)
        json.dump(nb, handle, ensure_ascii=False, indent=1)


def test_class_cycle(class_hub):
    """Release, fetch, work, submit (as each learner), collect, autograde, feedback."""
    from grading.verbs.autograde import autograde
    from grading.verbs.collect import collect, inbound_submissions
    from grading.verbs.feedback import feedback
    from grading.verbs.release import release

    hub, assignment = class_hub, class_hub.assignment
    course = hub.cohort.course_id
    with environment(hub.trainer_env()):
        release(assignment, cohort=hub.cohort, due="31/12/2099 23:59")
    started = time.monotonic()
    for user in (A, B):
        hub.admin.call("POST", f"/users/{user}/server")
    for user in (A, B):
        hub.admin.start_server(user)
    hub.measured["spawn_two_seconds"] = round(time.monotonic() - started, 1)
    for user in (A, B):
        listed = server_call(hub, user, "list", course_id=course)
        assert listed["success"], listed
        assert [a["status"] for a in listed["value"]] == ["released"]
        due = listed["value"][0]["hocso_due"]  # the panel shows it before a fetch
        assert due["label"].startswith("Hạn nộp: 31/12/2099 23:59 (còn ")
        fetched = server_call(hub, user, "fetch", course_id=course, assignment_id=assignment)
        assert fetched["success"], fetched
        assert [a["status"] for a in fetched["value"]] == ["fetched"]
    hub.measured["learner_server_rss_mib"] = {
        u: round(rss_kib(pwd.getpwnam(u).pw_uid) / 1024, 1) for u in (A, B)
    }
    settings = (hub.home / A / ".jupyter/lab/user-settings/@jupyterlab"
                / "translation-extension/plugin.jupyterlab-settings")  # fmt: skip
    assert json.loads(settings.read_text(encoding="utf-8")) == {"locale": "vi_VN"}
    assert settings.stat().st_uid == pwd.getpwnam(A).pw_uid
    folder_a = hub.home / A / course / assignment
    notebook = folder_a / f"{assignment}.ipynb"
    assert notebook.stat().st_uid == pwd.getpwnam(A).pw_uid
    work(notebook, hub.cohort.root / "source" / assignment / f"{assignment}.ipynb")
    for user in (A, B):  # B submits the untouched release
        answer = server_call(hub, user, "submit", course_id=course, assignment_id=assignment)
        assert answer.get("success", True), answer
    mine = hub.client(A).submissions(course, assignment=assignment)
    assert [s["learner"] for s in mine] == [A]
    with environment(hub.trainer_env()):
        waiting = inbound_submissions(hub.cohort, assignment)  # what `hocso status` counts
        assert set(waiting) == {A, B}
        collected = collect(assignment, cohort=hub.cohort)
        assert inbound_submissions(hub.cohort, assignment) == {
            r.learner: r.timestamp for r in collected.rows
        }
        assert {r.learner: r.timestamp for r in collected.rows} == waiting  # the service's time
        assert collected.identity == "hub"
        assert {r.learner for r in collected.rows} == {A, B}
        assert all(r.verified for r in collected.rows)
        assert collected.not_submitted == (GONE,)
        graded = autograde(assignment, cohort=hub.cohort, parallel=False)
        scores = {r.learner: r for r in graded.rows}
        assert scores[A].status == "graded", scores[A].reason
        assert scores[B].score == 0  # the untouched release
        assert scores[A].score > scores[B].score  # the worked copy, graded as A's
        returned = feedback(assignment, cohort=hub.cohort, include_pending=True)
        assert {r.learner: r.status for r in returned.rows} == {A: "released", B: "released"}
    for user in (A, B):
        server_call(hub, user, "fetch_feedback", course_id=course, assignment_id=assignment)
        pages = list((hub.home / user / course / assignment / "feedback").glob("*/*.html"))
        assert [p.name for p in pages] == [f"{assignment}.html"]
        assert pages[0].stat().st_uid == pwd.getpwnam(user).pw_uid
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "measured.json").write_text(json.dumps(hub.measured, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- impersonation


def _refused(call, *args, **kwargs) -> int:
    from grading.exchange.remote import RemoteError

    with pytest.raises(RemoteError) as caught:
        call(*args, **kwargs)
    return caught.value.status


def test_b_cannot_submit_as_a(class_hub):
    """Whatever B sends, the submission is B's: the service names the submitter."""
    hub, course = class_hub, class_hub.cohort.course_id
    nb = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    answer = hub.client(B).submit(course, hub.assignment, {"hubhv01.ipynb": nb,
                                                           "student_id.txt": A.encode()})  # fmt: skip
    assert answer["learner"] == B
    others = [s for s in hub.client(A).submissions(course) if s["id"] == answer["id"]]
    assert others == []
    from grading.exchange.service import SERVICE_NAME

    assert SERVICE_NAME  # the route has no learner parameter for a submission at all


def test_b_cannot_backdate(class_hub):
    """A timestamp B writes is kept as a file, never as the submission's time."""
    import datetime as dt

    hub, course = class_hub, class_hub.cohort.course_id
    nb = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    answer = hub.client(B).submit(
        course, hub.assignment, {"bai.ipynb": nb, "timestamp.txt": b"2000-01-01 00:00:00 UTC"}
    )
    when = dt.datetime.strptime(answer["timestamp"], "%Y-%m-%d %H:%M:%S.%f UTC")
    assert when >= before - dt.timedelta(seconds=5)


def test_b_cannot_list_or_read_a_submissions_or_feedback(class_hub):
    hub, course = class_hub, class_hub.cohort.course_id
    theirs = hub.client(A).submissions(course)
    assert theirs
    assert all(s["learner"] == A for s in theirs)
    assert all(s["learner"] == B for s in hub.client(B).submissions(course))
    assert _refused(hub.client(B).submissions, course, learner=A) == 403
    a_id = theirs[0]["id"]
    assert _refused(hub.client(B).submission_files, course, a_id) == 403
    assert _refused(hub.client(B).feedback, course, a_id) == 404
    # a learner cannot read their own stored copy back either: only trainers download
    assert _refused(hub.client(A).submission_files, course, a_id) == 403


def test_learner_cannot_call_trainer_endpoints(class_hub):
    hub, course = class_hub, class_hub.cohort.course_id
    nb = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    client = hub.client(B)
    assert _refused(client.release, course, hub.assignment, {"bai.ipynb": nb}) == 403
    assert _refused(client.release, course, "99-moi", {"bai.ipynb": nb}) == 403
    some = hub.client(TRAINER).submissions(course)[0]["id"]
    assert _refused(client.put_feedback, course, some, {"bai.html": b"<p>0</p>"}) == 403
    # a course B is not in: nothing at all
    assert _refused(client.releases, "khoa-khac") == 403


def test_a_token_that_cannot_read_groups_still_gets_its_own_rights_only(class_hub):
    """The service looks the groups up itself when the token may not read them."""
    from grading.exchange.remote import ExchangeClient

    hub, course = class_hub, class_hub.cohort.course_id
    token = hub.admin.new_token(A, scopes=["read:users:name!user"])
    client = ExchangeClient(hub.ports.exchange_url, token)
    assert client.whoami() == {"name": A, "groups": [f"nbgrader-{course}"]}
    assert client.releases(course)
    assert _refused(client.release, course, hub.assignment, {"a.ipynb": b"{}"}) == 403


def test_token_for_a_trainer_only(class_hub):
    """`hocso hub --token-for` gives trainers (never learners) a working exchange token."""
    from grading.exchange.remote import ExchangeClient
    from grading.hub.accounts import HubError
    from grading.hub.run import trainer_token

    hub, course = class_hub, class_hub.cohort.course_id
    env = trainer_token(hub.cohort, TRAINER, folder=hub.folder)
    assert env["HOCSO_EXCHANGE_URL"] == hub.ports.exchange_url
    client = ExchangeClient(env["HOCSO_EXCHANGE_URL"], env["JUPYTERHUB_API_TOKEN"])
    assert {s["learner"] for s in client.submissions(course)} >= {A, B}
    with pytest.raises(HubError, match="not a trainer"):
        trainer_token(hub.cohort, B, folder=hub.folder)


def test_no_token_or_a_forged_one_is_refused(class_hub):
    from grading.exchange.remote import ExchangeClient

    hub, course = class_hub, class_hub.cohort.course_id
    forged = ExchangeClient(hub.ports.exchange_url, "0" * 32)
    assert _refused(forged.releases, course) == 403
    request = urllib.request.Request(hub.ports.exchange_url + f"api/courses/{course}/assignments")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 401


def test_b_cannot_read_a_home_or_the_exchange_files(class_hub):
    hub, course = class_hub, class_hub.cohort.course_id
    assert stat.S_IMODE((hub.home / A).stat().st_mode) == 0o700
    assert stat.S_IMODE((hub.folder / "exchange").stat().st_mode) == 0o700
    assert stat.S_IMODE((hub.folder / "accounts.json").stat().st_mode) == 0o600
    source = hub.cohort.root / "source" / hub.assignment / f"{hub.assignment}.ipynb"
    for target in (hub.home / A, hub.home / A / course, hub.folder / "exchange",
                   hub.folder / "accounts.json", hub.cohort.root, source,
                   hub.cohort.root / "gradebook.db", hub.cohort.root / "submitted"):  # fmt: skip
        done = subprocess.run(["runuser", "-u", B, "--", "cat", str(target)],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        listed = subprocess.run(["runuser", "-u", B, "--", "ls", str(target)],
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode != 0, target
        assert "Permission denied" in done.stderr
        if target.is_dir():  # a file's name in the 0711 hub folder may be seen, not read
            assert listed.returncode != 0, target


def test_learner_limits_apply_to_their_server(class_hub):
    """The learner's server runs as the learner, with the address-space and process caps."""
    hub = class_hub
    uid = pwd.getpwnam(A).pw_uid
    limits = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            owner = int(dict(line.split(":", 1) for line in status.read_text().splitlines()
                             if ":" in line)["Uid"].split()[0])  # fmt: skip
            if owner == uid:
                limits.append((status.parent / "limits").read_text())
        except (OSError, KeyError, ValueError):
            continue
    assert limits, "the learner's server is not running as the learner"
    wanted = str(3 * 1024**3)
    assert any("Max address space" in t and wanted in t for t in limits)
    assert any("Max processes" in t and "256" in t for t in limits)
    assert hub.process.poll() is None


@pytest.mark.e2e
def test_learner_logs_in_through_the_hub_and_submits_from_the_panel(class_hub, playwright_api):
    """B: the one-time code alone does not log in; B sets a password, logs in, submits."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    hub, course = class_hub, class_hub.cohort.course_id
    before = len(hub.client(B).submissions(course, assignment=hub.assignment))
    browser = playwright_api.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        page = browser.new_page(locale="vi-VN", viewport={"width": 1400, "height": 900})
        page.set_default_timeout(90_000)
        page.goto(f"{hub.public}/hub/login")
        page.locator("#username_input").fill(B)
        page.locator("#password_input").fill(hub.codes[B])
        page.locator("#login_submit").click()
        page.locator(".login_error").wait_for()  # a code is not a password
        page.get_by_role("link", name="Đổi mã dùng một lần lấy mật khẩu riêng").click()
        page.locator("#username").fill(B)
        page.locator("#old").fill(hub.codes[B])
        page.locator("#new").fill("mat-khau-cua-nam")
        page.locator("#again").fill("mat-khau-cua-nam")
        page.locator("#doi-mat-khau").click()
        page.get_by_text("Đã đặt mật khẩu").wait_for()
        page.goto(f"{hub.public}/hub/login")
        page.locator("#username_input").fill(B)
        page.locator("#password_input").fill("mat-khau-cua-nam")
        page.locator("#login_submit").click()
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for()
        assert f"/user/{B}/lab" in page.url
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Bài tập của lớp").click()
        fetched = page.locator("#fetched_assignments_list")
        fetched.get_by_role("button", name="Nộp bài").first.click()
        fetched.get_by_role("button", name="đang nộp...").wait_for(state="detached")
        fetched.get_by_role("button", name="Nộp bài").first.wait_for()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "nop-bai-qua-hub.png"))
    finally:
        browser.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        after = hub.client(B).submissions(course, assignment=hub.assignment)
        if len(after) > before:
            break
        time.sleep(0.5)
    assert len(after) == before + 1
    assert after[-1]["learner"] == B


def test_removed_learner_token_stops_working(class_hub):
    """A learner deleted from the hub loses every token (and session) within the cache time."""
    from grading.exchange.remote import RemoteError

    hub, course = class_hub, class_hub.cohort.course_id
    client = hub.client(GONE)
    assert client.releases(course)  # works while enrolled
    assert hub.admin.delete_user(GONE)
    deadline = time.monotonic() + 30
    status = 200
    while time.monotonic() < deadline:
        try:
            client.releases(course)
        except RemoteError as error:
            status = error.status
            break
        time.sleep(0.5)
    assert status == 403
