"""Learner-facing messages of :mod:`toolkit.marketing`, registered with :mod:`toolkit.i18n`.

Importing this module registers every ``marketing.*`` key once; the other
modules of the package import it for that side effect and use
:func:`toolkit.i18n.t`.
"""

from __future__ import annotations

from toolkit.i18n import register

__all__: list[str] = []

register(
    {
        # --- input validation ---------------------------------------------
        "marketing.error.not_frame": {
            "vi": "{what} cần là một bảng pandas DataFrame, nhưng bạn truyền {found}.",
            "en": "{what} must be a pandas DataFrame, but it is {found}.",
        },
        "marketing.error.missing_columns": {
            "vi": "Bảng {what} thiếu cột {missing}. Các cột đang có: {found}.",
            "en": "Table {what} lacks column(s) {missing}. Its columns: {found}.",
        },
        "marketing.error.empty": {
            "vi": "Bảng {what} không có dòng nào, nên không tính được {metric}.",
            "en": "Table {what} has no rows, so {metric} cannot be computed.",
        },
        "marketing.error.missing_value": {
            "vi": "Cột “{column}” bị trống (NaN) ở dòng {row}. Hãy điền hoặc bỏ dòng đó trước.",
            "en": "Column “{column}” is empty (NaN) at row {row}. Fill or drop that row first.",
        },
        "marketing.error.not_numeric": {
            "vi": "Cột “{column}” cần chứa số, nhưng có giá trị {value!r} ở dòng {row}.",
            "en": "Column “{column}” must hold numbers, but row {row} holds {value!r}.",
        },
        "marketing.error.negative": {
            "vi": "Cột “{column}” có giá trị âm ({value}) ở dòng {row}: {column} không thể nhỏ hơn 0.",
            "en": "Column “{column}” is negative ({value}) at row {row}; it cannot be below 0.",
        },
        "marketing.error.zero_denominator": {
            "vi": "Không tính được {metric} cho {row}: “{column}” bằng 0 (không chia được cho 0). "
            "Hãy bỏ nhóm này hoặc gộp với nhóm khác.",
            "en": "Cannot compute {metric} for {row}: “{column}” is 0 (division by zero). "
            "Drop this group or merge it with another.",
        },
        "marketing.error.zero_scalar": {
            "vi": "Không tính được {metric}: “{column}” bằng 0 (không chia được cho 0).",
            "en": "Cannot compute {metric}: “{column}” is 0 (division by zero).",
        },
        "marketing.error.negative_scalar": {
            "vi": "“{column}” = {value} là số âm: {column} không thể nhỏ hơn 0.",
            "en": "“{column}” = {value} is negative; it cannot be below 0.",
        },
        "marketing.error.not_number_scalar": {
            "vi": "“{column}” cần là một số, nhưng bạn truyền {value!r}.",
            "en": "“{column}” must be a number, but it is {value!r}.",
        },
        "marketing.error.exceeds": {
            "vi": "Ở {row}, “{part}” ({part_value}) lớn hơn “{whole}” ({whole_value}): "
            "không thể có nhiều {part} hơn {whole}.",
            "en": "At {row}, “{part}” ({part_value}) exceeds “{whole}” ({whole_value}).",
        },
        "marketing.error.not_fraction": {
            "vi": "{name} cần là một tỉ lệ từ 0 đến 1 (ví dụ 0,35 cho 35 %), nhưng bạn truyền {value}.",
            "en": "{name} must be a fraction between 0 and 1 (e.g. 0.35 for 35 %), but it is {value}.",
        },
        "marketing.error.not_positive": {
            "vi": "{name} cần là một số lớn hơn 0, nhưng bạn truyền {value}.",
            "en": "{name} must be a number greater than 0, but it is {value}.",
        },
        "marketing.error.no_margin_left": {
            "vi": "Biên lợi nhuận ({margin}) trừ phí ({fees}) không còn dương: mỗi đơn đã lỗ "
            "trước cả tiền quảng cáo, không có ROAS nào hòa vốn được.",
            "en": "Margin ({margin}) minus fees ({fees}) is not positive: every order loses money "
            "before any ad spend, so no ROAS breaks even.",
        },
        "marketing.error.unknown_option": {
            "vi": "{name} = {value!r} không hợp lệ. Hãy chọn một trong: {options}.",
            "en": "{name} = {value!r} is not valid. Choose one of: {options}.",
        },
        "marketing.error.not_finite": {
            "vi": "Cột “{column}” có giá trị vô hạn ({value}) ở dòng {row}. Hãy sửa số ở dòng đó.",
            "en": "Column “{column}” holds an infinite value ({value}) at row {row}. Fix that row.",
        },
        "marketing.error.not_binary": {
            "vi": "Cột “{column}” chỉ được có 0 (không mua) hoặc 1 (có mua), nhưng có giá trị "
            "{value!r} ở dòng {row}. Hãy đổi về 0/1 (ví dụ số đơn > 0 thành 1).",
            "en": "Column “{column}” may hold only 0 (no purchase) or 1 (purchase), but row {row} "
            "holds {value!r}. Turn it into 0/1 (e.g. orders > 0 into 1).",
        },
        "marketing.error.duplicate_id": {
            "vi": "Cột “{column}” cần mỗi giá trị chỉ xuất hiện một lần, nhưng {value!r} lặp lại "
            "ở dòng {row}. Hãy gộp các dòng trùng trước.",
            "en": "Column “{column}” must hold each value once, but {value!r} repeats at row "
            "{row}. Merge the duplicate rows first.",
        },
        "marketing.error.not_dates": {
            "vi": "Cột “{column}” cần là ngày/giờ, nhưng có giá trị {value!r} ở dòng {row}.",
            "en": "Column “{column}” must hold dates/times, but row {row} holds {value!r}.",
        },
        # --- funnel ---------------------------------------------------------
        "marketing.error.funnel_grows": {
            "vi": "Phễu không thể phình ra: bước “{step}” có {count} người, nhiều hơn bước trước "
            "“{previous}” ({previous_count}). Hãy kiểm tra thứ tự các bước.",
            "en": "A funnel cannot grow: step “{step}” has {count}, more than the previous step "
            "“{previous}” ({previous_count}). Check the order of the steps.",
        },
        "marketing.error.funnel_short": {
            "vi": "Phễu cần ít nhất 2 bước, nhưng chỉ có {found}.",
            "en": "A funnel needs at least 2 steps, but it has {found}.",
        },
        # --- RFM ------------------------------------------------------------
        "marketing.error.rfm_too_few": {
            "vi": "Cần ít nhất 5 khách hàng để chia thành 5 nhóm (ngũ phân vị), nhưng chỉ có {found}.",
            "en": "At least 5 customers are needed for quintiles, but there are {found}.",
        },
        "marketing.error.future_order": {
            "vi": "Đơn ở dòng {row} có ngày {date}, sau ngày tính RFM {as_of}.",
            "en": "The order at row {row} is dated {date}, after the RFM reference date {as_of}.",
        },
        # --- attribution ----------------------------------------------------
        "marketing.error.touch_after_order": {
            "vi": "Hành trình không đúng thứ tự thời gian: điểm chạm ở dòng {row} (cột “{column}” = "
            "{time}) xảy ra sau khi đơn {journey} được đặt ({order_time}). "
            "Một quảng cáo xem sau khi mua không thể dẫn tới đơn đó.",
            "en": "Journey out of time order: the touchpoint at row {row} (“{column}” = {time}) "
            "comes after order {journey} was placed ({order_time}).",
        },
        "marketing.error.unknown_journey": {
            "vi": "Điểm chạm ở dòng {row} thuộc đơn “{journey}”, nhưng bảng đơn hàng không có đơn này "
            "(cột “{column}”).",
            "en": "The touchpoint at row {row} belongs to order “{journey}”, which is not in the "
            "orders table (column “{column}”).",
        },
        "marketing.error.duplicate_key": {
            "vi": "Cột “{column}” của bảng {what} phải không trùng, nhưng “{value}” xuất hiện nhiều lần "
            "(dòng {row}).",
            "en": "Column “{column}” of {what} must be unique, but “{value}” repeats (row {row}).",
        },
        # --- A/B ------------------------------------------------------------
        "marketing.error.counts": {
            "vi": "Nhóm {group}: số chuyển đổi ({conversions}) phải là số nguyên từ 0 đến số người "
            "({n}); số người phải lớn hơn 0. Hãy truyền số đếm, không phải tỉ lệ.",
            "en": "Group {group}: conversions ({conversions}) must be a whole number from 0 to the "
            "number of people ({n}), which must be above 0. Pass counts, not rates.",
        },
        "marketing.error.same_rates": {
            "vi": "Hai tỉ lệ {p1} và {p2} bằng nhau: không có khác biệt nào để phát hiện, "
            "cỡ mẫu là vô hạn.",
            "en": "The two rates {p1} and {p2} are equal: there is no effect to detect.",
        },
        "marketing.error.degenerate": {
            "vi": "Cả hai nhóm đều có tỉ lệ chuyển đổi {p} (0 % hoặc 100 %): kiểm định z không dùng được.",
            "en": "Both groups convert at {p} (0 % or 100 %): the z-test is undefined.",
        },
        "marketing.verdict.underpowered": {
            "vi": "⏳ Chưa kết luận được: mỗi nhóm cần khoảng {needed} người để phát hiện chênh lệch "
            "{effect}, nhưng mới có {have}. Đừng gọi phương án nào là thắng; hãy chạy tiếp đến đủ mẫu.",
            "en": "⏳ No conclusion yet: each group needs about {needed} people to detect a difference "
            "of {effect}, but has {have}. Do not call a winner; keep running until the sample is full.",
        },
        "marketing.verdict.peeked": {
            "vi": "⚠️ Kết quả không tin được: bạn đã xem kết quả {looks} lần và dừng khi thấy “đẹp”. "
            "Nhìn nhiều lần làm tăng khả năng thắng do may rủi. Hãy đặt trước cỡ mẫu và chỉ đọc kết quả "
            "một lần ở cuối.",
            "en": "⚠️ Result not trustworthy: you looked {looks} times and stopped when it looked good. "
            "Repeated looks inflate false wins. Fix the sample size in advance and read the result once.",
        },
        "marketing.verdict.win": {
            "vi": "✅ Phương án {better} tốt hơn: tỉ lệ chuyển đổi {rate_better} so với {rate_worse} "
            "(p = {p_value}, đủ mẫu {have} người mỗi nhóm). Có thể dùng {better}.",
            "en": "✅ Variant {better} is better: conversion {rate_better} vs {rate_worse} "
            "(p = {p_value}, full sample of {have} per group). You can adopt {better}.",
        },
        "marketing.verdict.no_difference": {
            "vi": "➖ Không có khác biệt đủ tin cậy: {rate_a} (A) so với {rate_b} (B), p = {p_value}. "
            "Chênh lệch này có thể chỉ do may rủi; giữ phương án hiện tại.",
            "en": "➖ No reliable difference: {rate_a} (A) vs {rate_b} (B), p = {p_value}. "
            "The gap may be luck; keep the current variant.",
        },
        # --- UTM ------------------------------------------------------------
        "marketing.error.bad_url": {
            "vi": "“{url}” không phải một đường link đầy đủ (cần bắt đầu bằng http:// hoặc https://).",
            "en": "“{url}” is not a full link (it must start with http:// or https://).",
        },
        "marketing.error.utm_required": {
            "vi": "Thiếu {name}: link UTM cần utm_source, utm_medium và utm_campaign không rỗng.",
            "en": "Missing {name}: a UTM link needs non-empty utm_source, utm_medium and utm_campaign.",
        },
        # --- CLV ------------------------------------------------------------
        "marketing.error.retention_range": {
            "vi": "Tỉ lệ giữ chân {value} cần nằm trong [0, 1) và nhỏ hơn 1 + lãi suất chiết khấu.",
            "en": "The retention rate {value} must lie in [0, 1) and below 1 + the discount rate.",
        },
        # --- charts ----------------------------------------------------------
        "marketing.chart.funnel_title": {"vi": "Phễu chuyển đổi", "en": "Conversion funnel"},
        "marketing.chart.funnel_x": {"vi": "Số người", "en": "People"},
        "marketing.chart.funnel_y": {"vi": "Bước", "en": "Step"},
        "marketing.chart.cohort_title": {
            "vi": "Tỉ lệ khách quay lại theo tháng (cohort)",
            "en": "Monthly cohort retention",
        },
        "marketing.chart.cohort_x": {
            "vi": "Số tháng sau lần mua đầu",
            "en": "Months since first purchase",
        },
        "marketing.chart.cohort_y": {"vi": "Tháng mua đầu (cohort)", "en": "First-purchase month"},
        "marketing.chart.budget_title": {
            "vi": "Doanh thu và lợi nhuận theo kênh",
            "en": "Revenue and profit by channel",
        },
        "marketing.chart.budget_x": {"vi": "Kênh", "en": "Channel"},
        "marketing.chart.budget_y": {"vi": "Số tiền", "en": "Amount"},
        "marketing.chart.revenue": {"vi": "Doanh thu", "en": "Revenue"},
        "marketing.chart.spend": {"vi": "Chi quảng cáo", "en": "Ad spend"},
        "marketing.chart.profit": {"vi": "Lợi nhuận sau phí", "en": "Profit after fees"},
    }
)
