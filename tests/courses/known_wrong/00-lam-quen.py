"""Known-wrong answers of 00-lam-quen: each must fail the check it targets, with its message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
Each row is run three ways (tests/courses/test_known_wrong.py): the hidden check in the source,
the public self-check in the learner's copy, and the sandboxed grader's trusted comparison.
"""

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    ("cau-1", "so_don_hang = len(don_hang.columns)", "kiem-tra-cau-1", "số cột"),
    (
        "cau-1",
        "so_don_hang = don_hang['customer_id'].nunique()",
        "kiem-tra-cau-1",
        "số khách hàng",
    ),
    ("cau-1", "so_don_hang = float(len(don_hang)) + 0.5", "kiem-tra-cau-1", "số nguyên"),
    ("cau-1", "so_don_hang = True", "kiem-tra-cau-1", "không phải True/False"),
    ("cau-1", "so_don_hang = str(len(don_hang))", "kiem-tra-cau-1", "chuỗi chữ (str)"),
    (
        "cau-2",
        "doanh_thu_da_giao = int(don_hang['revenue_vnd'].sum())",
        "kiem-tra-cau-2",
        "cả đơn bị hủy",
    ),
    (
        "cau-2",
        "doanh_thu_da_giao = int(don_hang[don_hang.status == 'Đã giao'].unit_price_vnd.sum())",
        "kiem-tra-cau-2",
        "cộng đơn giá",
    ),
    ("cau-2", "doanh_thu_da_giao = vn.format_vnd(1000)", "kiem-tra-cau-2", "một số"),
    (
        "cau-3",
        "doanh_thu_theo_tinh = don_hang[don_hang.status == 'Đã giao'].groupby('province').size()"
        ".sort_values(ascending=False)",
        "kiem-tra-cau-3",
        "đếm số đơn",
    ),
    (
        "cau-3",
        "doanh_thu_theo_tinh = don_hang.groupby('province')['revenue_vnd'].sum().sort_values(ascending=False)",
        "kiem-tra-cau-3",
        "cả đơn bị hủy",
    ),
    (
        "cau-3",
        "doanh_thu_theo_tinh = don_hang[don_hang.status == 'Đã giao'].groupby('province')['revenue_vnd'].sum()",
        "kiem-tra-cau-3",
        "sắp xếp",
    ),
    (
        "cau-3",
        "doanh_thu_theo_tinh = don_hang[don_hang.status == 'Đã giao'].groupby('province')[['revenue_vnd']].sum()",
        "kiem-tra-cau-3",
        "pandas Series",
    ),
    (
        "cau-4",
        "tinh_dan_dau = don_hang[don_hang.status == 'Đã giao']['province'].value_counts().idxmax()",
        "kiem-tra-cau-4",
        "nhiều đơn nhất",
    ),
    ("cau-4", "tinh_dan_dau = 'Paris'", "kiem-tra-cau-4", "không nằm trong"),
    (
        "cau-5",
        "san_pham_ban_chay = san_pham.set_index('product_id').loc["
        "don_hang[don_hang.status == 'Đã giao']['product_id'].value_counts().idxmax(), 'name']",
        "kiem-tra-cau-5",
        "Câu này hỏi doanh thu",
    ),
    (
        "cau-5",
        "san_pham_ban_chay = don_hang[don_hang.status == 'Đã giao']"
        ".groupby('product_id')['revenue_vnd'].sum().idxmax()",
        "kiem-tra-cau-5",
        "tên đầy đủ",
    ),
    (
        "cau-6",
        "_d = don_hang[don_hang.status == 'Đã giao']\n"
        "thang_cao_nhat = _d['order_date'].dt.strftime('%Y-%m').value_counts().idxmax()",
        "kiem-tra-cau-6",
        "nhiều đơn nhất",
    ),
    ("cau-6", "thang_cao_nhat = 'tháng 11'", "kiem-tra-cau-6", "YYYY-MM"),
    (
        "cau-7",
        "bieu_do = plots.bar_chart(doanh_thu_theo_tinh, title='T', xlabel='Tỉnh', ylabel='Doanh thu')",
        "kiem-tra-cau-7",
        ".head(10)",
    ),
    (
        "cau-7",
        "bieu_do = doanh_thu_theo_tinh.head(10).plot.bar()",
        "kiem-tra-cau-7",
        "tiêu đề",
    ),
    (
        "cau-7",
        "bieu_do = plots.bar_chart(don_hang[don_hang.status == 'Đã giao']['province'].value_counts().head(10),"
        " title='T', xlabel='Tỉnh', ylabel='Số đơn')",
        "kiem-tra-cau-7",
        "số đơn",
    ),
    (
        "cau-8",
        "aov_dep = vn.format_vnd(round(don_hang['revenue_vnd'].sum() / len(don_hang)))",
        "kiem-tra-cau-8",
        "tất cả các đơn",
    ),
    ("cau-8", "aov_dep = 187500", "kiem-tra-cau-8", "chuỗi chữ"),
]
