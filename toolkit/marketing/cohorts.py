"""Monthly cohorts: of the customers who first bought in month c, how many came back k months later.

Retention R(c, k) = active customers of cohort c in month c + k / size of
cohort c (``../shared/DOMAIN.md`` §2), so R(c, 0) = 100 % by definition. A
cell whose month lies after the last month in the data has not been observed
yet; it is ``NaN`` on purpose (the triangle of a cohort table), never a
computation error.

Vectorised with numpy (``factorize``, ``bincount``): one million orders take a
fraction of a second (``benchmarks/marketing.py``).

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({
...     "customer_id": ["A", "B", "A", "C", "B", "C"],
...     "order_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-02-03",
...                                   "2025-02-10", "2025-03-01", "2025-03-15"]),
... })
>>> cohort_counts(orders)  # doctest: +NORMALIZE_WHITESPACE
           0    1    2
cohort
2025-01  2.0  1.0  1.0
2025-02  1.0  1.0  NaN
>>> retention_matrix(orders)[0].tolist()
[1.0, 1.0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.i18n import t
from toolkit.marketing._validate import require_columns, require_dates, require_not_empty

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["cohort_counts", "cohort_months", "plot_retention", "retention_matrix"]


def cohort_months(
    orders: pd.DataFrame, *, customer: str = "customer_id", date: str = "order_date"
) -> pd.DataFrame:
    """Each order's cohort (month of the customer's first order) and period (months since then).

    Returns
    -------
    pandas.DataFrame
        Same index as ``orders``; columns ``cohort`` (``"YYYY-MM"``) and ``period`` (int ≥ 0).

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"customer_id": ["A", "A"],
    ...                        "order_date": pd.to_datetime(["2025-12-30", "2026-02-01"])})
    >>> cohort_months(orders)["period"].tolist()
    [0, 2]
    """
    import numpy as np
    import pandas as pd

    require_columns(orders, [customer, date], "đơn hàng")
    codes, month, first = _codes_and_months(orders, customer, date)
    del codes
    period = month - first
    years, months = np.divmod(first, 12)
    labels = (
        pd.Series(years)
        .astype(str)
        .str.cat(pd.Series(months + 1).astype(str).str.zfill(2), sep="-")
    )
    return pd.DataFrame(
        {"cohort": labels.to_numpy(), "period": period.astype("int64")}, index=orders.index
    )


def _codes_and_months(orders: pd.DataFrame, customer: str, date: str) -> tuple:
    import numpy as np
    import pandas as pd

    require_not_empty(orders, "đơn hàng", "cohort")
    dates = require_dates(orders, date)
    if orders[customer].isna().any():
        from toolkit.marketing._validate import MarketingError

        position = int(np.flatnonzero(orders[customer].isna().to_numpy())[0])
        raise MarketingError(
            t("marketing.error.missing_value", column=customer, row=str(orders.index[position]))
        )
    codes, uniques = pd.factorize(orders[customer], sort=False)
    month = (dates.dt.year.to_numpy() * 12 + dates.dt.month.to_numpy() - 1).astype(np.int64)
    first_by_customer = np.full(len(uniques), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_by_customer, codes, month)
    return codes, month, first_by_customer[codes]


def cohort_counts(
    orders: pd.DataFrame, *, customer: str = "customer_id", date: str = "order_date"
) -> pd.DataFrame:
    """Active customers per cohort (rows, ``"YYYY-MM"``) and months since first order (columns 0, 1, …).

    A customer counts once per month however many orders they place. Periods
    after the data's last month are ``NaN`` (not observed yet); observed months
    without a purchase are 0.

    Parameters
    ----------
    orders : pandas.DataFrame
        One row per order with a customer id and a date.
    customer, date : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Integer counts where observed (float dtype if the triangle has gaps).
    """
    import numpy as np
    import pandas as pd

    require_columns(orders, [customer, date], "đơn hàng")
    codes, month, first = _codes_and_months(orders, customer, date)
    period = month - first
    first_month, last_month = int(first.min()), int(month.max())
    n_cohorts = int(first.max()) - first_month + 1
    n_periods = last_month - first_month + 1
    # one (customer, period) pair counts once: unique keys, then count per (cohort, period)
    key = np.sort(codes.astype(np.int64) * n_periods + period)
    key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # sort-based unique: fast
    customer_of_key, period_of_key = np.divmod(key, n_periods)
    first_by_customer = np.empty(codes.max() + 1, dtype=np.int64)
    first_by_customer[codes] = first
    cohort_of_key = first_by_customer[customer_of_key] - first_month
    counts = np.bincount(
        cohort_of_key * n_periods + period_of_key, minlength=n_cohorts * n_periods
    ).reshape(n_cohorts, n_periods)
    present = np.bincount(first - first_month, minlength=n_cohorts) > 0
    cohort_index = np.arange(n_cohorts) + first_month
    years, months = np.divmod(cohort_index, 12)
    labels = [f"{y:04d}-{m + 1:02d}" for y, m in zip(years, months, strict=True)]
    table = pd.DataFrame(counts, index=pd.Index(labels, name="cohort"), columns=range(n_periods))
    observable = (cohort_index[:, None] + np.arange(n_periods)[None, :]) <= last_month
    if not observable.all():
        table = table.astype("float64").where(observable)
        table = table.loc[:, observable.any(axis=0)]
    table = table[present]
    if not table.isna().to_numpy().any():
        table = table.astype("int64")
    table.columns.name = None
    return table


def retention_matrix(
    orders: pd.DataFrame, *, customer: str = "customer_id", date: str = "order_date"
) -> pd.DataFrame:
    """Retention R(c, k): :func:`cohort_counts` divided by each cohort's size (column 0).

    Returns
    -------
    pandas.DataFrame
        Fractions in [0, 1]; column 0 is 1.0 for every cohort; unobserved cells ``NaN``.

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"customer_id": ["A", "B", "A"],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-02-03"])})
    >>> retention_matrix(orders).loc["2025-01"].tolist()
    [1.0, 0.5]
    """
    counts = cohort_counts(orders, customer=customer, date=date)
    sizes = counts[0].astype("float64")
    return counts.astype("float64").div(sizes, axis=0)


def plot_retention(
    matrix: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None, max_periods: int = 12
) -> Axes:
    """Heat map of a retention matrix, each cell written as a percentage.

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"customer_id": ["A", "B", "A"],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-02-03"])})
    >>> ax = plot_retention(retention_matrix(orders))
    >>> ax.get_xlabel()
    'Số tháng sau lần mua đầu'
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from toolkit import vn

    shown = matrix.iloc[:, : max_periods + 1]
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.6 * shown.shape[1], 1.0 + 0.4 * shown.shape[0]))
    values = shown.to_numpy(dtype=float)
    ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(shown.shape[1]), [str(c) for c in shown.columns])
    ax.set_yticks(range(shown.shape[0]), [str(i) for i in shown.index])
    for (row, col), value in np.ndenumerate(values):
        if not np.isnan(value):
            ax.text(
                col,
                row,
                vn.format_percent(value, decimals=0, space=False),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > 0.6 else "black",
            )
    ax.set_title(title or t("marketing.chart.cohort_title"))
    ax.set_xlabel(t("marketing.chart.cohort_x"))
    ax.set_ylabel(t("marketing.chart.cohort_y"))
    ax.grid(False)
    return ax
