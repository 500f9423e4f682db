"""Learner-facing messages of :mod:`toolkit.care` (Vietnamese and English)."""

from __future__ import annotations

from toolkit.i18n import register

register(
    {
        "care.error.missing_column": {
            "vi": "Bảng {table} thiếu cột '{column}'. Các cột cần có: {required}.",
            "en": "Table {table} has no column '{column}'. Required columns: {required}.",
        },
        "care.error.bad_time": {
            "vi": (
                "Phiếu {ticket}: cột '{column}' có giá trị '{value}' không phải thời điểm hợp lệ. "
                "Hãy viết dạng YYYY-MM-DD HH:MM:SS, ví dụ 2026-01-05 08:30:00."
            ),
            "en": (
                "Ticket {ticket}: column '{column}' holds '{value}', which is not a valid "
                "timestamp. Write it as YYYY-MM-DD HH:MM:SS, e.g. 2026-01-05 08:30:00."
            ),
        },
        "care.error.missing_time": {
            "vi": "Phiếu {ticket}: cột '{column}' đang để trống, nhưng mỗi phiếu cần có thời điểm này.",
            "en": "Ticket {ticket}: column '{column}' is empty, but every ticket needs this time.",
        },
        "care.error.resolved_before_created": {
            "vi": (
                "Phiếu {ticket}: thời điểm '{column}' ({resolved}) lại sớm hơn lúc tạo phiếu "
                "({created}). Hãy kiểm tra lại dữ liệu của phiếu này."
            ),
            "en": (
                "Ticket {ticket}: '{column}' ({resolved}) is earlier than the time the ticket "
                "was created ({created}). Check this ticket's data."
            ),
        },
        "care.error.reopen_order": {
            "vi": (
                "Phiếu {ticket}: thứ tự thời gian không đúng. Cần: giải quyết lần đầu "
                "(first_resolved) ≤ mở lại (reopened) ≤ giải quyết xong (resolved)."
            ),
            "en": (
                "Ticket {ticket}: times are out of order. Expected first_resolved ≤ reopened "
                "≤ resolved."
            ),
        },
        "care.error.unknown_author": {
            "vi": (
                "Phiếu {ticket}: tin nhắn có người gửi '{author}' không rõ là ai. "
                "Người gửi phải là một trong: {allowed}."
            ),
            "en": (
                "Ticket {ticket}: a message has the unknown author '{author}'. "
                "The author must be one of: {allowed}."
            ),
        },
        "care.error.unknown_ticket": {
            "vi": "Tin nhắn thuộc phiếu {ticket}, nhưng bảng phiếu hỗ trợ không có phiếu này.",
            "en": "A message belongs to ticket {ticket}, which is not in the tickets table.",
        },
        "care.error.duplicate_ticket": {
            "vi": "Mã phiếu {ticket} xuất hiện nhiều lần trong bảng phiếu hỗ trợ; mỗi phiếu chỉ một dòng.",
            "en": "Ticket id {ticket} appears more than once; one row per ticket.",
        },
        "care.error.score_range": {
            "vi": (
                "Cột '{column}' có điểm {value} ở dòng {row}, ngoài thang {low}–{high}. "
                "Ô để trống (khách không trả lời) thì để trống, đừng ghi 0."
            ),
            "en": (
                "Column '{column}' holds the score {value} at row {row}, outside the "
                "{low}–{high} scale. Leave unanswered cells empty rather than 0."
            ),
        },
        "care.error.not_scores": {
            "vi": "Cần một cột điểm (số), nhưng nhận được {found}.",
            "en": "Expected a column of scores (numbers), but got {found}.",
        },
        "care.error.no_answers": {
            "vi": "Không có câu trả lời nào (mọi ô đều trống), nên không tính được {metric}.",
            "en": "There are no answers (every cell is empty), so {metric} cannot be computed.",
        },
        "care.error.rules": {
            "vi": "Không có bộ quy định '{name}'. Các bộ có sẵn: {options}.",
            "en": "There is no rule set '{name}'. Available: {options}.",
        },
        "care.error.badge_stat": {
            "vi": "Thiếu chỉ số '{stat}' để xét huy hiệu {badge}. Cần có: {required}.",
            "en": "The statistic '{stat}' is missing for the {badge} badge. Required: {required}.",
        },
        "care.error.not_text": {
            "vi": "Cần một chuỗi chữ hoặc một cột chữ (Series), nhưng nhận được {found}.",
            "en": "Expected a text or a column of texts (Series), but got {found}.",
        },
        "care.error.bad_moment": {
            "vi": (
                "{name} = '{value}' không phải một thời điểm. Hãy viết dạng YYYY-MM-DD "
                "hoặc YYYY-MM-DD HH:MM, ví dụ 2026-03-01."
            ),
            "en": "{name} = '{value}' is not a time. Write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-03-01.",
        },
        "care.error.sla_target": {
            "vi": "Mốc SLA phải là một số giờ lớn hơn 0 (ví dụ 12), nhưng bạn truyền {value!r}.",
            "en": "The SLA target must be a number of hours above 0 (e.g. 12), not {value!r}.",
        },
        "care.error.sla_unresolved": {
            "vi": "unresolved chỉ nhận 'breach' hoặc 'exclude', không nhận {value!r}.",
            "en": "unresolved must be 'breach' or 'exclude', not {value!r}.",
        },
        "care.error.bad_hours": {
            "vi": (
                "Cột '{column}' cần số giờ ≥ 0 (hoặc để trống), nhưng có '{value}' ở dòng {row}. "
                "Hãy dùng kết quả của first_response_hours hoặc resolution_hours."
            ),
            "en": (
                "Column '{column}' must hold hours ≥ 0 (or be empty), but row {row} holds "
                "'{value}'. Use the result of first_response_hours or resolution_hours."
            ),
        },
        "care.error.holiday_year": {
            "vi": (
                "Không có lịch nghỉ lễ của năm {year}: nguồn ngày lễ Việt Nam (gói holidays) "
                "chỉ có các năm {first}–{last}. Hãy tự nhập ngày nghỉ của năm này "
                "(tham số holidays của BusinessHours)."
            ),
            "en": (
                "No public holidays for the year {year}: the Vietnamese holiday source (the "
                "holidays package) covers {first}–{last} only. Enter this year's days off "
                "yourself (the holidays argument of BusinessHours)."
            ),
        },
        "care.error.holiday_no_year": {
            "vi": "Hãy cho biết năm cần lấy ngày lễ, ví dụ vn_holidays(2026, 2027).",
            "en": "Say which years you want holidays for, e.g. vn_holidays(2026, 2027).",
        },
        "care.error.holiday_not_date": {
            "vi": (
                "Ngày nghỉ '{value}' không phải một ngày (datetime.date). "
                "Hãy viết ví dụ datetime.date(2027, 2, 11)."
            ),
            "en": "The day off '{value}' is not a date (datetime.date), e.g. datetime.date(2027, 2, 11).",
        },
        "care.error.business_hours": {
            "vi": "Giờ làm việc không hợp lệ: giờ mở cửa {start} phải sớm hơn giờ đóng cửa {end}.",
            "en": "Invalid business hours: opening {start} must be before closing {end}.",
        },
        "care.error.dataset": {
            "vi": "Không có bộ dữ liệu chăm sóc khách hàng '{name}'. Có sẵn: {available}.",
            "en": "There is no customer-care dataset '{name}'. Available: {available}.",
        },
        "care.badge.passed": {
            "vi": "✅ Đạt mọi tiêu chí của {badge}.",
            "en": "✅ Meets every criterion of {badge}.",
        },
        "care.badge.failed": {
            "vi": "❌ Chưa đạt {badge}: {failed}.",
            "en": "❌ Does not meet {badge}: {failed}.",
        },
        "care.widget.week": {"vi": "Tuần bắt đầu", "en": "Week starting"},
        "care.widget.rules": {"vi": "Quy định sàn", "en": "Marketplace rules"},
        "care.widget.rate": {
            "vi": "Tỉ lệ phản hồi chat ({rules}, {window} ngày đến hết tuần): {rate} — ngưỡng {threshold}",
            "en": "Chat response rate ({rules}, {window} days to end of week): {rate} — threshold {threshold}",
        },
        "care.widget.slowest": {
            "vi": "Các phiếu phản hồi chậm nhất trong tuần",
            "en": "Slowest tickets of the week",
        },
        "care.widget.complaints": {
            "vi": "Khách phàn nàn nhiều nhất về (đánh giá trong tuần)",
            "en": "Top complaints (reviews of the week)",
        },
        "care.widget.none": {"vi": "Không có dữ liệu trong tuần này.", "en": "No data this week."},
        "care.widget.source": {"vi": "Nguồn: {kind}, năm {year}", "en": "Source: {kind}, {year}"},
        "care.widget.no_reply": {"vi": "chưa có phản hồi", "en": "no reply yet"},
        "care.source.official": {"vi": "quy định chính thức của sàn", "en": "official"},
        "care.source.third_party": {
            "vi": "tổng hợp của bên thứ ba (hướng dẫn cho người bán)",
            "en": "third-party summary",
        },
        "care.source.ours": {"vi": "giả định của chúng tôi", "en": "our assumption"},
        "care.col.ticket_id": {"vi": "Mã phiếu", "en": "Ticket"},
        "care.col.created": {"vi": "Tạo lúc", "en": "Created"},
        "care.col.channel": {"vi": "Kênh", "en": "Channel"},
        "care.col.topic": {"vi": "Chủ đề", "en": "Topic"},
        "care.col.wait_hours": {"vi": "Giờ chờ phản hồi", "en": "Hours to first reply"},
        "care.col.complaints": {"vi": "Số đánh giá phàn nàn", "en": "Complaints"},
        "care.col.share": {"vi": "Tỉ lệ", "en": "Share"},
        "care.col.examples": {"vi": "Ví dụ", "en": "Example"},
    }
)
