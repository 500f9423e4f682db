"""Known-wrong answers of 00-lam-quen: each must fail the check it targets, with its message.

Rows: ``(answer cell id, learner code for that cell, test cell id, text the failure must contain)``.
Each row is run three ways (tests/courses/test_known_wrong.py): the hidden check in the source,
the public self-check in the learner's copy, and the sandboxed grader's trusted comparison.
"""

_DA_GIAO = 'da_giao = don_hang[don_hang["status"] == "Đã giao"]\n'

KNOWN_WRONG: list[tuple[str, str, str, str]] = [
    # 1: money in and out of text
    (
        "cau-1",
        'tien_khach_tra = vn.format_vnd(3 * vn.parse_vnd("185.000đ"))',
        "kiem-tra-cau-1",
        "quên trừ mã giảm",
    ),
    (
        "cau-1",
        'tien_khach_tra = vn.format_vnd(vn.parse_vnd("185.000đ") - vn.parse_vnd("20k"))',
        "kiem-tra-cau-1",
        "nhân giá với 3",
    ),
    (
        "cau-1",
        'tien_khach_tra = vn.format_vnd(3 * (vn.parse_vnd("185.000đ") - vn.parse_vnd("20k")))',
        "kiem-tra-cau-1",
        "một lần cho cả đơn",
    ),
    ("cau-1", "tien_khach_tra = 3 * 185000 - 20000", "kiem-tra-cau-1", "chuỗi chữ"),
    ("cau-1", 'tien_khach_tra = "535000"', "kiem-tra-cau-1", "vn.format_vnd"),
    # 2: one filtered frame
    ("cau-2", "da_giao = don_hang", "kiem-tra-cau-2", "chưa lọc theo status"),
    (
        "cau-2",
        'da_giao = don_hang[don_hang["status"] != "Đã giao"]',
        "kiem-tra-cau-2",
        "KHÔNG giao được",
    ),
    (
        "cau-2",
        'da_giao = don_hang[don_hang["status"] != "Đã hủy"]',
        "kiem-tra-cau-2",
        "đơn hoàn trả (bom hàng)",
    ),
    ("cau-2", 'da_giao = don_hang["status"] == "Đã giao"', "kiem-tra-cau-2", "DataFrame"),
    # 3: a rate is a mean of True/False
    (
        "cau-3",
        'don_hang["kt"] = don_hang["status"] != "Đã giao"\n'
        'ti_le_khong_thanh = don_hang.groupby("payment")["kt"].sum()',
        "kiem-tra-cau-3",
        ".mean()",
    ),
    (
        "cau-3",
        'don_hang["kt"] = don_hang["status"] == "Đã hủy"\n'
        'ti_le_khong_thanh = don_hang.groupby("payment")["kt"].mean()',
        "kiem-tra-cau-3",
        "mới tính đơn bị hủy",
    ),
    (
        "cau-3",
        'don_hang["kt"] = don_hang["status"] != "Đã giao"\n'
        'ti_le_khong_thanh = don_hang.groupby("payment")["kt"].mean() * 100',
        "kiem-tra-cau-3",
        "không nhân 100",
    ),
    (
        "cau-3",
        'don_hang["kt"] = don_hang["status"] == "Đã giao"\n'
        'ti_le_khong_thanh = don_hang.groupby("payment")["kt"].mean()',
        "kiem-tra-cau-3",
        "giao thành công",
    ),
    (
        "cau-3",
        _DA_GIAO + 'ti_le_khong_thanh = (da_giao["status"] != "Đã giao").groupby('
        'da_giao["payment"]).mean()',
        "kiem-tra-cau-3",
        "tính trên da_giao",
    ),
    ("cau-3", "ti_le_khong_thanh = 0.28", "kiem-tra-cau-3", "pandas Series"),
    # 4: money lost
    (
        "cau-4",
        'doanh_thu_mat = int(don_hang[don_hang["status"] == "Đã hủy"]["revenue_vnd"].sum())',
        "kiem-tra-cau-4",
        "mới cộng đơn bị hủy",
    ),
    (
        "cau-4",
        'doanh_thu_mat = int(don_hang[don_hang["status"] == "Đã giao"]["revenue_vnd"].sum())',
        "kiem-tra-cau-4",
        "ĐÃ giao",
    ),
    (
        "cau-4",
        'doanh_thu_mat = int(don_hang["revenue_vnd"].sum())',
        "kiem-tra-cau-4",
        "mọi đơn, kể cả đơn đã giao",
    ),
    ("cau-4", 'doanh_thu_mat = "437.556.000 ₫"', "kiem-tra-cau-4", "một số"),
    # 5: provinces
    (
        "cau-5",
        'doanh_thu_theo_tinh = don_hang.groupby("province")["revenue_vnd"].sum()'
        ".sort_values(ascending=False)",
        "kiem-tra-cau-5",
        "cả đơn bị hủy",
    ),
    (
        "cau-5",
        _DA_GIAO
        + 'doanh_thu_theo_tinh = da_giao.groupby("province").size().sort_values(ascending=False)',
        "kiem-tra-cau-5",
        "đếm số đơn",
    ),
    (
        "cau-5",
        _DA_GIAO + 'doanh_thu_theo_tinh = da_giao.groupby("province")["revenue_vnd"].sum()',
        "kiem-tra-cau-5",
        "sắp xếp",
    ),
    (
        "cau-5",
        _DA_GIAO + 'doanh_thu_theo_tinh = da_giao.groupby("province")[["revenue_vnd"]].sum()',
        "kiem-tra-cau-5",
        "pandas Series",
    ),
    # 6: product
    (
        "cau-6",
        'ma_ban_chay = don_hang.groupby("product_id")["revenue_vnd"].sum().idxmax()',
        "kiem-tra-cau-6",
        "cả đơn bị hủy",
    ),
    (
        "cau-6",
        _DA_GIAO + 'ma_ban_chay = da_giao["product_id"].value_counts().idxmax()',
        "kiem-tra-cau-6",
        "nhiều đơn nhất",
    ),
    ("cau-6", 'ma_ban_chay = "Mật ong hoa nhãn Hưng Yên 500ml"', "kiem-tra-cau-6", "mã sản phẩm"),
    # 7: month
    (
        "cau-7",
        'thang_cao_nhat = don_hang.groupby(don_hang["order_date"].dt.strftime("%Y-%m"))'
        '["revenue_vnd"].sum().idxmax()',
        "kiem-tra-cau-7",
        "cả đơn bị hủy",
    ),
    (
        "cau-7",
        _DA_GIAO + 'thang_cao_nhat = da_giao["order_date"].dt.strftime("%Y-%m")'
        ".value_counts().idxmax()",
        "kiem-tra-cau-7",
        "nhiều đơn nhất",
    ),
    (
        "cau-7",
        _DA_GIAO + 'thang_cao_nhat = da_giao.groupby(da_giao["order_date"].dt.month)'
        '["revenue_vnd"].sum().idxmax()',
        "kiem-tra-cau-7",
        "chuỗi chữ",  # .dt.month gives the month number 1, not "2026-02"
    ),
    ("cau-7", 'thang_cao_nhat = "tháng 2"', "kiem-tra-cau-7", "YYYY-MM"),
    # 8: profit
    (
        "cau-8",
        _DA_GIAO + 'loi_nhuan_theo_kenh = da_giao.groupby("channel")["revenue_vnd"].sum()'
        ".sort_values(ascending=False)",
        "kiem-tra-cau-8",
        "Đó là doanh thu",
    ),
    (
        "cau-8",
        _DA_GIAO + 'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "mới trừ vốn hàng",
    ),
    (
        "cau-8",
        _DA_GIAO + 'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]'
        ' - da_giao["channel_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "quên trừ tiền ship",
    ),
    (
        "cau-8",
        _DA_GIAO + 'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]'
        ' - da_giao["shipping_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "quên trừ phí kênh",
    ),
    (
        "cau-8",
        _DA_GIAO + 'lai = da_giao["revenue_vnd"] - da_giao["shipping_fee_vnd"]'
        ' - da_giao["channel_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "quên trừ vốn hàng",
    ),
    (
        "cau-8",
        'lai = don_hang["revenue_vnd"] - don_hang["goods_cost_vnd"] - don_hang["shipping_fee_vnd"]'
        ' - don_hang["channel_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(don_hang["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "cả đơn không thành",
    ),
    # 8: the shipping a shop pays on returned (bom hàng) orders, and the sort asked for
    (
        "cau-8",
        _DA_GIAO + 'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]'
        ' - da_giao["shipping_fee_vnd"] - da_giao["channel_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum().sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "đơn hoàn trả",
    ),
    (
        "cau-8",
        _DA_GIAO + 'hoan = don_hang[don_hang["status"] == "Hoàn trả"]\n'
        'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]'
        ' - da_giao["shipping_fee_vnd"] - da_giao["channel_fee_vnd"]\n'
        'loi_nhuan_theo_kenh = lai.groupby(da_giao["channel"]).sum()'
        ' - hoan.groupby("channel")["shipping_fee_vnd"].sum()',
        "kiem-tra-cau-8",
        "chưa sắp xếp",
    ),
    (
        "cau-8",
        _DA_GIAO + 'hoan = don_hang[don_hang["status"] == "Hoàn trả"]\n'
        'lai = da_giao["revenue_vnd"] - da_giao["goods_cost_vnd"]'
        ' - da_giao["shipping_fee_vnd"] - da_giao["channel_fee_vnd"]\n'
        'mat = hoan["shipping_fee_vnd"] + hoan["goods_cost_vnd"]\n'
        'loi_nhuan_theo_kenh = (lai.groupby(da_giao["channel"]).sum()'
        ' - mat.groupby(hoan["channel"]).sum()).sort_values(ascending=False)',
        "kiem-tra-cau-8",
        "không trừ vốn hàng",
    ),
]
