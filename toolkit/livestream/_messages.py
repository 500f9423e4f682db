"""Learner-facing messages of :mod:`toolkit.livestream`, registered with :mod:`toolkit.i18n`.

Importing this module registers every ``livestream.*`` key once; the other
modules of the package import it for that side effect and use
:func:`toolkit.i18n.t`.
"""

from __future__ import annotations

from toolkit.i18n import register

__all__: list[str] = []

register(
    {
        # --- parameters -----------------------------------------------------------
        "livestream.error.not_number": {
            "vi": "Tham số `{field}` cần là một số, nhưng bạn đưa vào {found}.",
            "en": "Parameter `{field}` must be a number, but it is {found}.",
        },
        "livestream.error.not_integer": {
            "vi": "Tham số `{field}` cần là một số nguyên (ví dụ 60), nhưng bạn đưa vào {found}.",
            "en": "Parameter `{field}` must be a whole number (e.g. 60), but it is {found}.",
        },
        "livestream.error.negative": {
            "vi": "Tham số `{field}` không được âm (bạn đưa vào {found}). "
            "Số người xem, tỉ lệ và mức tăng đều phải từ 0 trở lên.",
            "en": "Parameter `{field}` cannot be negative (it is {found}). "
            "Rates, counts and lifts must be 0 or more.",
        },
        "livestream.error.not_positive": {
            "vi": "Tham số `{field}` phải lớn hơn 0 (bạn đưa vào {found}).",
            "en": "Parameter `{field}` must be greater than 0 (it is {found}).",
        },
        "livestream.error.probability": {
            "vi": "Tham số `{field}` là một tỉ lệ nên phải nằm trong khoảng từ 0 đến 1 "
            "(bạn đưa vào {found}). Ví dụ giảm 30 % thì viết 0.3, không viết 30.",
            "en": "Parameter `{field}` is a share, so it must lie between 0 and 1 "
            "(it is {found}). For 30 % write 0.3, not 30.",
        },
        "livestream.error.flash_after_end": {
            "vi": "Flash sale bắt đầu ở phút {start} và kéo dài {length} phút, tức là kết thúc ở "
            "phút {end}, sau khi phiên livestream {duration} phút đã kết thúc. Hãy cho flash sale "
            "bắt đầu sớm hơn hoặc kéo dài phiên live.",
            "en": "The flash sale starts at minute {start} and lasts {length} minutes, so it ends "
            "at minute {end}, after the {duration}-minute session is over. Start it earlier or "
            "make the session longer.",
        },
        "livestream.error.window_after_end": {
            "vi": "Tham số `{field}` = {found} nằm ngoài phiên livestream (phiên dài {duration} phút).",
            "en": "Parameter `{field}` = {found} lies outside the {duration}-minute session.",
        },
        "livestream.error.watch_dist": {
            "vi": "Không có kiểu thời gian xem “{found}”. Hãy chọn một trong: {options}.",
            "en": "No watch-time distribution “{found}”. Choose one of: {options}.",
        },
        "livestream.error.pareto_shape": {
            "vi": "Với phân phối Pareto, `pareto_shape` phải lớn hơn 1 thì thời gian xem trung "
            "bình mới hữu hạn (bạn đưa vào {found}).",
            "en": "For the Pareto distribution `pareto_shape` must exceed 1 so that the mean "
            "watch time is finite (it is {found}).",
        },
        "livestream.error.mode": {
            "vi": "Không có chế độ mô phỏng “{found}”. Hãy chọn “viewer” (từng người xem) hoặc "
            "“minute” (từng phút).",
            "en": "No simulation mode “{found}”. Choose “viewer” or “minute”.",
        },
        "livestream.error.seed": {
            "vi": "`seed` cần là một số nguyên (ví dụ seed=2026) hoặc một numpy.random.Generator, "
            "nhưng bạn đưa vào {found}.",
            "en": "`seed` must be an integer (e.g. seed=2026) or a numpy.random.Generator, "
            "but it is {found}.",
        },
        "livestream.error.runs": {
            "vi": "Số lần mô phỏng `n_runs` phải là số nguyên từ 1 trở lên (bạn đưa vào {found}).",
            "en": "The number of runs `n_runs` must be a whole number of at least 1 (it is {found}).",
        },
        "livestream.error.unknown_field": {
            "vi": "Không có tham số “{field}”. Các tham số có sẵn: {options}.",
            "en": "There is no parameter “{field}”. Available parameters: {options}.",
        },
        "livestream.error.unknown_metric": {
            "vi": "Không có chỉ số “{found}”. Các chỉ số có sẵn: {options}.",
            "en": "There is no metric “{found}”. Available metrics: {options}.",
        },
        # --- session logs ---------------------------------------------------------
        "livestream.error.log_type": {
            "vi": "Cần một bảng nhật ký phiên live (pandas DataFrame) hoặc kết quả của "
            "livestream.simulate(...), nhưng bạn đưa vào {found}.",
            "en": "Expected a session log (pandas DataFrame) or the result of "
            "livestream.simulate(...), but got {found}.",
        },
        "livestream.error.log_columns": {
            "vi": "Nhật ký “{name}” thiếu cột {missing}. Một nhật ký cần các cột: {expected}.",
            "en": "Log “{name}” lacks the column(s) {missing}. A log needs the columns: {expected}.",
        },
        "livestream.error.log_event": {
            "vi": "Nhật ký “{name}”, dòng {row}: loại sự kiện “{found}” không hợp lệ. "
            "Các loại hợp lệ: {options}.",
            "en": "Log “{name}”, row {row}: event kind “{found}” is not valid. Valid kinds: {options}.",
        },
        "livestream.error.log_time": {
            "vi": "Nhật ký “{name}”, dòng {row}: thời điểm “{found}” không đọc được. "
            "Hãy viết dạng YYYY-MM-DD HH:MM:SS, ví dụ 2026-03-07 20:05:00.",
            "en": "Log “{name}”, row {row}: time “{found}” cannot be read. "
            "Write it as YYYY-MM-DD HH:MM:SS, e.g. 2026-03-07 20:05:00.",
        },
        "livestream.error.log_number": {
            "vi": "Nhật ký “{name}”, dòng {row}, cột `{column}`: “{found}” không phải số nguyên đồng.",
            "en": "Log “{name}”, row {row}, column `{column}`: “{found}” is not a whole number of đồng.",
        },
        "livestream.error.log_start_end": {
            "vi": "Nhật ký “{name}” cần đúng một dòng “start” (bắt đầu phiên) và một dòng “end” "
            "(kết thúc phiên), nhưng có {starts} dòng start và {ends} dòng end.",
            "en": "Log “{name}” needs exactly one “start” row and one “end” row, but it has "
            "{starts} start and {ends} end rows.",
        },
        "livestream.error.log_outside": {
            "vi": "Nhật ký “{name}”, dòng {row}: sự kiện lúc {found} nằm ngoài phiên live "
            "(từ {start} đến {end}).",
            "en": "Log “{name}”, row {row}: the event at {found} lies outside the session "
            "({start} to {end}).",
        },
        "livestream.error.log_view": {
            "vi": "Nhật ký “{name}”, dòng {row}: lượt xem “{view}” {problem}.",
            "en": "Log “{name}”, row {row}: view “{view}” {problem}.",
        },
        "livestream.problem.no_join": {
            "vi": "có sự kiện nhưng không có dòng “join” (vào xem) trước đó",
            "en": "has events but no earlier “join” row",
        },
        "livestream.problem.two_joins": {
            "vi": "có hai dòng “join”; mỗi lượt xem chỉ vào một lần",
            "en": "has two “join” rows; each view joins once",
        },
        "livestream.problem.before_join": {
            "vi": "có sự kiện trước lúc vào xem",
            "en": "has an event before it joined",
        },
        "livestream.problem.after_leave": {
            "vi": "có sự kiện sau lúc rời phiên",
            "en": "has an event after it left",
        },
        "livestream.problem.two_leaves": {
            "vi": "có hai dòng “leave”; mỗi lượt xem chỉ rời một lần",
            "en": "has two “leave” rows; each view leaves once",
        },
        # --- metric labels (tables and charts) ------------------------------------
        "livestream.metric.views": {"vi": "Lượt xem", "en": "Views"},
        "livestream.metric.unique_viewers": {"vi": "Người xem khác nhau", "en": "Unique viewers"},
        "livestream.metric.peak_viewers": {
            "vi": "Người xem cùng lúc cao nhất",
            "en": "Peak concurrent viewers",
        },
        "livestream.metric.avg_viewers": {
            "vi": "Người xem cùng lúc trung bình",
            "en": "Average concurrent viewers",
        },
        "livestream.metric.avg_watch_min": {
            "vi": "Thời gian xem trung bình (phút)",
            "en": "Average watch time (min)",
        },
        "livestream.metric.product_clicks": {
            "vi": "Lượt nhấp sản phẩm",
            "en": "Product clicks",
        },
        "livestream.metric.ctr": {
            "vi": "Tỉ lệ nhấp sản phẩm (CTR)",
            "en": "Product click-through rate (CTR)",
        },
        "livestream.metric.orders": {"vi": "Đơn hàng", "en": "Orders"},
        "livestream.metric.ctor": {
            "vi": "Tỉ lệ nhấp thành đơn (CTOR)",
            "en": "Click-to-order rate (CTOR)",
        },
        "livestream.metric.gmv_vnd": {"vi": "Doanh số (GMV)", "en": "GMV"},
        "livestream.metric.gpm_vnd": {
            "vi": "GPM (doanh số trên 1.000 lượt xem)",
            "en": "GPM (GMV per 1,000 views)",
        },
        "livestream.metric.value_per_viewer_vnd": {
            "vi": "Giá trị mỗi người xem",
            "en": "Value per viewer",
        },
        "livestream.metric.comments_per_min": {
            "vi": "Bình luận mỗi phút",
            "en": "Comments per minute",
        },
        "livestream.metric.duration_min": {"vi": "Độ dài phiên (phút)", "en": "Length (min)"},
        "livestream.metric.comments": {"vi": "Bình luận", "en": "Comments"},
        "livestream.metric.lost_orders": {
            "vi": "Đơn bị lỡ vì hết hàng",
            "en": "Orders lost to stock-out",
        },
        "livestream.metric.net_revenue_vnd": {
            "vi": "Tiền thực nhận (sau phí sàn)",
            "en": "Net revenue (after fees)",
        },
        "livestream.metric.profit_vnd": {
            "vi": "Lãi (sau phí sàn và giá vốn)",
            "en": "Profit (after fees and cost)",
        },
        "livestream.table.metric": {"vi": "Chỉ số", "en": "Metric"},
        "livestream.table.value": {"vi": "Giá trị", "en": "Value"},
        # --- charts -----------------------------------------------------------------
        "livestream.chart.minute": {"vi": "Phút thứ", "en": "Minute"},
        "livestream.chart.viewers": {"vi": "Người xem cùng lúc", "en": "Concurrent viewers"},
        "livestream.chart.orders": {"vi": "Đơn hàng mỗi phút", "en": "Orders per minute"},
        "livestream.chart.viewers_title": {
            "vi": "Người xem trong phiên live",
            "en": "Viewers during the session",
        },
        "livestream.chart.orders_title": {
            "vi": "Đơn hàng và hàng còn lại",
            "en": "Orders and stock left",
        },
        "livestream.chart.stock": {"vi": "Hàng còn lại", "en": "Stock left"},
        "livestream.chart.pitch": {"vi": "Chốt đơn (pitch)", "en": "Pitch"},
        "livestream.chart.flash": {"vi": "Flash sale", "en": "Flash sale"},
        "livestream.chart.sweep_title": {
            "vi": "{metric} theo {lever}\n({runs} lần mô phỏng, khoảng tin cậy 95 %)",
            "en": "{metric} by {lever}\n({runs} runs, 95 % confidence interval)",
        },
        "livestream.chart.expected": {"vi": "Kỳ vọng (công thức)", "en": "Expected (formula)"},
        "livestream.chart.simulated": {"vi": "Mô phỏng", "en": "Simulated"},
        # --- widget -----------------------------------------------------------------
        "livestream.widget.run": {"vi": "Chạy mô phỏng", "en": "Run simulation"},
        "livestream.widget.runs": {"vi": "Số lần chạy", "en": "Runs"},
    }
)
