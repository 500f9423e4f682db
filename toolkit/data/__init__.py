"""Bundled datasets of the Học Số shop world, loaded as typed DataFrames.

Young sellers run small online shops of OCOP products (honey, tea, coffee,
rice, fish sauce, spices, dried fruit, nuts) and sell on Postmart and social
channels. Three tables describe that world; they join on ``product_id`` and
``customer_id``. ``orders`` holds the 6302 orders of the learner's own shop,
"Trà & Mật ong Nhà Lan" (honey and tea), with each order's goods cost,
shipping fee and channel fee:

============  ===========================================================
``products``  the catalogue: name, category, OCOP stars, price and cost
``customers``  buyers: name, gender, birth year, province, signup date
``orders``    one row per order (one product per row), 2025-01 to 2026-02
============  ===========================================================

Money columns end in ``_vnd`` and hold whole đồng (``int64``); dates are
``datetime64[ns]``; closed sets of labels (status, channel, …) are pandas
categoricals; other text is ``str``. The CSV files ship with the package and
were written by a seeded generator (``toolkit.data._generate``);
``python -m toolkit.data --check`` proves that they are unchanged.

Nothing is read when this module is imported: pandas is imported and the file
is read only when :func:`load` is called.

Examples
--------
>>> from toolkit import data
>>> {"customers", "orders", "products"} <= set(data.names())
True
>>> orders = data.load("orders")
>>> list(orders.columns[:4])
['order_id', 'order_date', 'customer_id', 'product_id']
>>> str(orders["order_date"].dtype), str(orders["revenue_vnd"].dtype)
('datetime64[ns]', 'int64')
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit import i18n

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DatasetNotFoundError", "load", "names", "path"]

# A column's kind: "str", "int", "float", "date" (YYYY-MM-DD), "datetime"
# (YYYY-MM-DD HH:MM:SS; empty = missing), or a tuple of labels (a pandas categorical
# with exactly those categories, in that order).
_Kind = str | tuple[str, ...]

REGIONS = ("Miền Bắc", "Miền Trung", "Miền Nam")
CATEGORIES = ("Mật ong", "Trà", "Cà phê", "Gạo", "Nước mắm", "Gia vị", "Trái cây sấy", "Hạt")
GENDERS = ("Nam", "Nữ")
ACQUISITION_CHANNELS = (
    "Postmart",
    "Facebook",
    "TikTok Shop",
    "Zalo",
    "Livestream",
    "Bưu cục",
    "Người quen giới thiệu",
)
CHANNELS = ("Postmart", "Facebook", "Zalo", "TikTok Shop", "Livestream")
STATUSES = ("Đã giao", "Đã hủy", "Hoàn trả")
PAYMENTS = ("COD", "Chuyển khoản", "Ví điện tử")

# One schema per dataset of the shop world: column name -> kind, in file order.
# Skill packages keep theirs in toolkit/<skill>/_datasets.py (found by listing).
_SCHEMAS: dict[str, dict[str, _Kind]] = {
    "products": {
        "product_id": "str",
        "name": "str",
        "category": CATEGORIES,
        "ocop_stars": "int",
        "price_vnd": "int",
        "cost_vnd": "int",
        "weight_g": "int",
        "origin_province": "str",
        "shop": "str",
    },
    "customers": {
        "customer_id": "str",
        "full_name": "str",
        "gender": GENDERS,
        "birth_year": "int",
        "province": "str",
        "region": REGIONS,
        "signup_date": "date",
        "acquisition_channel": ACQUISITION_CHANNELS,
    },
    "orders": {
        "order_id": "str",
        "order_date": "date",
        "customer_id": "str",
        "product_id": "str",
        "quantity": "int",
        "unit_price_vnd": "int",
        "discount_vnd": "int",
        "revenue_vnd": "int",
        "channel": CHANNELS,
        "province": "str",
        "status": STATUSES,
        "payment": PAYMENTS,
        "goods_cost_vnd": "int",
        "shipping_fee_vnd": "int",
        "channel_fee_vnd": "int",
    },
}

i18n.register(
    {
        "data.unknown_name": {
            "vi": "Không có bộ dữ liệu '{name}'. Các bộ dữ liệu có sẵn: {available}.",
            "en": "There is no dataset '{name}'. Available datasets: {available}.",
        },
        "data.did_you_mean": {
            "vi": " Bạn có định gõ '{guess}'?",
            "en": " Did you mean '{guess}'?",
        },
        "data.name_not_text": {
            "vi": 'Tên bộ dữ liệu cần là một chuỗi chữ, ví dụ load("orders"), nhưng bạn truyền {found}.',
            "en": 'The dataset name must be a text string, e.g. load("orders"), but it is {found}.',
        },
        "data.missing_file": {
            "vi": (
                "Không tìm thấy tệp dữ liệu {path}. Hãy cài lại gói hocso "
                "(ví dụ `pip install -e .`) hoặc báo giảng viên."
            ),
            "en": (
                "The data file {path} is missing. Reinstall the hocso package "
                "(e.g. `pip install -e .`) or tell your trainer."
            ),
        },
    }
)


class DatasetNotFoundError(KeyError, ValueError):
    """Raised by :func:`load` and :func:`path` for a name that is not a dataset.

    It is both a :class:`KeyError` (a missing key) and a :class:`ValueError` (a
    bad argument), so either ``except`` catches it. Its message is the
    translated text, without the quotes :class:`KeyError` normally adds.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def names() -> tuple[str, ...]:
    """The names of the bundled datasets, sorted: the shop world and every skill package's.

    Returns
    -------
    tuple of str
        Names accepted by :func:`load` and :func:`path`.

    Examples
    --------
    >>> {"customers", "orders", "products"} <= set(names())
    True
    """
    from toolkit.data._files import dataset_names

    return dataset_names()


def _resolve(name: object) -> str:
    """Map what a learner typed to a dataset name, or raise a helpful error."""
    if not isinstance(name, str):
        raise TypeError(i18n.t("data.name_not_text", found=repr(name)))
    key = unicodedata.normalize("NFC", name).strip().lower()
    key = key.removesuffix(".csv")
    if key in names():
        return key
    message = i18n.t("data.unknown_name", name=name, available=", ".join(names()))
    guesses = difflib.get_close_matches(key, names(), n=1)
    if guesses:
        message += i18n.t("data.did_you_mean", guess=guesses[0])
    raise DatasetNotFoundError(message)


def _schema(name: str) -> dict[str, _Kind]:
    from toolkit.data._files import provider_of

    provider = provider_of(name)
    if provider is None:
        raise DatasetNotFoundError(
            i18n.t("data.unknown_name", name=name, available=", ".join(names()))
        )
    return dict(provider.schemas[name])


def path(name: str) -> Path:
    """Where the CSV file of dataset ``name`` is.

    Parameters
    ----------
    name : str
        A dataset name from :func:`names` (case and a trailing ``.csv`` are
        ignored).

    Returns
    -------
    pathlib.Path
        Path of the UTF-8 CSV file inside the installed package.

    Raises
    ------
    DatasetNotFoundError
        If ``name`` is not a dataset; the message lists the ones that exist.

    Examples
    --------
    >>> path("orders").name
    'orders.csv'
    >>> path("Orders.csv").name
    'orders.csv'
    """
    from toolkit.data._files import provider_of

    key = _resolve(name)
    return provider_of(key).directory / f"{key}.csv"  # type: ignore[union-attr]


_LOADED: dict[str, tuple[tuple[int, int], pd.DataFrame]] = {}


def load(name: str) -> pd.DataFrame:
    """Read a bundled dataset as a typed DataFrame.

    Parameters
    ----------
    name : str
        ``"products"``, ``"customers"`` or ``"orders"`` (see :func:`names`).

    Returns
    -------
    pandas.DataFrame
        A fresh copy each call, so changing it never changes the next load.
        Integers are ``int64`` (money in whole đồng), dates ``datetime64[ns]``,
        closed sets of labels ``category``, other text ``str``.

    Raises
    ------
    DatasetNotFoundError
        If ``name`` is not a dataset. The Vietnamese message lists the names
        that exist and suggests the closest one.

    Examples
    --------
    >>> products = load("products")
    >>> products.loc[0, ["product_id", "name"]].tolist()
    ['SP001', 'Mật ong hoa nhãn Hưng Yên 500ml']
    >>> sorted(products["ocop_stars"].unique().tolist())
    [3, 4, 5]

    A misspelt name gets the list of names and a suggestion:

    >>> try:
    ...     load("oder")
    ... except KeyError as error:
    ...     print(str(error).split(". ")[-1])
    Bạn có định gõ 'orders'?
    """
    import pandas as pd

    key = _resolve(name)
    file = path(key)
    if not file.is_file():
        raise FileNotFoundError(i18n.t("data.missing_file", path=str(file)))
    # Parsed once per process (and inherited by the grader's forked children);
    # every call still gets its own deep copy. A changed file is read again.
    stat = file.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _LOADED.get(key)
    if cached is None or cached[0] != stamp:
        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
        cached = _LOADED[key] = (stamp, _typed(raw, key))
    return cached[1].copy(deep=True)


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Give ``frame`` the columns, order and dtypes of dataset ``name``'s schema.

    Used by :func:`load` on the text read from CSV and by the generator on the
    tables it builds, so both give identical frames.
    """
    import pandas as pd

    schema = _schema(name)
    frame = frame.reset_index(drop=True)
    if list(frame.columns) != list(schema):
        raise ValueError(
            f"dataset {name!r}: columns {list(frame.columns)} differ from the schema {list(schema)}"
        )
    columns = {}
    for column, kind in schema.items():
        values = frame[column]
        if isinstance(kind, tuple):
            typed = pd.Series(
                pd.Categorical(values.astype(str), categories=list(kind)), index=frame.index
            )
            if typed.isna().any():
                unknown = sorted(set(values.astype(str)) - set(kind))
                raise ValueError(
                    f"dataset {name!r}: column {column!r} has unknown labels {unknown}"
                )
        elif kind == "int":
            typed = values.astype("int64")
        elif kind == "float":
            if not pd.api.types.is_float_dtype(values):
                values = pd.to_numeric(values.replace("", None))
            typed = values.astype("float64")
        elif kind in ("date", "datetime"):
            if not pd.api.types.is_datetime64_any_dtype(values):
                text = values.replace("", None)
                fmt = "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S"
                values = pd.to_datetime(text, format=fmt)
            typed = values.astype("datetime64[ns]")
        elif kind == "str":
            typed = values.astype("str")
        else:  # pragma: no cover - a programming error in a schema
            raise ValueError(f"unknown column kind {kind!r}")
        columns[column] = typed
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))
