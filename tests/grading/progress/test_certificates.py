"""Certificates: the completion rule, exact Vietnamese text in the PDF, codes that resist tampering."""

from __future__ import annotations

import datetime as dt
import os
import stat
import unicodedata

import pytest

from grading.progress.certificates import (
    CertificateFields,
    CompletionRule,
    certificate_code,
    certificates,
    eligible,
    parse_code,
    verify,
)

DAY = dt.date(2026, 3, 10)


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def issued(shared_cohort, tmp_path_factory):
    out = tmp_path_factory.mktemp("certificates")
    old = os.umask(0o027)  # a trainer's umask: group may read, others not
    try:
        return certificates(
            out, cohort=shared_cohort, rule=CompletionRule(min_overall=0.5), issued=DAY
        )
    finally:
        os.umask(old)


def test_pdfs_follow_the_umask(issued):
    modes = {oct(path.stat().st_mode & 0o777) for _, _, path in issued.issued}
    assert modes == {"0o640"}  # not 0600 whatever the umask (mkstemp's mode)


def test_rule_overall_and_per_skill(progress):
    assert [k for k, v in eligible(progress, CompletionRule(min_overall=0.5)).items() if not v] == [
        "an",
        "binh",
    ]
    assert [k for k, v in eligible(progress, CompletionRule()).items() if not v] == ["an"]
    per_skill = eligible(progress, CompletionRule(per_skill=0.5))
    assert [k for k, v in per_skill.items() if not v] == ["an", "binh"]  # binh: 60 % and 50 %
    assert "ảnh sản phẩm" in eligible(progress, CompletionRule(per_skill=0.6))["binh"]
    loose = eligible(progress, CompletionRule(min_overall=0.25, require_all_submitted=False))
    assert loose["dung"] == ""
    assert loose["em"] != ""
    assert eligible(progress, CompletionRule(min_overall=0.25))["dung"] == "mới nộp 1/2 bài đã phát"


def test_pdf_text_has_exact_diacritics(issued):
    (an, binh) = issued.issued
    text = pdf_text(an[2])
    assert unicodedata.is_normalized("NFC", text)
    for expected in (
        "GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC",
        "Nguyễn Văn An",
        "đã hoàn thành khóa học «Kinh doanh số»",
        "gồm 2 bài: Bài 0 (khởi động), Bài 1 (ảnh sản phẩm)",
        "với kết quả 100 % số điểm của các bài này.",
        "gửi mã xác minh cho đơn vị tổ chức lớp học",
        "Kỹ năng thành thạo: khởi động, ảnh sản phẩm",
        "Ngày cấp: 10/03/2026",
        f"Mã xác minh: {an[1]}",
    ):
        assert expected in text
    assert "Trần Thị Bình" in pdf_text(binh[2])
    assert "Kỹ năng thành thạo: —" in pdf_text(binh[2])


def test_font_is_embedded(issued):
    data = issued.issued[0][2].read_bytes()
    assert b"/FontFile2" in data  # the TrueType program is in the file
    assert b"DejaVu" in data


def test_not_eligible_get_no_pdf(issued):
    assert dict(issued.not_eligible).keys() == {"chi", "dung", "em"}
    folder = issued.issued[0][2].parent
    assert sorted(p.name for p in folder.iterdir()) == ["an.pdf", "binh.pdf"]


def test_secret_is_private_and_stable(shared_cohort, issued):
    secret = shared_cohort.state_dir / "certificate-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = certificates(
        secret.parent / "again",
        cohort=shared_cohort,
        rule=CompletionRule(min_overall=0.5),
        issued=DAY,
    )
    assert [c for _, c, _ in again.issued] == [c for _, c, _ in issued.issued]


def test_verify_accepts_the_issued_code(shared_cohort, issued):
    fields, code, _ = issued.issued[0]
    result = verify(code, cohort=shared_cohort)
    assert result.valid, result.reason
    assert result.fields == fields
    assert verify(f"  {code.lower()} ", cohort=shared_cohort).valid  # typed by hand


def _tampered(code: str) -> list[str]:
    head, mac = code.rsplit("-", 1)
    flipped = [
        head + "-" + mac[:i] + ("A" if c != "A" else "B") + mac[i + 1 :] for i, c in enumerate(mac)
    ]
    return [
        *flipped,
        code.replace("HS-20260310-", "HS-20260311-"),
        code.replace("-an-", "-binh-"),
        code + "A",
        code[:-1],
        "HS-20260230-an-" + mac,
        "",
        "x" * 1000,
    ]


def test_verify_rejects_every_tampered_code(shared_cohort, issued):
    code = issued.issued[0][1]
    for bad in _tampered(code):
        result = verify(bad, cohort=shared_cohort)
        assert not result.valid, bad


def test_verify_rejects_when_the_gradebook_changed(synthetic, tmp_path):
    result = certificates(tmp_path / "c", cohort=synthetic, issued=DAY)
    (_fields, code, _) = result.issued[0]
    assert verify(code, cohort=synthetic).valid
    from grading.verbs.grades import set_manual_grade

    set_manual_grade("00-lam-quen", "an", "viet-cau-3", 0.0, cohort=synthetic)
    after = verify(code, cohort=synthetic)
    assert not after.valid
    assert after.fields.percent == 86  # 6 of 7 now


def test_code_from_another_secret_is_rejected():
    fields = CertificateFields("k", "K", "an", "Nguyễn Văn An", "2026-03-10", 90, ())
    assert certificate_code(fields, b"a" * 32) != certificate_code(fields, b"b" * 32)
    nfd = CertificateFields(
        "k", "K", "an", unicodedata.normalize("NFD", "Nguyễn Văn An"), "2026-03-10", 90, ()
    )
    assert certificate_code(fields, b"a" * 32) == certificate_code(nfd, b"a" * 32)


def test_parse_code_rejects_impossible_dates():
    with pytest.raises(ValueError, match="not a date"):
        parse_code("HS-20261399-an-ABCDEFGHIJKLMNOP")


def test_cli_certificates_and_verify(shared_cohort, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")  # asserts the English summary
    from grading.cli import main

    base = ["--course", str(shared_cohort.root), "--exchange", str(shared_cohort.exchange_root)]
    assert (
        main(
            [
                *base,
                "certificates",
                "--out",
                str(tmp_path),
                "--date",
                "2026-03-10",
                "--min-percent",
                "50",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    code = next(w for w in out.split() if w.startswith("HS-20260310-an-"))
    assert main([*base, "verify", code]) == 0
    assert "valid" in capsys.readouterr().out
    assert main([*base, "verify", code[:-1] + ("A" if code[-1] != "A" else "B")]) == 21
    assert "NOT valid" in capsys.readouterr().err


def test_long_names_shrink_to_fit(tmp_path):
    from grading.progress.certificates import render_pdf

    name = "Tôn Nữ Hoàng Thị Ngọc Diễm Phương Quỳnh Trang Nguyễn Đặng Thùy Dương"
    fields = CertificateFields("k", "Kinh doanh số", "x", name, "2026-03-10", 99, ("marketing",))
    path = tmp_path / "x.pdf"
    path.write_bytes(render_pdf(fields, "HS-20260310-x-ABCDEFGHIJKLMNOP"))
    assert name in pdf_text(path)
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) == 1


def test_one_learner_failing_stops_no_one(shared_cohort, tmp_path, monkeypatch):
    from grading.progress import certificates as module

    real = module.render_pdf

    def flaky(fields, code):
        if fields.learner == "an":
            raise OSError("disk full")
        return real(fields, code)

    monkeypatch.setattr(module, "render_pdf", flaky)
    result = certificates(
        tmp_path, cohort=shared_cohort, rule=CompletionRule(min_overall=0.5), issued=DAY
    )
    assert [f.learner for f, _, _ in result.issued] == ["binh"]
    assert "disk full" in dict(result.not_eligible)["an"]
    assert not (tmp_path / "an.pdf").exists()


def test_a_certificate_issued_before_assignments_were_named_still_verifies(shared_cohort, issued):
    from dataclasses import replace

    from grading.progress.certificates import certificate_code, course_secret, verify

    fields, _code, _path = issued.issued[0]
    old = certificate_code(replace(fields, assignments=()), course_secret(shared_cohort.root))
    assert verify(old, cohort=shared_cohort).valid
    forged = old[:-1] + ("A" if old[-1] != "A" else "B")
    assert not verify(forged, cohort=shared_cohort).valid
