"""Watch-time distributions: draws, survival function and the exposure kernels.

Every distribution is scaled to the same mean ``mean_watch_min`` (E[W]):

- exponential: S(x) = exp(−x / μ);
- lognormal: log W ~ Normal(log μ − σ²/2, σ), so E[W] = μ;
- Pareto (Lomax, Pareto II): S(x) = (1 + x / s)^(−α) with s = μ (α − 1).

The kernels integrate the survival function S on a fine grid:
G(x) = ∫₀ˣ S(u) du (expected time present within x minutes of arriving) and
G₂(x) = ∫₀ˣ G(u) du. A view arriving uniformly inside minute 0 is then
expected to spend e₀ = G₂(1) minutes in minute 0 and
eⱼ = G₂(j + 1) − 2 G₂(j) + G₂(j − 1) minutes in minute j ≥ 1; Σ eⱼ = E[W].
"""

from __future__ import annotations

import functools
import math

import numpy as np

from toolkit.livestream.params import LiveParams

__all__ = ["cumulative_survival", "draw_watch", "exposure_kernel", "survival"]

_STEPS_PER_MIN = 240


def draw_watch(p: LiveParams, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` watch times in minutes from ``p.watch_dist`` with mean ``p.mean_watch_min``."""
    mean = p.mean_watch_min
    if p.watch_dist == "exponential":
        return rng.exponential(mean, n)
    if p.watch_dist == "lognormal":
        sigma = p.watch_sigma
        return rng.lognormal(math.log(mean) - sigma**2 / 2, sigma, n)
    shape = p.pareto_shape
    return mean * (shape - 1) * rng.pareto(shape, n)


def survival(p: LiveParams, x: np.ndarray) -> np.ndarray:
    """P(W > x) for watch times ``x`` ≥ 0 (minutes).

    Examples
    --------
    >>> p = LiveParams(watch_dist="exponential", mean_watch_min=2.0)
    >>> round(float(survival(p, np.array([2.0]))[0]), 4)
    0.3679
    """
    x = np.asarray(x, dtype=float)
    mean = p.mean_watch_min
    if p.watch_dist == "exponential":
        return np.exp(-x / mean)
    if p.watch_dist == "lognormal":
        sigma = p.watch_sigma
        mu = math.log(mean) - sigma**2 / 2
        with np.errstate(divide="ignore"):
            z = (np.log(np.maximum(x, 0.0)) - mu) / (sigma * math.sqrt(2))
        erfc = np.frompyfunc(math.erfc, 1, 1)
        return np.where(x <= 0, 1.0, 0.5 * erfc(z).astype(float))
    shape = p.pareto_shape
    return (1 + np.maximum(x, 0.0) / (mean * (shape - 1))) ** (-shape)


def _key(p: LiveParams) -> tuple:
    return (p.watch_dist, p.mean_watch_min, p.watch_sigma, p.pareto_shape, p.duration_min)


@functools.lru_cache(maxsize=64)
def _integrals(key: tuple) -> tuple[np.ndarray, np.ndarray]:
    dist, mean, sigma, shape, duration = key
    p = LiveParams(
        watch_dist=dist,
        mean_watch_min=mean,
        watch_sigma=sigma,
        pareto_shape=shape,
        duration_min=duration,
        flash_start_min=None,
        first_pitch_min=0,
    )
    step = 1.0 / _STEPS_PER_MIN
    grid = np.arange((duration + 2) * _STEPS_PER_MIN + 1) * step
    s = survival(p, grid)
    g = np.concatenate([[0.0], np.cumsum((s[1:] + s[:-1]) * step / 2)])
    g2 = np.concatenate([[0.0], np.cumsum((g[1:] + g[:-1]) * step / 2)])
    return g, g2


def cumulative_survival(p: LiveParams, x: np.ndarray) -> np.ndarray:
    """G(x) = ∫₀ˣ S(u) du, with G(x) = 0 for x ≤ 0 (x in minutes, up to the session end + 2)."""
    g, _ = _integrals(_key(p))
    grid = np.arange(g.size) / _STEPS_PER_MIN
    return np.interp(np.asarray(x, dtype=float), grid, g, left=0.0)


def exposure_kernel(p: LiveParams) -> np.ndarray:
    """e[j]: expected minutes that a view arriving in minute m spends in minute m + j.

    Examples
    --------
    >>> p = LiveParams(watch_dist="exponential", mean_watch_min=3.0, duration_min=600,
    ...                flash_start_min=None)
    >>> round(float(exposure_kernel(p).sum()), 3)
    3.0
    """
    _, g2 = _integrals(_key(p))
    at = g2[::_STEPS_PER_MIN][: p.duration_min + 2]
    kernel = np.empty(p.duration_min)
    kernel[0] = at[1]
    j = np.arange(1, p.duration_min)
    kernel[1:] = at[j + 1] - 2 * at[j] + at[j - 1]
    return np.maximum(kernel, 0.0)
