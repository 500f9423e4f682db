"""Known-wrong answers of 04-livestream: each must fail the check it targets, with its message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
"""

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    ("cau-1", "luot_xem = len(nhat_ky)", "kiem-tra-cau-1", "mọi dòng của nhật ký"),
    (
        "cau-1",
        "luot_xem = nhat_ky.loc[nhat_ky['event'] == 'join', 'viewer_id'].nunique()",
        "kiem-tra-cau-1",
        "số người xem khác nhau",
    ),
    (
        "cau-1",
        "luot_xem = str((nhat_ky['event'] == 'join').sum())",
        "kiem-tra-cau-1",
        "chuỗi chữ (str)",
    ),
    (
        "cau-2",
        "nguoi_xem_khac_nhau = nhat_ky['viewer_id'].nunique()",
        "kiem-tra-cau-2",
        "giá trị rỗng",
    ),
    (
        "cau-2",
        "nguoi_xem_khac_nhau = int((nhat_ky['event'] == 'join').sum())",
        "kiem-tra-cau-2",
        "số lượt xem",
    ),
    (
        "cau-3",
        "vao = nhat_ky[nhat_ky['event'] == 'join'].set_index('view_id')['time']\n"
        "ra = nhat_ky[nhat_ky['event'] == 'leave'].set_index('view_id')['time']\n"
        "thoi_gian_xem_tb = float(((ra - vao.reindex(ra.index)).dt.total_seconds() / 60).mean())",
        "kiem-tra-cau-3",
        "còn đang xem lúc kết thúc",
    ),
    (
        "cau-3",
        "thoi_gian_xem_tb = livestream.session_metrics(nhat_ky)['avg_watch_min'] * 60",
        "kiem-tra-cau-3",
        "số giây",
    ),
    # peak taken as the average
    (
        "cau-4",
        "nguoi_xem_tb = livestream.session_metrics(nhat_ky)['peak_viewers']",
        "kiem-tra-cau-4",
        "CAO NHẤT (peak)",
    ),
    ("cau-4", "nguoi_xem_tb = luot_xem / 90", "kiem-tra-cau-4", "số lượt vào mỗi phút"),
    (
        "cau-5",
        "nguoi_xem_cao_nhat = livestream.minute_table(nhat_ky)['viewers'].max()",
        "kiem-tra-cau-5",
        "peak đếm từng giây",
    ),
    (
        "cau-5",
        "nguoi_xem_cao_nhat = livestream.session_metrics(nhat_ky)['avg_viewers']",
        "kiem-tra-cau-5",
        "trung bình, không phải lúc đông nhất",
    ),
    # CTOR over views
    (
        "cau-6",
        "ctor = (nhat_ky['event'] == 'order').sum() / (nhat_ky['event'] == 'join').sum()",
        "kiem-tra-cau-6",
        "chia số đơn cho lượt xem",
    ),
    (
        "cau-6",
        "ctor = livestream.session_metrics(nhat_ky)['ctr']",
        "kiem-tra-cau-6",
        "Đó là CTR",
    ),
    ("cau-6", "ctor = 7.08", "kiem-tra-cau-6", "không phải 7"),
    # GPM per viewer instead of per 1,000 views
    (
        "cau-7",
        "gpm = nhat_ky.loc[nhat_ky['event'] == 'order', 'price_vnd'].sum() / luot_xem",
        "kiem-tra-cau-7",
        "trên MỘT lượt xem",
    ),
    (
        "cau-7",
        "gpm = livestream.session_metrics(nhat_ky)['value_per_viewer_vnd']",
        "kiem-tra-cau-7",
        "giá trị mỗi người xem",
    ),
    (
        "cau-8",
        "don_cuoi = nhat_ky.loc[nhat_ky['event'] == 'order', 'time'].max()\n"
        "nhap_sau_het_hang = int(((nhat_ky['event'] == 'click') & (nhat_ky['time'] >= don_cuoi)).sum())",
        "kiem-tra-cau-8",
        "thay cho >=",
    ),
    (
        "cau-8",
        "nhap_sau_het_hang = int((nhat_ky['event'] == 'click').sum())",
        "kiem-tra-cau-8",
        "mọi lượt nhấp",
    ),
    ("cau-9", "nguoi_xem_on_dinh = 40 / 2.5", "kiem-tra-cau-9", "Bạn đã chia"),
    ("cau-9", "nguoi_xem_on_dinh = 40 * 2.5 * 60", "kiem-tra-cau-9", "cùng đơn vị"),
    # one run instead of many
    (
        "cau-10",
        "gmv_trung_binh = livestream.simulate(ke_hoach, seed=2026).metrics['gmv_vnd']",
        "kiem-tra-cau-10",
        "MỘT lần chạy",
    ),
    (
        "cau-10",
        "gmv_trung_binh = float(livestream.monte_carlo(ke_hoach, n_runs=1000, seed=2026)"
        "['gmv_vnd'].iloc[0])",
        "kiem-tra-cau-10",
        "MỘT lần chạy",  # run 0 of monte_carlo is simulate(seed): one run
    ),
    (
        "cau-10",
        "gmv_trung_binh = float(livestream.monte_carlo(ke_hoach, n_runs=1000, seed=2026)"
        "['gmv_vnd'].median())",
        "kiem-tra-cau-10",
        "trung vị",
    ),
    # câu 5 in the learner's own pandas: joins only, leaves added instead of taken away
    (
        "cau-5",
        "nguoi_xem_cao_nhat = int((nhat_ky['event'] == 'join').cumsum().max())",
        "kiem-tra-cau-5",
        "mới cộng các dòng join",
    ),
    (
        "cau-5",
        "nguoi_xem_cao_nhat = int(nhat_ky['event'].isin(['join', 'leave']).cumsum().max())",
        "kiem-tra-cau-5",
        "cộng cả dòng leave",
    ),
    (
        "cau-5",
        "nguoi_xem_cao_nhat = int(livestream.minute_table(nhat_ky)['viewers'].max())",
        "kiem-tra-cau-5",
        "đã bỏ phần lẻ",
    ),
    (
        "cau-5",
        "nguoi_xem_cao_nhat = int(nhat_ky['event'].map({'join': -1, 'leave': 1}).fillna(0).cumsum().max())",
        "kiem-tra-cau-5",
        "đổi dấu",
    ),
    # câu 11 and 12 in the learner's own groupby over the runs
    (
        "cau-11",
        "giam_gia_lai_nhat = float(lan_chay_giam_gia.groupby('discount')['gmv_vnd'].mean().idxmax())",
        "kiem-tra-cau-11",
        "doanh số (GMV) cao nhất",
    ),
    (
        "cau-11",
        "giam_gia_lai_nhat = float(lan_chay_giam_gia.groupby('discount')['orders'].mean().idxmax())",
        "kiem-tra-cau-11",
        "nhiều đơn nhất",
    ),
    (
        "cau-12",
        "tb = lan_chay_so_hang.groupby('stock')['lost_orders'].max()\n"
        "hang_can_mang = int(tb[tb < 1].index.min())",
        "kiem-tra-cau-12",
        "TRUNG BÌNH dưới 1",
    ),
    (
        "cau-12",
        "tb = lan_chay_so_hang.groupby('stock')['lost_orders'].sum()\n"
        "hang_can_mang = int(tb[tb < 1].index.min())",
        "kiem-tra-cau-12",
        "TRUNG BÌNH dưới 1",
    ),
    (
        "cau-11",
        "giam_gia_lai_nhat = float(livestream.sweep(ke_hoach.with_(stock=200), 'discount', "
        "[0.0, 0.1, 0.2, 0.3], metric='gmv_vnd', n_runs=1000, seed=2026)['mean'].idxmax())",
        "kiem-tra-cau-11",
        "doanh số (GMV) cao nhất",
    ),
    (
        "cau-11",
        "giam_gia_lai_nhat = float(livestream.sweep(ke_hoach.with_(stock=200), 'discount', "
        "[0.0, 0.1, 0.2, 0.3], metric='orders', n_runs=1000, seed=2026)['mean'].idxmax())",
        "kiem-tra-cau-11",
        "nhiều đơn nhất",
    ),
    # one run instead of many
    (
        "cau-12",
        "hang_can_mang = min(s for s in [20, 30, 40, 50, 60, 80] "
        "if livestream.simulate(ke_hoach.with_(stock=s), seed=2026).metrics['lost_orders'] < 1)",
        "kiem-tra-cau-12",
        "MỘT lần chạy",
    ),
    (
        "cau-12",
        "bang = livestream.sweep(ke_hoach, 'stock', [20, 30, 40, 50, 60, 80], "
        "metric='lost_orders', n_runs=1000, seed=2026)\n"
        "hang_can_mang = int(bang.index[bang['mean'] == 0].min())",
        "kiem-tra-cau-12",
        "không bao giờ lỡ đơn",
    ),
]
