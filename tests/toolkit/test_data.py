"""The bundled shop datasets: shipped bytes, schema, integrity and the story they tell."""

import subprocess
import sys
import unicodedata

import pandas as pd
import pytest

from toolkit import data
from toolkit.data import _generate
from toolkit.data.__main__ import main

PROVINCES_34 = {
    "Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Quảng Ninh",
    "Lạng Sơn", "Cao Bằng", "Lai Châu", "Điện Biên", "Sơn La", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Lào Cai", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng",
    "Đồng Nai", "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cà Mau",
}  # fmt: skip
DELIVERED = "Đã giao"


SHOP_WORLD = tuple(sorted(data._SCHEMAS))  # skill packages add their own datasets


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name) for name in SHOP_WORLD}


@pytest.fixture(scope="module")
def orders(tables):
    return tables["orders"]


@pytest.fixture(scope="module")
def delivered(orders):
    return orders[orders["status"] == DELIVERED]


def ranking(values: pd.Series) -> tuple[object, float]:
    """The top label and how far it leads the second (top / second)."""
    ordered = values.sort_values(ascending=False)
    return ordered.index[0], float(ordered.iloc[0] / ordered.iloc[1])


# --- shipped files ------------------------------------------------------------------


def test_shipped_files_equal_generator_output():
    for name, frame in _generate.generate(_generate.SEED).items():
        assert data.path(name).read_bytes() == _generate.to_csv_bytes(frame), name


def test_check_passes_on_shipped_files():
    assert _generate.check() == []


def test_cli_check_reports_the_differing_file(tmp_path, capsys):
    assert main(["--write", "--directory", str(tmp_path)]) == 0
    assert main(["--check", "--directory", str(tmp_path)]) == 0
    orders = tmp_path / "orders.csv"
    lines = orders.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"2025", b"2024", 1)
    orders.write_bytes(b"\n".join(lines))
    capsys.readouterr()
    assert main(["--check", "--directory", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "orders.csv" in err
    assert "line 4" in err
    assert "customers.csv" not in err
    (tmp_path / "products.csv").unlink()
    assert main(["--check", "--directory", str(tmp_path)]) == 1
    assert "products.csv: missing" in capsys.readouterr().err


def test_cli_check_runs_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.data", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_csv_format_is_fixed():
    raw = data.path("orders").read_bytes()
    assert b"\r" not in raw
    assert raw.endswith(b"\n")
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM
    header, first = raw.split(b"\n")[:2]
    assert header.decode() == ",".join(data._SCHEMAS["orders"])
    assert first.split(b",")[1] == b"2025-01-01"  # ISO dates without a time


def test_csvs_are_small():
    assert sum(data.path(name).stat().st_size for name in SHOP_WORLD) < 1_000_000


def test_write_is_deterministic_and_files_readable(tmp_path):
    written = _generate.write(tmp_path)
    assert [file.name for file in written] == ["customers.csv", "orders.csv", "products.csv"]
    for file in written:
        assert file.read_bytes() == data.path(file.stem).read_bytes()
        assert file.stat().st_mode & 0o444 == 0o444
    assert not list(tmp_path.glob("*.tmp"))


def test_same_seed_same_bytes_different_seed_different():
    first = _generate.generate(7)
    again = _generate.generate(7)
    other = _generate.generate(8)
    for name in ("customers", "orders"):
        assert _generate.to_csv_bytes(first[name]) == _generate.to_csv_bytes(again[name])
        assert _generate.to_csv_bytes(first[name]) != _generate.to_csv_bytes(other[name])


def test_to_csv_bytes_writes_floats_exactly_and_refuses_bools():
    text = _generate.to_csv_bytes(pd.DataFrame({"ti_le": [0.1, float("nan"), 1 / 3]}))
    assert text == b'ti_le\n0.1\n""\n0.3333333333333333\n'  # csv quotes a lone empty field
    with pytest.raises(TypeError, match="integers"):
        _generate.to_csv_bytes(pd.DataFrame({"da_giao": [True]}))


def test_to_csv_bytes_quotes_and_times():
    frame = pd.DataFrame(
        {"t": pd.to_datetime(["2025-11-11 20:15:00"]), "s": ['Trà "ngon", rẻ'], "n": [3]}
    )
    assert (
        _generate.to_csv_bytes(frame)
        == 't,s,n\n2025-11-11 20:15:00,"Trà ""ngon"", rẻ",3\n'.encode()
    )


# --- API ------------------------------------------------------------------------------


def test_names_and_paths():
    assert SHOP_WORLD == ("customers", "orders", "products")
    assert set(SHOP_WORLD) <= set(data.names())
    assert list(data.names()) == sorted(data.names())
    for name in data.names():  # every skill package's datasets too
        assert data.path(name).is_file()


def test_load_returns_fresh_copies():
    first = data.load("products")
    first.loc[0, "price_vnd"] = 1
    assert data.load("products").loc[0, "price_vnd"] != 1


def test_load_reads_a_changed_file_again(tmp_path, monkeypatch):
    copy = tmp_path / "products.csv"
    copy.write_bytes(data.path("products").read_bytes())
    monkeypatch.setattr(data, "path", lambda name: copy)
    monkeypatch.setattr(data, "_LOADED", {})
    assert data.load("products").loc[0, "price_vnd"] != 1
    text = copy.read_text(encoding="utf-8").splitlines()
    header, first = text[0].split(","), text[1].split(",")
    first[header.index("price_vnd")] = "1"
    copy.write_text("\n".join([text[0], ",".join(first), *text[2:]]) + "\n", encoding="utf-8")
    assert data.load("products").loc[0, "price_vnd"] == 1


def test_load_equals_generator_frames(tables):
    generated = _generate.generate()
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, generated[name])


@pytest.mark.parametrize("name", ["Orders", " orders ", "orders.csv"])
def test_load_is_forgiving_about_case_and_suffix(name):
    assert len(data.load(name)) == len(data.load("orders"))


def test_unknown_name_lists_the_datasets_and_suggests(monkeypatch):
    monkeypatch.delenv("HOCSO_LANG", raising=False)
    with pytest.raises(data.DatasetNotFoundError) as info:
        data.load("oder")
    assert str(info.value) == (
        f"Không có bộ dữ liệu 'oder'. Các bộ dữ liệu có sẵn: {', '.join(data.names())}. "
        "Bạn có định gõ 'orders'?"
    )
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ValueError)


def test_unknown_name_without_close_match(monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "en")
    with pytest.raises(KeyError) as info:
        data.path("zzz")
    assert (
        str(info.value)
        == f"There is no dataset 'zzz'. Available datasets: {', '.join(data.names())}."
    )


def test_name_must_be_text():
    with pytest.raises(TypeError, match=r"chuỗi chữ|text string"):
        data.load(3)


def test_import_reads_nothing_and_stays_light():
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda *a, **k: (opened.append(a[0]), real_open(*a, **k))[1]\n"
        "import toolkit.data, toolkit.plots\n"
        "assert not [f for f in opened if str(f).endswith('.csv')], opened\n"
        "heavy = {'pandas', 'numpy', 'matplotlib'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- schema ----------------------------------------------------------------------------


def test_schema_and_dtypes(tables):
    for name, frame in tables.items():
        schema = data._SCHEMAS[name]
        assert list(frame.columns) == list(schema)
        for column, kind in schema.items():
            dtype = frame[column].dtype
            if isinstance(kind, tuple):
                assert isinstance(dtype, pd.CategoricalDtype), column
                assert list(dtype.categories) == list(kind), column
            elif kind == "int":
                assert dtype == "int64", column
            elif kind == "date":
                assert dtype == "datetime64[ns]", column
            else:
                assert pd.api.types.is_string_dtype(dtype), column
            assert not frame[column].isna().any(), column


def test_row_counts_and_unique_ids(tables):
    assert len(tables["products"]) == 30
    assert len(tables["customers"]) == 1500
    assert 6000 <= len(tables["orders"]) <= 9000
    for name, key in [
        ("products", "product_id"),
        ("customers", "customer_id"),
        ("orders", "order_id"),
    ]:
        assert tables[name][key].is_unique
    assert tables["products"]["product_id"].str.fullmatch(r"SP\d{3}").all()
    assert tables["customers"]["customer_id"].str.fullmatch(r"KH\d{4}").all()
    assert tables["orders"]["order_id"].str.fullmatch(r"DH\d{6}").all()


def test_text_is_nfc_and_trimmed(tables):
    for frame in tables.values():
        for column in frame.columns:
            if frame[column].dtype == "int64" or frame[column].dtype.kind == "M":
                continue
            for value in frame[column].astype(str).unique():
                assert value == unicodedata.normalize("NFC", value), value
                assert value == value.strip(), value


def test_provinces_are_valid_after_the_2025_merger(tables):
    assert set(tables["customers"]["province"]) <= PROVINCES_34
    assert set(tables["products"]["origin_province"]) <= PROVINCES_34
    assert set(tables["orders"]["province"]) <= PROVINCES_34


# --- integrity and invariants --------------------------------------------------------------


def test_referential_integrity(tables, orders):
    assert orders["customer_id"].isin(tables["customers"]["customer_id"]).all()
    assert orders["product_id"].isin(tables["products"]["product_id"]).all()


def test_order_province_is_the_customers(tables, orders):
    merged = orders.merge(tables["customers"], on="customer_id", suffixes=("", "_customer"))
    assert (merged["province"] == merged["province_customer"]).all()


def test_orders_come_after_signup(tables, orders):
    merged = orders.merge(tables["customers"], on="customer_id")
    assert (merged["order_date"] >= merged["signup_date"]).all()


def test_money_invariants(tables, orders):
    assert (
        orders["revenue_vnd"]
        == orders["quantity"] * orders["unit_price_vnd"] - orders["discount_vnd"]
    ).all()
    assert orders["quantity"].between(1, 5).all()
    assert (orders["discount_vnd"] >= 0).all()
    assert (orders["revenue_vnd"] > 0).all()
    assert (orders["unit_price_vnd"] % 1000 == 0).all()
    prices = orders.merge(tables["products"], on="product_id")
    assert (prices["unit_price_vnd"] <= prices["price_vnd"]).all()
    assert (prices["unit_price_vnd"] >= prices["price_vnd"] * 0.85 - 1000).all()
    # Sale prices only on sale days, or in livestreams ("giá live").
    on_sale = prices[prices["unit_price_vnd"] < prices["price_vnd"]]
    assert len(on_sale) > 0
    days = on_sale["order_date"]
    sale_day = (days.dt.month == days.dt.day) | (days.dt.month >= 9)
    assert (sale_day | (on_sale["channel"] == "Livestream")).all()
    assert (
        prices.loc[prices["channel"] == "Livestream", "unit_price_vnd"]
        < prices.loc[prices["channel"] == "Livestream", "price_vnd"]
    ).all()


def test_products(tables):
    products = tables["products"]
    assert (products["cost_vnd"] > 0).all()
    assert (products["cost_vnd"] < products["price_vnd"]).all()
    assert products["price_vnd"].between(45_000, 450_000).all()
    assert (products["price_vnd"] % 1000 == 0).all()
    assert (products["weight_g"] > 0).all()
    assert products["name"].is_unique
    assert products["shop"].nunique() >= 3
    assert set(products["category"]) == set(data.CATEGORIES)


def test_ocop_stars_follow_the_national_mix(tables):
    stars = tables["products"]["ocop_stars"].value_counts(normalize=True)
    assert set(stars.index) <= {3, 4, 5}
    assert 0.6 <= stars[3] <= 0.8
    assert 0.2 <= stars[4] <= 0.35
    assert 1 <= (tables["products"]["ocop_stars"] == 5).sum() <= 2


def test_customers(tables):
    customers = tables["customers"]
    assert customers["birth_year"].between(1960, 2008).all()
    assert customers["full_name"].str.split().str.len().ge(3).all()
    regions = customers.groupby("province")["region"].nunique()
    assert (regions == 1).all()  # a province has exactly one region
    assert customers["signup_date"].is_monotonic_increasing
    assert customers["province"].value_counts().index[0] == "Hà Nội"


def test_shares_of_status_payment_quantity(orders):
    status = orders["status"].value_counts(normalize=True)
    assert 0.78 <= status["Đã giao"] <= 0.88
    assert 0.03 <= status["Đã hủy"] <= 0.09
    assert 0.07 <= status["Hoàn trả"] <= 0.15
    assert orders["quantity"].isin([1, 2]).mean() > 0.7
    assert orders["payment"].value_counts().index[0] == "COD"
    covered = orders["order_date"]
    assert covered.min() == pd.Timestamp("2025-01-01")
    assert covered.max() == pd.Timestamp("2026-02-28")


# --- the learner's shop -------------------------------------------------------------


def test_every_order_is_from_the_learners_shop(tables, orders):
    products = tables["products"].set_index("product_id")
    assert _generate.SHOP == "Trà & Mật ong Nhà Lan"
    assert (products.loc[orders["product_id"], "shop"] == _generate.SHOP).all()
    own = products[products["shop"] == _generate.SHOP]
    assert set(own["category"]) == {"Mật ong", "Trà"}  # the name of the shop tells the truth
    assert set(orders["product_id"]) == set(own.index)  # and every product of hers sells
    assert 5 <= len(own) <= 8


# --- the story: every property the courses rely on, on the shipped data ------------


def test_undelivered_orders_change_the_top_product(orders, delivered):
    over_all, lead_all = ranking(orders.groupby("product_id")["revenue_vnd"].sum())
    kept, lead_kept = ranking(delivered.groupby("product_id")["revenue_vnd"].sum())
    assert (over_all, kept) == ("SP002", "SP001")
    assert lead_all > 1.05
    assert lead_kept > 1.04


def test_undelivered_orders_change_the_top_province(orders, delivered):
    over_all, lead_all = ranking(orders.groupby("province")["revenue_vnd"].sum())
    kept, lead_kept = ranking(delivered.groupby("province")["revenue_vnd"].sum())
    assert (over_all, kept) == ("TP. Hồ Chí Minh", "Hà Nội")
    assert lead_all > 1.08
    assert lead_kept > 1.08


def test_undelivered_orders_change_the_best_month(orders, delivered):
    def by_month(frame):
        return frame.groupby(frame["order_date"].dt.strftime("%Y-%m"))["revenue_vnd"].sum()

    over_all, lead_all = ranking(by_month(orders))
    kept, lead_kept = ranking(by_month(delivered))
    assert (over_all, kept) == ("2025-01", "2026-02")
    assert lead_all > 1.1
    assert lead_kept > 1.1


def test_counting_rows_gives_other_answers(delivered):
    by_count, lead = ranking(delivered["product_id"].value_counts())
    assert by_count == "SP005"
    assert lead > 1.2
    month = delivered["order_date"].dt.strftime("%Y-%m")
    busiest, lead = ranking(delivered.groupby(month).size())
    assert busiest == "2025-11"
    assert lead > 1.05
    by_quantity, _ = ranking(delivered.groupby("product_id")["quantity"].sum())
    assert by_quantity == "SP005"


def test_grouping_by_month_number_is_a_detectable_mistake(delivered):
    wrong, _ = ranking(delivered.groupby(delivered["order_date"].dt.month)["revenue_vnd"].sum())
    assert wrong == 1  # January 2025 + January 2026, not February 2026


def test_cod_is_refused_far_more_often(orders):
    failed = (orders["status"] != DELIVERED).groupby(orders["payment"]).mean()
    returned = (orders["status"] == "Hoàn trả").groupby(orders["payment"]).mean()
    assert failed["COD"] > 0.2
    assert failed["Chuyển khoản"] < 0.06
    assert failed["Ví điện tử"] < 0.06
    assert returned["COD"] > 8 * returned["Chuyển khoản"]  # bom hàng: refused at the door
    cod = orders[orders["payment"] == "COD"]
    assert (cod["status"] == "Hoàn trả").sum() > (cod["status"] == "Đã hủy").sum()
    # and refusals grow with the distance from Hưng Yên
    by_province = (orders["status"] != DELIVERED).groupby(orders["province"]).mean()
    assert by_province["TP. Hồ Chí Minh"] > 2 * by_province["Hà Nội"]


def test_rates_fall_as_the_shop_learns(orders):
    failed = orders["status"] != DELIVERED
    month = orders["order_date"].dt.strftime("%Y-%m")
    by_month = failed.groupby(month).mean()
    assert by_month["2025-01"] > 0.3  # the viral post before Tết 2025
    assert by_month["2026-02"] < 0.12
    assert by_month["2025-03":"2025-08"].mean() > by_month["2025-09":"2026-02"].mean()


def _profit(frame):
    return (
        frame["revenue_vnd"]
        - frame["goods_cost_vnd"]
        - frame["shipping_fee_vnd"]
        - frame["channel_fee_vnd"]
    )


@pytest.fixture(scope="module")
def channels(orders, delivered):
    returned = orders[orders["status"] == "Hoàn trả"]
    table = pd.DataFrame(
        {
            "aov": delivered.groupby("channel")["revenue_vnd"].mean(),
            "failed": (orders["status"] != DELIVERED).groupby(orders["channel"]).mean(),
            "profit": _profit(delivered).groupby(delivered["channel"]).sum(),
            "revenue": delivered.groupby("channel")["revenue_vnd"].sum(),
            "lost_shipping": returned.groupby("channel")["shipping_fee_vnd"].sum(),
        }
    )
    table["margin"] = (table["profit"] - table["lost_shipping"]) / table["revenue"]
    return table


def test_channels_differ_in_basket_size(channels):
    aov = channels["aov"].sort_values()
    assert aov.index[-1] == "Zalo"  # gifts by the box for friends and repeat buyers
    assert list(aov.index[:2]) == ["Livestream", "TikTok Shop"]  # cheap impulse buys
    assert aov.iloc[-1] / aov.iloc[0] > 1.35


def test_channels_differ_in_failed_orders(channels):
    failed = channels["failed"].sort_values()
    assert failed.index[0] == "Zalo"
    assert failed.index[-1] == "Livestream"
    assert failed.iloc[-1] - failed.iloc[0] > 0.2
    assert failed["Postmart"] < failed["Facebook"]


def test_channels_differ_in_margin(channels):
    margin = channels["margin"].sort_values()
    assert margin.index[-1] == "Zalo"
    assert margin.index[0] == "Livestream"
    assert margin.iloc[-1] - margin.iloc[0] > 0.12
    assert channels["profit"].idxmax() == "Postmart"  # the most profit overall
    assert (margin > 0).all()


def test_costs_make_profit_computable(tables, orders, delivered):
    products = tables["products"].set_index("product_id")
    assert (
        orders["goods_cost_vnd"]
        == orders["quantity"] * products.loc[orders["product_id"], "cost_vnd"].to_numpy()
    ).all()
    cancelled = orders[orders["status"] == "Đã hủy"]
    returned = orders[orders["status"] == "Hoàn trả"]
    assert (cancelled["shipping_fee_vnd"] == 0).all()
    assert (delivered["shipping_fee_vnd"] >= 10_000).all()
    assert (returned["shipping_fee_vnd"] >= 20_000).all()
    assert (orders.loc[orders["status"] != DELIVERED, "channel_fee_vnd"] == 0).all()
    for column in ("shipping_fee_vnd", "channel_fee_vnd"):
        assert (orders[column] % 1000 == 0).all()
    fee_share = (
        (delivered["channel_fee_vnd"] / delivered["revenue_vnd"])
        .groupby(delivered["channel"])
        .mean()
    )
    assert fee_share["TikTok Shop"] > fee_share["Postmart"] > 0
    assert fee_share[["Facebook", "Zalo", "Livestream"]].max() == 0
    # heavier parcels cost more to ship, at equal distance and channel
    weight = orders["quantity"] * products.loc[orders["product_id"], "weight_g"].to_numpy()
    same = delivered[(delivered["province"] == "Hà Nội") & (delivered["channel"] == "Facebook")]
    light = same[weight[same.index] <= 400]["shipping_fee_vnd"]
    heavy = same[weight[same.index] >= 2000]["shipping_fee_vnd"]
    assert light.max() < heavy.min()
    # Postmart ships cheaper (the programme's discount for youth start-ups)
    hanoi = delivered[(delivered["province"] == "Hà Nội") & (weight[delivered.index] <= 400)]
    by_channel = hanoi.groupby("channel")["shipping_fee_vnd"].mean()
    assert by_channel["Postmart"] < by_channel["Facebook"]
    profit = _profit(delivered)
    assert 0.2 < profit.sum() / delivered["revenue_vnd"].sum() < 0.4
    assert (profit > 0).mean() > 0.9


def test_undelivered_orders_lose_real_money(orders, delivered):
    everything = int(orders["revenue_vnd"].sum())
    kept = int(delivered["revenue_vnd"].sum())
    assert everything / kept > 1.15
    lost_shipping = orders.loc[orders["status"] == "Hoàn trả", "shipping_fee_vnd"].sum()
    assert lost_shipping > 0.05 * _profit(delivered).sum()


def test_peaks_and_tet_lull_are_visible(orders):
    daily = (
        orders.groupby("order_date")["revenue_vnd"]
        .sum()
        .reindex(pd.date_range("2025-01-01", "2026-02-28"), fill_value=0)
    )
    median = daily.median()
    assert daily["2025-01-08":"2025-01-28"].mean() > 1.6 * median  # 3 weeks before Tết 2025
    assert daily["2026-01-27":"2026-02-16"].mean() > 1.6 * median  # 3 weeks before Tết 2026
    assert daily["2025-11-11"] > 5 * median
    assert daily["2025-12-12"] > 3 * median
    assert daily["2025-11-11"] == daily["2025-09-01":"2025-12-31"].max()
    assert daily["2025-11-28"] > 2 * median  # Black Friday
    assert daily["2025-01-29":"2025-02-01"].mean() < 0.5 * median  # Tết holiday lull
    assert daily["2026-02-17":"2026-02-20"].mean() < 0.5 * median
