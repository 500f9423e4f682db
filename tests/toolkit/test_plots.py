"""The chart style, the Vietnamese axis formatters and the bar chart helper."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit import plots

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- formatters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, f"0{NBSP}₫"),
        (750, f"750{NBSP}₫"),
        (45_000, f"45{NBSP}N{NBSP}₫"),
        (500_000, f"500{NBSP}N{NBSP}₫"),
        (1_200_000, f"1,2{NBSP}tr{NBSP}₫"),
        (1_250_000, f"1,25{NBSP}tr{NBSP}₫"),
        (1_234_567, f"1,23{NBSP}tr{NBSP}₫"),
        (999_999, f"1{NBSP}tr{NBSP}₫"),
        (2_500_000_000, f"2,5{NBSP}tỷ{NBSP}₫"),
        (1_500_000_000_000, f"1.500{NBSP}tỷ{NBSP}₫"),
        (-1_500_000, f"-1,5{NBSP}tr{NBSP}₫"),
    ],
)
def test_format_vnd_short(amount, text):
    assert plots.format_vnd_short(amount) == text


@pytest.mark.parametrize("bad", ["1000", None, True])
def test_format_vnd_short_rejects_non_numbers(bad):
    with pytest.raises(TypeError):
        plots.format_vnd_short(bad)


@pytest.mark.parametrize(
    ("locs", "labels"),
    [
        (
            [0, 500_000, 1_000_000, 1_500_000],
            [f"0{NBSP}₫", f"0,5{NBSP}tr{NBSP}₫", f"1{NBSP}tr{NBSP}₫", f"1,5{NBSP}tr{NBSP}₫"],
        ),
        (
            [0, 250_000, 500_000, 750_000],
            [f"0{NBSP}₫", f"250{NBSP}N{NBSP}₫", f"500{NBSP}N{NBSP}₫", f"750{NBSP}N{NBSP}₫"],
        ),
        (
            [0, 125_000, 250_000, 1_125_000],
            [f"0{NBSP}₫", f"0,125{NBSP}tr{NBSP}₫", f"0,25{NBSP}tr{NBSP}₫", f"1,125{NBSP}tr{NBSP}₫"],
        ),
        (
            [0.0, 0.1 + 0.2, 0.6],  # float noise never shows
            [f"0{NBSP}₫", f"0{NBSP}₫", f"1{NBSP}₫"],
        ),
    ],
)
def test_vnd_formatter_uses_one_unit_per_axis(locs, labels):
    assert plots.vnd_formatter().format_ticks(locs) == labels


def test_vnd_formatter_full():
    formatter = plots.vnd_formatter(compact=False)
    assert formatter(1_250_000) == f"1.250.000{NBSP}₫"
    assert formatter(1_249_999.6) == f"1.250.000{NBSP}₫"
    assert formatter(0) == f"0{NBSP}₫"


@pytest.mark.parametrize(
    ("value", "decimals", "xmax", "text"),
    [
        (0.125, 1, 1.0, f"12,5{NBSP}%"),
        (0.25, 0, 1.0, f"25{NBSP}%"),
        (1.0, 0, 1.0, f"100{NBSP}%"),
        (12.5, 1, 100, f"12,5{NBSP}%"),
        (12.5, 0, 1.0, f"1.250{NBSP}%"),
        (0, 0, 1.0, f"0{NBSP}%"),
    ],
)
def test_percent_formatter(value, decimals, xmax, text):
    assert plots.percent_formatter(decimals=decimals, xmax=xmax)(value) == text


def test_axis_helpers_set_the_formatters():
    _, ax = plt.subplots()
    ax.bar([0, 1], [400_000, 1_200_000])
    assert plots.format_vnd_axis(ax) is ax
    assert plots.format_percent_axis(ax, "x", decimals=1) is ax
    ax.figure.canvas.draw()
    y_labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert y_labels[0] == f"0{NBSP}₫"
    assert all(label.endswith(f"{NBSP}tr{NBSP}₫") for label in y_labels[1:])
    assert ax.xaxis.get_major_formatter()(0.125) == f"12,5{NBSP}%"


def test_bad_axis_name_is_explained():
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match=r'"x" hoặc "y"|"x" or "y"'):
        plots.format_vnd_axis(ax, "z")


# --- style ------------------------------------------------------------------------------


def test_style_is_scoped_and_use_style_is_global():
    before = matplotlib.rcParams["axes.titleweight"]
    with plots.style():
        assert matplotlib.rcParams["axes.titleweight"] == "bold"
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert matplotlib.rcParams["axes.titleweight"] == before
    with matplotlib.rc_context():
        plots.use_style()
        assert matplotlib.rcParams["axes.spines.top"] is False
        colours = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
        assert colours == list(plots.PALETTE)
    assert matplotlib.rcParams["axes.titleweight"] == before


def test_the_font_has_every_vietnamese_glyph():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(
        font_manager.FontProperties(family=plots.FONT), fallback_to_default=False
    )
    font = FT2Font(path)
    charmap = font.get_charmap()
    text = "ĂÂĐÊÔƠƯăâđêôơư ạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ ₫"
    missing = [ch for ch in text.replace(" ", "") if ord(ch) not in charmap]
    assert not missing


# --- bar chart --------------------------------------------------------------------------

REVENUE = pd.Series(
    {"Mật ong hoa nhãn Hưng Yên 1 lít": 2_809_000, "Xoài sấy dẻo Đồng Tháp 250g": 1_200_000,
     "Gạo ST25 Sóc Trăng 5kg": 950_000}
)  # fmt: skip


def test_bar_chart_is_labelled_and_draws_the_series():
    ax = plots.bar_chart(
        REVENUE, title="Doanh thu theo sản phẩm", xlabel="Sản phẩm", ylabel="Doanh thu", money=True
    )
    assert ax.get_title() == "Doanh thu theo sản phẩm"
    assert ax.get_xlabel() == "Sản phẩm"
    assert ax.get_ylabel() == "Doanh thu"
    assert [float(p.get_height()) for p in ax.patches] == REVENUE.tolist()
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == list(REVENUE.index)
    assert any("tr" in t.get_text() for t in ax.get_yticklabels())


def test_bar_chart_passes_the_chart_check():
    from toolkit.checks import to_plain

    ax = plots.bar_chart(REVENUE, title="Doanh thu", xlabel="Sản phẩm", ylabel="₫", horizontal=True)
    plain = to_plain(ax, "chart")
    assert plain["bar_labels"] == list(REVENUE.index)
    assert plain["bar_sizes"] == REVENUE.tolist()
    assert plain["title"] == "Doanh thu"


def test_bar_chart_horizontal_percent_on_given_axes():
    _, ax = plt.subplots()
    shares = pd.Series({"Postmart": 0.35, "Facebook": 0.25})
    out = plots.bar_chart(
        shares,
        title="Tỉ lệ",
        xlabel="Tỉ lệ đơn",
        ylabel="Kênh",
        percent=True,
        horizontal=True,
        ax=ax,
    )
    assert out is ax
    assert [float(p.get_width()) for p in ax.patches] == [0.35, 0.25]
    assert ax.xaxis.get_major_formatter()(0.35) == f"35{NBSP}%"
    assert ax.yaxis_inverted()  # first item on top


def test_bar_chart_accepts_a_mapping_and_keeps_duplicate_labels_apart():
    ax = plots.bar_chart({"a": 1, "b": 2}, title="T", xlabel="X", ylabel="Y")
    assert len(ax.patches) == 2
    series = pd.Series([1, 2], index=["Hà Nội", "Hà Nội"])
    ax = plots.bar_chart(series, title="T", xlabel="X", ylabel="Y")
    assert sorted(p.get_x() for p in ax.patches)[0] != sorted(p.get_x() for p in ax.patches)[1]


@pytest.mark.parametrize(
    "labels",
    [
        {"title": "", "xlabel": "X", "ylabel": "Y"},
        {"title": "T", "xlabel": "   ", "ylabel": "Y"},
        {"title": "T", "xlabel": "X", "ylabel": None},
    ],
)
def test_bar_chart_requires_labels(labels, monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    with pytest.raises(ValueError, match="Biểu đồ nào cũng cần"):
        plots.bar_chart(REVENUE, **labels)


def test_bar_chart_rejects_bad_data(monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    with pytest.raises(ValueError, match="rỗng"):
        plots.bar_chart(pd.Series([], dtype=float), title="T", xlabel="X", ylabel="Y")
    with pytest.raises(TypeError, match="phải là số"):
        plots.bar_chart(pd.Series(["1", "2"]), title="T", xlabel="X", ylabel="Y")
    with pytest.raises(ValueError, match="một trong hai"):
        plots.bar_chart(REVENUE, title="T", xlabel="X", ylabel="Y", money=True, percent=True)


def test_bar_chart_renders_to_png(tmp_path):
    ax = plots.bar_chart(
        REVENUE,
        title="Doanh thu theo sản phẩm (Đã giao)",
        xlabel="Sản phẩm",
        ylabel="Doanh thu",
        money=True,
    )
    out = tmp_path / "doanh_thu.png"
    ax.figure.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 5_000
