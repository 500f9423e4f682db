"""Known-wrong answers of assignment 02-marketing: each must fail its check with this message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
The mistakes a seller makes with ad numbers: ROAS read as profit, CVR over
impressions, a percentage where a fraction is due, last-click only, a z-test
on counts instead of rates, and peeking at an A/B test.
"""

_TONG = "tong = quang_cao.groupby('channel')[['revenue_vnd', 'spend_vnd']].sum()\n"
_TIEN = "tien = quang_cao.groupby('channel')[['revenue_vnd', 'cogs_vnd', 'fees_vnd', 'spend_vnd']].sum()\n"
_TT = "tt = quang_cao[quang_cao['channel'] == 'TikTok']\n"
_THANG = (
    "thang = thanh_vien['order_date'].dt.strftime('%Y-%m')\n"
    "thang_dau = thang.groupby(thanh_vien['customer_id']).min()\n"
)
_ZA = "za = quang_cao[quang_cao['campaign'] == 'zalo-nhac-gio-hang']\n"
_DEM = "dem = marketing.ab_counts(thu_nghiem)\n"

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    # 1: ROAS per channel
    (
        "cau-1",
        _TONG
        + "roas_theo_kenh = (tong['spend_vnd'] / tong['revenue_vnd']).sort_values(ascending=False)",
        "kiem-tra-cau-1",
        "chia ngược",
    ),
    (
        "cau-1",
        "roas_theo_kenh = (quang_cao['revenue_vnd'] / quang_cao['spend_vnd'])"
        ".groupby(quang_cao['channel']).mean().sort_values(ascending=False)",
        "kiem-tra-cau-1",
        "trung bình ROAS của từng ngày",
    ),
    (
        "cau-1",
        _TONG + "roas_theo_kenh = tong['revenue_vnd'] / tong['spend_vnd']",
        "kiem-tra-cau-1",
        "sort_values",
    ),
    ("cau-1", "roas_theo_kenh = 6.98", "kiem-tra-cau-1", "pandas Series"),
    # 2: profit after fees — ROAS read as profit
    (
        "cau-2",
        _TIEN + "loi_nhuan_theo_kenh = tien['revenue_vnd'] - tien['spend_vnd']",
        "kiem-tra-cau-2",
        "chưa phải lãi",
    ),
    (
        "cau-2",
        _TIEN + "loi_nhuan_theo_kenh = tien['revenue_vnd'] - tien['cogs_vnd'] - tien['spend_vnd']",
        "kiem-tra-cau-2",
        "quên trừ phí",
    ),
    (
        "cau-2",
        _TIEN + "loi_nhuan_theo_kenh = tien['revenue_vnd'] - tien['cogs_vnd'] - tien['fees_vnd']",
        "kiem-tra-cau-2",
        "quên trừ tiền quảng cáo",
    ),
    # 3: the most profitable channel — ROAS read as profit
    ("cau-3", "kenh_lai_nhat = roas_theo_kenh.idxmax()", "kiem-tra-cau-3", "không phải lợi nhuận"),
    ("cau-3", "kenh_lai_nhat = 'Zalo'", "kiem-tra-cau-3", "ROI"),
    ("cau-3", "kenh_lai_nhat = 'Shopee'", "kiem-tra-cau-3", "không nằm trong"),
    # 4: break-even ROAS
    (
        "cau-4",
        _TT + "roas_hoa_von_tiktok = tt['revenue_vnd'].sum() / "
        "(tt['revenue_vnd'].sum() - tt['cogs_vnd'].sum())",
        "kiem-tra-cau-4",
        "chỉ trừ giá vốn",
    ),
    (
        "cau-4",
        _TT + "roas_hoa_von_tiktok = tt['revenue_vnd'].sum() / tt['spend_vnd'].sum()",
        "kiem-tra-cau-4",
        "Đó là ROAS của TikTok",
    ),
    # the margin itself (this message was once shadowed by a public range check)
    (
        "cau-4",
        _TT + "roas_hoa_von_tiktok = (tt['revenue_vnd'].sum() - tt['cogs_vnd'].sum() - "
        "tt['fees_vnd'].sum()) / tt['revenue_vnd'].sum()",
        "kiem-tra-cau-4",
        "biên lợi nhuận sau phí",
    ),
    # 5: CVR — over impressions, percent instead of fraction
    (
        "cau-5",
        _ZA + "cvr_zalo = za['orders'].sum() / za['impressions'].sum()",
        "kiem-tra-cau-5",
        "lượt hiển thị",
    ),
    (
        "cau-5",
        _ZA + "cvr_zalo = 100 * za['orders'].sum() / za['clicks'].sum()",
        "kiem-tra-cau-5",
        "phần trăm",
    ),
    (
        "cau-5",
        _ZA + "cvr_zalo = za['clicks'].sum() / za['impressions'].sum()",
        "kiem-tra-cau-5",
        "CTR",
    ),
    (
        "cau-5",
        _ZA + "cvr_zalo = (za['orders'] / za['clicks']).mean()",
        "kiem-tra-cau-5",
        "trung bình CVR",
    ),
    # 6: funnel
    ("cau-6", "buoc_mat_nhieu_nhat = 'ordered'", "kiem-tra-cau-6", "ít người nhất"),
    ("cau-6", "buoc_mat_nhieu_nhat = 'gio_hang'", "kiem-tra-cau-6", "không nằm trong"),
    # 7: attribution — last-click only
    (
        "cau-7",
        "phan_bo = marketing.attribution_table(diem_cham, don_hang, by='campaign', "
        "models=['last_click'])",
        "kiem-tra-cau-7",
        "Chỉ nhìn last click",
    ),
    (
        "cau-7",
        "phan_bo = marketing.attribution_table(diem_cham, don_hang, by='campaign', "
        "models=['first_click', 'last_click'])"
        ".rename(columns={'first_click': 'last_click', 'last_click': 'first_click'})",
        "kiem-tra-cau-7",
        "đổi chỗ",
    ),
    # 8: the opener — last-click only
    # câu 6 and 7 in the learner's own pandas: the wrong denominator, a whole order per touch
    (
        "cau-6",
        "so = luot_xem[['viewed_product', 'added_to_cart', 'checkout', 'ordered']].sum()\n"
        "buoc_mat_nhieu_nhat = (1 - so / len(luot_xem)).idxmax()",
        "kiem-tra-cau-6",
        "so mỗi bước với bước ngay trước",
    ),
    (
        "cau-7",
        "m = diem_cham.merge(don_hang[['order_id', 'revenue_vnd']], on='order_id')\n"
        "tong = m.groupby('campaign')['revenue_vnd'].sum()\n"
        "phan_bo = pd.DataFrame({'last_click': tong, 'first_click': tong})",
        "kiem-tra-cau-7",
        "cho MỌI điểm chạm",
    ),
    (
        "cau-7",
        "xep = diem_cham.sort_values('touch_time')\n"
        "m = xep.groupby('order_id').agg(dau=('campaign', 'first'), cuoi=('campaign', 'last'))\n"
        "m = m.join(don_hang.set_index('order_id')['revenue_vnd'])\n"
        "phan_bo = pd.DataFrame({'last_click': m.groupby('cuoi')['revenue_vnd'].mean(), "
        "'first_click': m.groupby('dau')['revenue_vnd'].mean()})",
        "kiem-tra-cau-7",
        "TRUNG BÌNH của một đơn",
    ),
    (
        "cau-7",
        "xep = diem_cham.sort_values('touch_time')\n"
        "dau = xep.groupby('order_id')['campaign'].first()\n"
        "cuoi = xep.groupby('order_id')['campaign'].last()\n"
        "phan_bo = pd.DataFrame({'last_click': cuoi.value_counts(), 'first_click': dau.value_counts()})",
        "kiem-tra-cau-7",
        "đếm số đơn",
    ),
    (
        "cau-8",
        "chien_dich_mo_cua = phan_bo['last_click'].idxmax()",
        "kiem-tra-cau-8",
        "Đừng chỉ nhìn last click",
    ),
    # 9: cohort retention — percent vs fraction, counts vs rate
    (
        "cau-9",
        "giu_chan_1111 = 100 * marketing.retention_matrix(thanh_vien).loc['2025-11', 1]",
        "kiem-tra-cau-9",
        "phần trăm",
    ),
    (
        "cau-9",
        "giu_chan_1111 = marketing.cohort_counts(thanh_vien).loc['2025-11', 1]",
        "kiem-tra-cau-9",
        "số khách quay lại",
    ),
    (
        "cau-9",
        "giu_chan_1111 = marketing.retention_matrix(thanh_vien).loc['2025-11', 0]",
        "kiem-tra-cau-9",
        "tháng thứ 1",
    ),
    # 10: p-value — z-test on counts, peeking, one-sided
    (
        "cau-10",
        "import math\n" + _DEM + "xa, na = dem.loc['A', 'conversions'], dem.loc['A', 'visitors']\n"
        "xb, nb = dem.loc['B', 'conversions'], dem.loc['B', 'visitors']\n"
        "p = (xa + xb) / (na + nb)\n"
        "z = (xb - xa) / math.sqrt(p * (1 - p) * (1 / na + 1 / nb))\n"
        "p_cuoi = math.erfc(abs(z) / math.sqrt(2))",
        "kiem-tra-cau-10",
        "số đếm",
    ),
    (
        "cau-10",
        "p_cuoi = float(marketing.cumulative_ab(thu_nghiem)['p_value'].iloc[2])",
        "kiem-tra-cau-10",
        "dừng sớm",
    ),
    (
        "cau-10",
        _DEM + "p_cuoi = marketing.ztest_two_proportions(int(dem.loc['B', 'conversions']), "
        "int(dem.loc['B', 'visitors']), int(dem.loc['A', 'conversions']), "
        "int(dem.loc['A', 'visitors'])).p_value / 2",
        "kiem-tra-cau-10",
        "một phía",
    ),
    ("cau-10", "p_cuoi = 1.5", "kiem-tra-cau-10", "từ 0 đến 1"),
    # 10 in the learner's own pandas: stopped after the first three days
    (
        "cau-10",
        "ba_ngay = thu_nghiem[thu_nghiem['date'] < thu_nghiem['date'].min() + pd.Timedelta(days=3)]\n"
        "dem = ba_ngay.groupby('variant')['converted'].agg(['sum', 'count'])\n"
        "p_cuoi = marketing.ztest_two_proportions(int(dem.loc['B', 'sum']), int(dem.loc['B', 'count']), "
        "int(dem.loc['A', 'sum']), int(dem.loc['A', 'count'])).p_value",
        "kiem-tra-cau-10",
        "dừng sớm",
    ),
    # 11: verdict — peeking
    ("cau-11", "ket_luan_ab = 'B tốt hơn A'", "kiem-tra-cau-11", "giữa chừng"),
    ("cau-11", "ket_luan_ab = 'A tốt hơn B'", "kiem-tra-cau-11", "không cao hơn B"),
    # 9 in the learner's own pandas: orders instead of customers, every November buyer
    (
        "cau-9",
        _THANG + "nhom = thang_dau.index[thang_dau == '2025-11']\n"
        "quay_lai = thanh_vien[(thang == '2025-12') & thanh_vien['customer_id'].isin(nhom)]\n"
        "giu_chan_1111 = len(quay_lai) / len(nhom)",
        "kiem-tra-cau-9",
        ".nunique()",
    ),
    (
        "cau-9",
        "thang = thanh_vien['order_date'].dt.strftime('%Y-%m')\n"
        "t11 = set(thanh_vien.loc[thang == '2025-11', 'customer_id'])\n"
        "t12 = set(thanh_vien.loc[thang == '2025-12', 'customer_id'])\n"
        "giu_chan_1111 = len(t11 & t12) / len(t11)",
        "kiem-tra-cau-9",
        "LẦN ĐẦU",
    ),
    # 7: every model's column instead of the two asked for
    (
        "cau-7",
        "phan_bo = marketing.attribution_table(diem_cham, don_hang, by='campaign')",
        "kiem-tra-cau-7",
        "mô hình khác",
    ),
]
