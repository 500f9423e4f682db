"""Known-wrong answers of 03-cham-soc-khach-hang: each must fail its check with this message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
"""

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    # bot replies counted as answers
    (
        "cau-1",
        "trung_vi_phan_hoi = care.first_response_hours(phieu, tin_nhan, count_bots=True).median()",
        "kiem-tra-cau-1",
        "tin trả lời tự động của bot",
    ),
    # mean instead of median
    (
        "cau-1",
        "trung_vi_phan_hoi = care.first_response_hours(phieu, tin_nhan).mean()",
        "kiem-tra-cau-1",
        "trung bình (mean)",
    ),
    (
        "cau-1",
        "trung_vi_phan_hoi = care.first_response_hours(phieu, tin_nhan).median() * 60",
        "kiem-tra-cau-1",
        "đổi ra phút",
    ),
    (
        "cau-2",
        "p90_phan_hoi = care.first_response_hours(phieu, tin_nhan, count_bots=True).quantile(0.9)",
        "kiem-tra-cau-2",
        "tin trả lời tự động của bot",
    ),
    (
        "cau-2",
        "p90_phan_hoi = care.first_response_hours(phieu, tin_nhan).quantile(0.1)",
        "kiem-tra-cau-2",
        "phân vị 0,1",
    ),
    (
        "cau-3",
        "ti_le_vi_pham_12h = (care.first_response_hours(phieu, tin_nhan).dropna() > 12).mean()",
        "kiem-tra-cau-3",
        "phiếu chưa ai trả lời",
    ),
    (
        "cau-3",
        "ti_le_vi_pham_12h = care.sla_breach_rate("
        "care.first_response_hours(phieu, tin_nhan, count_bots=True), 12)",
        "kiem-tra-cau-3",
        "bot",
    ),
    # weekend counted as business hours
    (
        "cau-4",
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=care.BusinessHours("
        "start='08:00', end='21:00', weekdays=(0, 1, 2, 3, 4, 5, 6), "
        "holidays=care.vn_holidays(2025, 2026))).median()",
        "kiem-tra-cau-4",
        "thứ Bảy và Chủ Nhật",
    ),
    (
        "cau-4",
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan).median()",
        "kiem-tra-cau-4",
        "giờ theo lịch",
    ),
    (
        "cau-4",
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, "
        "hours=care.BusinessHours(start='08:00', end='21:00')).median()",
        "kiem-tra-cau-4",
        "ngày lễ",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00', holidays=care.vn_holidays(2025, 2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "chờ khách",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00', holidays=care.vn_holidays(2025, 2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).mean()",
        "kiem-tra-cau-4",
        "trung bình (mean)",
    ),
    # câu 4: the learner's own business-hours window
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00', weekdays=(2, 3, 4, 5, 6), "
        "holidays=care.vn_holidays(2025, 2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "đánh số ngày trong tuần từ 0",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00', weekdays=(1, 2, 3, 4, 5), "
        "holidays=care.vn_holidays(2025, 2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "thứ Ba đến thứ Bảy",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00', holidays=care.vn_holidays(2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "năm 2026",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(holidays=care.vn_holidays(2025, 2026))\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "mặc định của care.BusinessHours là 17:00",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours()\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "giá trị mặc định",
    ),
    (
        "cau-4",
        "gio_lam = care.BusinessHours(start='08:00', end='21:00')\n"
        "trung_vi_giai_quyet = care.resolution_hours(phieu, tin_nhan, hours=gio_lam).median()",
        "kiem-tra-cau-4",
        "quên các ngày lễ",
    ),
    (
        "cau-5",
        "ti_le_phan_hoi_shopee = care.chat_response_rate(phieu, tin_nhan, "
        "care.SHOPEE.replace(exclude_auto_replies=False), as_of='2026-02-28')",
        "kiem-tra-cau-5",
        "Shopee không tính tin tự động",
    ),
    (
        "cau-5",
        "ti_le_phan_hoi_shopee = care.chat_response_rate(phieu, tin_nhan, 'tiktok', as_of='2026-02-28')",
        "kiem-tra-cau-5",
        "TikTok Shop",
    ),
    # câu 5 in the learner's own pandas: the 90-day window, 2 customer messages, bots
    (
        "cau-5",
        "so = tin_nhan[tin_nhan['author'] == 'customer'].groupby('ticket_id').size()\n"
        "ti_le_phan_hoi_shopee = (phan_hoi[so >= 2] <= 12).mean()",
        "kiem-tra-cau-5",
        "90 ngày gần nhất",
    ),
    (
        "cau-5",
        "so = tin_nhan[tin_nhan['author'] == 'customer'].groupby('ticket_id').size()\n"
        "duoc = (khach >= '2025-12-01') & (khach < '2026-03-01') & (so >= 2)\n"
        "ti_le_phan_hoi_shopee = (phan_hoi[duoc].dropna() <= 12).mean()",
        "kiem-tra-cau-5",
        "chưa ai trả lời",
    ),
    (
        "cau-5",
        "so = tin_nhan[tin_nhan['author'] == 'customer'].groupby('ticket_id').size()\n"
        "ti_le_phan_hoi_shopee = (phan_hoi[(khach > '2025-11-30') & (so > 1)] <= 12).mean()",
        "kiem-tra-cau-5",
        "91 ngày",
    ),
    (
        "cau-5",
        "so = tin_nhan.groupby('ticket_id').size()\n"
        "duoc = (khach >= '2025-12-01') & (khach < '2026-03-01') & (so >= 2)\n"
        "ti_le_phan_hoi_shopee = (phan_hoi[duoc] <= 12).mean()",
        "kiem-tra-cau-5",
        "ít nhất 2 tin của KHÁCH",
    ),
    (
        "cau-5",
        "so = tin_nhan[tin_nhan['author'] == 'customer'].groupby('ticket_id').size()\n"
        "duoc = (khach >= '2025-12-01') & (khach < '2026-03-01')\n"
        "ti_le_phan_hoi_shopee = (phan_hoi[duoc] <= 12).mean()",
        "kiem-tra-cau-5",
        "ít nhất 2 tin của khách",
    ),
    (
        "cau-5",
        "tra_loi = tin_nhan[tin_nhan['author'] != 'customer'].groupby('ticket_id')['sent'].min()\n"
        "ph = (tra_loi - khach).dt.total_seconds() / 3600\n"
        "so = tin_nhan[tin_nhan['author'] == 'customer'].groupby('ticket_id').size()\n"
        "duoc = (khach >= '2025-12-01') & (khach < '2026-03-01') & (so >= 2)\n"
        "ti_le_phan_hoi_shopee = (ph[duoc] <= 12).mean()",
        "kiem-tra-cau-5",
        "Shopee không tính tin tự động",
    ),
    (
        "cau-6",
        "tieu_chi_chua_dat = ['rating']",
        "kiem-tra-cau-6",
        "tin tự động của bot",
    ),
    (
        "cau-6",
        "tieu_chi_chua_dat = []",
        "kiem-tra-cau-6",
        "mọi tiêu chí cùng đạt",
    ),
    # CSAT over every survey, blanks included
    (
        "cau-7",
        "ti_le_csat = (khao_sat['csat'] >= 4).sum() / len(khao_sat)",
        "kiem-tra-cau-7",
        "kể cả ô trống",
    ),
    (
        "cau-7",
        "ti_le_csat = (khao_sat['csat'].dropna() == 5).mean()",
        "kiem-tra-cau-7",
        "chỉ đếm 5 sao",
    ),
    # NPS as an average score
    (
        "cau-8",
        "diem_nps = nps_ks['score'].mean()",
        "kiem-tra-cau-8",
        "điểm trung bình",
    ),
    (
        "cau-8",
        "diem_nps = (nps_ks['score'] >= 9).mean() * 100",
        "kiem-tra-cau-8",
        "người chê",
    ),
    (
        "cau-9",
        "so_danh_gia_giao_hang = int(danh_gia['text'].str.contains('giao hàng').sum())",
        "kiem-tra-cau-9",
        "chuẩn hóa",
    ),
    (
        "cau-9",
        "so_danh_gia_giao_hang = int(danh_gia['text'].str.lower().str.contains('giao hàng').sum())",
        "kiem-tra-cau-9",
        "chữ thường",
    ),
    (
        "cau-10",
        "chu_de_phan_nan_nhieu_nhat = care.topic_flags(danh_gia['text']).sum().idxmax()",
        "kiem-tra-cau-10",
        "cả lời khen",
    ),
    # NaN > 12 is False: unanswered tickets silently counted as on time
    (
        "cau-3",
        "phan_hoi = care.first_response_hours(phieu, tin_nhan)\n"
        "ti_le_vi_pham_12h = float((phan_hoi > 12).mean())",
        "kiem-tra-cau-3",
        "NaN > 12",
    ),
    (
        "cau-3",
        "ti_le_vi_pham_12h = 100 * care.sla_breach_rate(care.first_response_hours(phieu, tin_nhan), 12)",
        "kiem-tra-cau-3",
        "không nhân 100",
    ),
    # the decisions now taken in the learner's own pandas code
    (
        "cau-1",
        'khach = tin_nhan[tin_nhan["author"] == "customer"].groupby("ticket_id")["sent"].min()\n'
        'tra_loi = tin_nhan[tin_nhan["author"] != "customer"].groupby("ticket_id")["sent"].min()\n'
        "trung_vi_phan_hoi = ((tra_loi - khach).dt.total_seconds() / 3600).median()",
        "kiem-tra-cau-1",
        "tin trả lời tự động của bot",
    ),
    ("cau-7", 'ti_le_csat = (khao_sat["csat"] >= 4).mean()', "kiem-tra-cau-7", "dropna"),
    (
        "cau-8",
        'diem = nps_ks["score"].dropna()\ndiem_nps = (diem >= 9).mean() - (diem <= 6).mean()',
        "kiem-tra-cau-8",
        "nhân kết quả với 100",
    ),
    (
        "cau-10",
        'chu_de_phan_nan_nhieu_nhat = care.topic_flags(danh_gia["text"]).sum().idxmax()',
        "kiem-tra-cau-10",
        "cả lời khen",
    ),
]
