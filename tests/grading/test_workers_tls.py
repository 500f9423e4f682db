"""``hocso workers`` with TLS, end to end, on loopback.

A throw-away certificate authority is made for the test (``cryptography``);
``hocso workers`` starts a TLS scheduler and a worker with the grading
machine's certificate, ``hocso autograde --scheduler tls://...`` grades a small
batch with the trainer's certificate, and clients that speak plain TCP, bring
no certificate or one from another authority are refused. Under ``CI=true``
nothing here is skipped.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grading.classroom.cohort import open_cohort
from grading.core import cells

from .conftest import COURSE
from .test_autograde_dask import _free_port, _stop

ASSIGNMENT = "00-lam-quen"
REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow]


def _name(common: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _key():
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _certificate(subject: str, key, issuer_name, issuer_key, *, ca: bool):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    now = dt.datetime.now(dt.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name or _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(issuer_key or key, hashes.SHA256())


def _authority(folder: Path, name: str, members: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """A CA in ``folder`` and a certificate per member: ``{member: (cert.pem, key.pem)}`` and
    ``{"ca": (ca.pem, ca.key)}``."""
    from cryptography.hazmat.primitives import serialization

    folder.mkdir(parents=True, exist_ok=True)

    def save(stem: str, cert, key) -> tuple[str, str]:
        cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ))  # fmt: skip
        key_path.chmod(0o600)
        return str(cert_path), str(key_path)

    ca_key = _key()
    ca_cert = _certificate(name, ca_key, None, None, ca=True)
    found = {"ca": save("ca", ca_cert, ca_key)}
    for member in members:
        key = _key()
        found[member] = save(member, _certificate(member, key, ca_cert.subject, ca_key, ca=False),
                             key)  # fmt: skip
    return found


def _tls_args(ca: str, cert: tuple[str, str]) -> list[str]:
    return ["--tls-ca-file", ca, "--tls-cert", cert[0], "--tls-key", cert[1]]


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):
    """``hocso workers`` with TLS on loopback: its address and the certificates."""
    from distributed import Client
    from distributed.security import Security

    folder = tmp_path_factory.mktemp("pki")
    ours = _authority(folder / "ours", "Hoc So CA", ("may-cham", "giang-vien"))
    theirs = _authority(folder / "theirs", "Another CA", ("ke-la",))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCSO_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "grading", "workers", "--scheduler-here", "--port", str(port),
         "-n", "1", "--memory-limit", "3GiB", *_tls_args(ours["ca"][0], ours["may-cham"])],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    address = f"tls://127.0.0.1:{port}"
    trainer = Security(tls_ca_file=ours["ca"][0], tls_client_cert=ours["giang-vien"][0],
                       tls_client_key=ours["giang-vien"][1], require_encryption=True)  # fmt: skip
    try:
        with Client(address, security=trainer, timeout=120, set_as_default=False) as client:
            client.wait_for_workers(1, timeout=180)
        yield {"address": address, "port": port, "ours": ours, "theirs": theirs}
    finally:
        _stop(process)


def _submit(cohort, learner: str, nb: dict) -> None:
    folder = cohort.folder("submitted", learner, ASSIGNMENT)
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
    (folder / "timestamp.txt").write_text("2026-01-01 08:00:00.000000 UTC", encoding="utf-8")


def test_a_small_batch_is_graded_over_tls(tls_cluster, tmp_path, monkeypatch):
    from grading.cli import main
    from grading.verbs.release import generate

    for name in ("HOCSO_EXCHANGE", "HOCSO_DB_URL", "HOCSO_COURSE", "HOCSO_SCHEDULER"):
        monkeypatch.delenv(name, raising=False)
    root = shutil.copytree(COURSE, tmp_path / COURSE.name, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", ".hocso"))  # fmt: skip
    cohort = open_cohort(root, exchange=tmp_path / "exchange")
    generate(cohort, ASSIGNMENT)
    read = lambda base: json.loads((base / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text("utf-8"))  # noqa: E731
    source, release = read(cohort.course.source_dir), read(cohort.course.release_dir)
    answers = {cells.grade_id(c): cells.solved(c) for c in source["cells"] if cells.is_solution(c)}
    solved = json.loads(json.dumps(release))
    for cell in solved["cells"]:
        if cells.grade_id(cell) in answers:
            cell["source"] = answers[cells.grade_id(cell)]
    _submit(cohort, "giai", solved)
    _submit(cohort, "chua-lam", release)

    ours = tls_cluster["ours"]
    common = ["--course", str(root), "--exchange", str(tmp_path / "exchange")]
    # without the trainer's certificate, the CLI says it cannot reach the scheduler
    refused = main([*common, "autograde", ASSIGNMENT, "--scheduler", tls_cluster["address"]])
    assert refused != 0
    with cohort.gradebook() as gradebook:
        assert gradebook.assignment_submissions(ASSIGNMENT) == []  # nothing graded
    code = main([*common, "autograde", ASSIGNMENT, "--scheduler", tls_cluster["address"],
                 *_tls_args(ours["ca"][0], ours["giang-vien"])])  # fmt: skip
    assert code == 0
    with cohort.gradebook() as gradebook:
        totals = {
            s.student_id: sum(g.auto_score or 0 for nb in s.notebooks for g in nb.grades)
            for s in gradebook.assignment_submissions(ASSIGNMENT)
        }
    assert totals == {"giai": 11, "chua-lam": 0}


@pytest.mark.parametrize("client", ["plain-tcp", "another-authority"])
def test_dask_clients_without_the_programmes_certificate_are_refused(tls_cluster, client):
    from distributed import Client
    from distributed.security import Security

    ours, theirs = tls_cluster["ours"], tls_cluster["theirs"]
    if client == "plain-tcp":
        address, security = f"tcp://127.0.0.1:{tls_cluster['port']}", None
    else:
        address = tls_cluster["address"]
        security = Security(tls_ca_file=ours["ca"][0], tls_client_cert=theirs["ke-la"][0],
                            tls_client_key=theirs["ke-la"][1], require_encryption=True)  # fmt: skip
    with pytest.raises((OSError, TimeoutError)):
        Client(address, security=security, timeout=5, set_as_default=False)


def _first_read(port: int, ca: str, cert: tuple[str, str] | None) -> bytes:
    """The first byte the scheduler sends a TLS client (with ``cert``, or none)."""
    import socket
    import ssl

    context = ssl.create_default_context(cafile=ca)
    context.check_hostname = False  # Dask's own clients do not check names either
    if cert is not None:
        context.load_cert_chain(*cert)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw) as tls:
            return tls.recv(1)


def test_a_tls_client_without_a_certificate_is_refused(tls_cluster):
    """Dask will not even try without a client certificate; a bare TLS client shows the
    scheduler itself refuses it (and speaks to one that has ours)."""
    import ssl

    ours = tls_cluster["ours"]
    # accepted: the scheduler opens Dask's own handshake
    assert _first_read(tls_cluster["port"], ours["ca"][0], ours["giang-vien"]) != b""
    try:
        answer = _first_read(tls_cluster["port"], ours["ca"][0], None)
    except (ssl.SSLError, ConnectionError):
        return  # refused during or right after the handshake
    assert answer == b""  # or the connection closed at once
