"""What ``hocso`` says to a trainer, in the project's message catalogue (:mod:`toolkit.i18n`).

Vietnamese by default, English with ``HOCSO_LANG=en``, as every message of
the project. A toolkit skill package registers its messages in its
``_messages.py``; ``grading`` registers its own here, on import, under keys
starting ``hocso.``: CLI summaries and next steps (``hocso.cli.*``), the
words of CLI tables (``hocso.word.*``), error framing (``hocso.error.*``).

A new verb adds its lines to :data:`MESSAGES` and prints them with
:func:`say`; a test checks that every key has both languages and that the
fields of the two templates are the same.

Examples
--------
>>> say("hocso.cli.roster_shown", count=3, lang="vi")
'3 học viên trong danh sách'
>>> say("hocso.cli.roster_shown", count=3, lang="en")
'3 learner(s) enrolled'
>>> word("graded", lang="vi"), word("graded", lang="en"), word("HV01", lang="vi")
('đã chấm', 'graded', 'HV01')
"""

from __future__ import annotations

from toolkit.i18n import current_language, register, t

__all__ = ["MESSAGES", "WORDS", "say", "word"]

#: ``{key: {"vi": template, "en": template}}`` of the CLI's sentences.
MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "hocso.error.frame": {
        "vi": "hocso {command}: lỗi: {message}",
        "en": "hocso {command}: error: {message}",
    },
    "hocso.formgrader.after_solutions": {
        "vi": "nộp lúc {submitted}, sau khi đã phát lời giải ({released})",
        "en": "handed in at {submitted}, after the solutions went out ({released})",
    },
    "hocso.error.gradebook_locked": {
        "vi": "sổ điểm {path} đang bị một chương trình khác khoá ({detail}): "
        "hãy chờ lệnh hocso hoặc Formgrader kia chạy xong rồi chạy lại lệnh này",
        "en": "the gradebook {path} is locked by another program ({detail}): "
        "wait for the other hocso command or Formgrader to finish, then run this again",
    },
    "hocso.error.gradebook_damaged": {
        "vi": "sổ điểm {path} bị hỏng hoặc không phải sổ điểm ({detail}): hãy khôi phục bản sao "
        "lưu (cp {path}.bak {path}, nếu có) hoặc kiểm tra nó bằng "
        "`sqlite3 {path} 'PRAGMA integrity_check'`",
        "en": "the gradebook {path} is damaged or not a gradebook ({detail}): restore its backup "
        "(cp {path}.bak {path}, if you keep one) or check it with "
        "`sqlite3 {path} 'PRAGMA integrity_check'`",
    },
    "hocso.error.gradebook_unreachable": {
        "vi": "không dùng được cơ sở dữ liệu sổ điểm {url} ({detail}): hãy kiểm tra máy chủ cơ sở "
        "dữ liệu đang chạy và địa chỉ (--db-url, $HOCSO_DB_URL) là đúng",
        "en": "cannot use the gradebook database {url} ({detail}): check that the database "
        "server is running and that the URL (--db-url, $HOCSO_DB_URL) is right",
    },
    "hocso.error.autograde_failed": {
        "vi": "hocso autograde: {count} bài không chấm được (xem cột ghi chú)",
        "en": "hocso autograde: {count} submission(s) could not be graded (see notes)",
    },
    "hocso.error.feedback_leak": {
        "vi": "hocso feedback: đã giữ lại nhận xét vì nó để lộ bài kiểm tra ẩn (xem ghi chú)",
        "en": "hocso feedback: feedback withheld, it showed hidden tests (see notes)",
    },
    "hocso.error.feedback_failed": {
        "vi": "hocso feedback: {count} bài lỗi (xem ghi chú)",
        "en": "hocso feedback: {count} failed (see notes)",
    },
    "hocso.error.demo_scores": {
        "vi": "điểm khác với thiết kế ở: {learners}",
        "en": "scores differ from the design for: {learners}",
    },
    "hocso.error.not_valid": {
        "vi": "{code} KHÔNG hợp lệ: {reason}",
        "en": "{code} is NOT valid: {reason}",
    },
    "hocso.cli.course": {"vi": "hocso: khoá học {course}", "en": "hocso: course {course}"},
    # build, lab
    "hocso.cli.built": {
        "vi": "đã tạo và kiểm tra {count} bài tập: không lộ lời giải hay bài kiểm tra ẩn nào",
        "en": "built and validated {count} assignment(s): no solution or hidden test leaked",
    },
    # roster
    "hocso.cli.roster_imported": {
        "vi": "đã nhập {count} học viên: {added} thêm mới, {updated} cập nhật, "
        "{unchanged} không đổi",
        "en": "imported {count} learner(s): {added} added, {updated} updated, "
        "{unchanged} unchanged",
    },
    "hocso.cli.roster_kept_columns": {
        "vi": "các cột không có trong tệp được giữ nguyên: {columns}",
        "en": "columns not in the file, kept as they were: {columns}",
    },
    "hocso.cli.roster_removed": {
        "vi": "đã xoá {learner} khỏi danh sách",
        "en": "removed {learner} from the roster",
    },
    "hocso.cli.roster_removed_grades": {
        "vi": "đã xoá điểm của họ ở: {assignments}",
        "en": "deleted their grades of: {assignments}",
    },
    "hocso.cli.roster_removed_moved": {
        "vi": "{count} thư mục/tệp của họ được cất vào .hocso/removed/",
        "en": "their {count} folder(s)/file(s) were set aside in .hocso/removed/",
    },
    "hocso.cli.roster_renamed": {
        "vi": "đã đổi mã {learner} thành {new}: {submissions} bài đã chấm và {moved} "
        "thư mục/tệp được chuyển theo",
        "en": "renamed {learner} to {new}: {submissions} graded submission(s) and {moved} "
        "folder(s)/file(s) moved with them",
    },
    "hocso.cli.roster_shown": {
        "vi": "{count} học viên trong danh sách",
        "en": "{count} learner(s) enrolled",
    },
    # release, solutions
    "hocso.cli.lateness_changed": {
        "vi": "đổi trạng thái muộn: {change}",
        "en": "lateness changed: {change}",
    },
    "hocso.cli.regrade_after_due": {
        "vi": "hãy chạy `hocso autograde {assignment} --force` để cập nhật điểm của họ",
        "en": "run `hocso autograde {assignment} --force` to update their grades",
    },
    "hocso.cli.released": {
        "vi": "đã phát {assignment}: học viên nhận bài trong JupyterLab, menu Nbgrader > "
        "Bài tập của lớp",
        "en": "released {assignment}: learners fetch it in JupyterLab, menu Nbgrader > "
        "`Bài tập của lớp` (Assignments)",
    },
    "hocso.cli.learner_config": {
        "vi": "đã ghi {path} (để JupyterLab ở đó biết thư mục trao đổi)",
        "en": "wrote {path} (tells a JupyterLab there where the exchange is)",
    },
    "hocso.cli.wrote": {"vi": "đã ghi {path}", "en": "wrote {path}"},
    "hocso.cli.kept": {
        "vi": "giữ nguyên {path} (đã có; không bao giờ ghi đè)",
        "en": "kept {path} (already there; never overwritten)",
    },
    "hocso.cli.solutions_workspace": {
        "vi": "đã phát lời giải của {assignment} vào thư mục làm bài",
        "en": "released the worked solution of {assignment} to the workspace",
    },
    "hocso.cli.solutions_exchange": {
        "vi": "đã phát lời giải của {assignment} vào thư mục trao đổi: học viên nhận nó ở "
        "thẻ Bài tập",
        "en": "released the worked solution of {assignment} to the exchange: learners fetch "
        "it from the Assignments tab",
    },
    # collect
    "hocso.cli.collected": {
        "vi": "đã thu {count} bài nộp của {assignment} ({new} mới hoặc cập nhật)",
        "en": "collected {count} submission(s) of {assignment} ({new} new or updated)",
    },
    "hocso.cli.not_submitted": {
        "vi": "{count} học viên chưa nộp: {learners}",
        "en": "no submission yet from {count}: {learners}",
    },
    "hocso.cli.not_on_roster": {
        "vi": "cảnh báo: không có trong danh sách (hãy kiểm tra mã họ đã dùng): {learners}",
        "en": "warning: not on the roster (check the id they used): {learners}",
    },
    "hocso.cli.skipped": {"vi": "bỏ qua {folder}: {reason}", "en": "skipped {folder}: {reason}"},
    "hocso.cli.token_convenience": {
        "vi": "lưu ý: mã nộp bài trên một tài khoản máy dùng chung chỉ để tiện, không bảo mật "
        "(xem README); lớp cần danh tính thật thì dùng hocso hub",
        "en": "note: shared-account tokens are a convenience, not security (see README); "
        "for real identity use hocso hub",
    },
    "hocso.cli.unverified": {
        "vi": "lưu ý: chưa xác minh người nộp (chưa cấp mã, check_owner tắt)",
        "en": "note: submitters not verified (no tokens issued, check_owner off)",
    },
    # autograde
    "hocso.cli.note_restored": {
        "vi": "đã đặt lại ô kiểm tra bị xoá: {cells}",
        "en": "deleted test cells put back: {cells}",
    },
    "hocso.cli.note_tampered": {
        "vi": "đã thay lại ô khoá bị sửa: {cells}",
        "en": "edited locked cells replaced: {cells}",
    },
    "hocso.cli.note_manual": {
        "vi": "còn câu tự luận cần chấm tay",
        "en": "written answers to grade",
    },
    "hocso.cli.autograded": {
        "vi": "{assignment}: {graded} đã chấm, {unchanged} không đổi (dùng --force để chấm "
        "lại), {failed} lỗi",
        "en": "{assignment}: {graded} graded, {unchanged} unchanged (use --force to regrade), "
        "{failed} failed",
    },
    "hocso.cli.per_submission": {
        "vi": "; {seconds} giây mỗi bài",
        "en": "; {seconds} s per submission",
    },
    # feedback
    "hocso.cli.feedback_returned": {
        "vi": "{assignment}: đã trả nhận xét cho {released} học viên, {waiting} bài chờ chấm "
        "tay; không lộ bài kiểm tra ẩn nào",
        "en": "{assignment}: feedback returned to {released} learner(s), {waiting} waiting for "
        "manual grading; no hidden test shown",
    },
    # grades, status
    "hocso.cli.grades_written": {
        "vi": "đã ghi {count} dòng vào {path}",
        "en": "wrote {count} row(s) to {path}",
    },
    "hocso.cli.status_course": {"vi": "khoá học:  {value}", "en": "course:    {value}"},
    "hocso.cli.status_gradebook": {"vi": "sổ điểm:   {value}", "en": "gradebook: {value}"},
    "hocso.cli.status_exchange": {"vi": "trao đổi:  {value}", "en": "exchange:  {value}"},
    "hocso.cli.status_learners": {
        "vi": "học viên:  {count} trong danh sách",
        "en": "learners:  {count} enrolled",
    },
    "hocso.next.release": {"vi": "hocso release {assignment}", "en": "hocso release {assignment}"},
    "hocso.next.collect": {"vi": "hocso collect {assignment}", "en": "hocso collect {assignment}"},
    "hocso.next.autograde": {
        "vi": "hocso autograde {assignment}",
        "en": "hocso autograde {assignment}",
    },
    "hocso.next.check_failed": {
        "vi": "xem các bài lỗi: hocso autograde {assignment}",
        "en": "check the failed submissions: hocso autograde {assignment}",
    },
    "hocso.next.manual": {
        "vi": "chấm các câu tự luận trong Formgrader",
        "en": "grade the written answers in Formgrader",
    },
    "hocso.next.feedback": {
        "vi": "hocso feedback {assignment}",
        "en": "hocso feedback {assignment}",
    },
    "hocso.next.grades": {
        "vi": "hocso grades --out grades.csv",
        "en": "hocso grades --out grades.csv",
    },
    "hocso.next.wait": {"vi": "chờ học viên nộp bài", "en": "wait for submissions"},
    # demo
    "hocso.cli.demo_summary": {
        "vi": "lớp mẫu: {learners} học viên, {runs} bài được chấm tự động, {each} giây mỗi bài; "
        "cả chu trình {total} giây",
        "en": "demo cohort: {learners} learners, {runs} submissions autograded in {each} s "
        "each; whole cycle {total} s",
    },
    "hocso.cli.demo_folder": {"vi": "thư mục:  {path}", "en": "folder:   {path}"},
    "hocso.cli.demo_grades": {"vi": "bảng điểm: {path}", "en": "grades:   {path}"},
    "hocso.cli.demo_feedback": {"vi": "nhận xét: {path}", "en": "feedback: {path}"},
    "hocso.cli.demo_ok": {
        "vi": "mọi học viên đều được đúng điểm thiết kế",
        "en": "every learner got the designed score",
    },
    # report, certificates, verify
    "hocso.cli.report_html": {"vi": "báo cáo: {path}", "en": "report: {path}"},
    "hocso.cli.report_excel": {"vi": "excel:   {path}", "en": "excel:  {path}"},
    "hocso.cli.report_csv": {
        "vi": "csv:     {count} tệp trong {folder}",
        "en": "csv:    {count} file(s) in {folder}",
    },
    "hocso.cli.report_summary": {
        "vi": "{learners} học viên, {at_risk} cần hỗ trợ (xem đầu báo cáo)",
        "en": "{learners} learner(s), {at_risk} need support (see the top of the report)",
    },
    "hocso.cli.not_eligible": {"vi": "chưa đủ điều kiện: {why}", "en": "not eligible: {why}"},
    "hocso.cli.certificates": {
        "vi": "đã ghi {count} chứng nhận vào {folder}; điều kiện: {rule}",
        "en": "{count} certificate(s) written to {folder}; rule: {rule}",
    },
    "hocso.cli.verify_learner": {
        "vi": "học viên: {learner} ({name})",
        "en": "learner:  {learner} ({name})",
    },
    "hocso.cli.verify_course": {
        "vi": "khoá học: {title} ({course}), cấp ngày {issued}",
        "en": "course:   {title} ({course}), issued {issued}",
    },
    "hocso.cli.verify_score": {
        "vi": "điểm:     {percent} %; kỹ năng: {skills}",
        "en": "score:    {percent} %; skills: {skills}",
    },
    "hocso.cli.verify_valid": {
        "vi": "hợp lệ: chứng nhận này khớp với sổ điểm",
        "en": "valid: this certificate matches the gradebook",
    },
}

#: Words of CLI tables (headers and status words), English -> Vietnamese.
WORDS: dict[str, str] = {
    "assignment": "bài tập",
    "notebooks": "số notebook",
    "graded cells": "ô chấm điểm",
    "points": "điểm tối đa",
    "files": "tệp",
    "count": "số lượng",
    "id": "mã",
    "full name": "họ và tên",
    "group": "nhóm",
    "email": "email",
    "roster": "danh sách",
    "field": "thông tin",
    "before": "trước",
    "after": "sau",
    "due": "hạn nộp",
    "exchange folder": "thư mục trao đổi",
    "learner": "học viên",
    "submitted at": "nộp lúc",
    "late": "muộn",
    "collected": "đã thu",
    "autograde": "chấm tự động",
    "score": "điểm",
    "notes": "ghi chú",
    "feedback": "nhận xét",
    "status": "trạng thái",
    "released": "đã phát",
    "to collect": "chờ thu",
    "graded": "đã chấm",
    "needs manual grading": "chờ chấm tay",
    "autograde failed": "chấm tự động lỗi",
    "not graded yet": "chưa chấm",
    "not submitted": "chưa nộp",
    "not released": "chưa phát",
    "failed": "lỗi",
    "manual": "chờ chấm tay",
    "next step": "bước tiếp theo",
    "situation": "tình huống",
    "designed": "điểm thiết kế",
    "check": "kiểm tra",
    "added": "thêm mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "new": "mới",
    "yes": "có",
    "no": "không",
    "built": "đã tạo",
    "waiting": "đang chờ",
    "withheld": "giữ lại",
    "NOT ON ROSTER": "KHÔNG CÓ TRONG DANH SÁCH",
    "full_name": "họ và tên",
    "verification code": "mã xác minh",
    "pdf": "pdf",
    "DIFFERENT": "KHÁC",
    "ok": "đúng",
}


def _word_key(text: str) -> str:
    return "hocso.word." + text.replace(" ", "-")


register(MESSAGES)
register({_word_key(en): {"vi": vi, "en": en} for en, vi in WORDS.items()})


def say(key: str, /, *, lang: str | None = None, **fields: object) -> str:
    """The message ``key`` in the trainer's language (:func:`toolkit.i18n.t`)."""
    return t(key, lang=lang, **fields)


def word(text: str, /, *, lang: str | None = None) -> str:
    """A word of a CLI table in the trainer's language; any other text unchanged."""
    if text not in WORDS:
        return text
    return t(_word_key(text), lang=lang or current_language())
