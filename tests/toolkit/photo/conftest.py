"""Shared fixtures for the photo tests."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit import photo


@pytest.fixture(scope="session")
def honey() -> np.ndarray:
    """A sharp, textured, well-exposed product photo (1000 × 1000)."""
    return photo.load_sample("mat-ong-chuan")


@pytest.fixture(scope="session")
def honey_small() -> np.ndarray:
    """The same photo at 500 × 500 (fast for property tests)."""
    return photo.load_image(photo.sample_path("mat-ong-chuan"), max_side=500)
