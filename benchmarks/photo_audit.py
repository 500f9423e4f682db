"""Benchmark: auditing phone-size photos costs no more than decoding them.

Generates ``--n`` synthetic 12-megapixel JPEGs (4000 × 3000, product photos
rendered by the toolkit's sample generator plus per-file sensor noise) in a
temporary folder, then, in the same process and on the same files, times

- the baseline: a plain full Pillow decode, ``Image.open(p).convert("RGB")``;
- the project's way: ``toolkit.photo.audit(p)`` (reduced-size JPEG decode with
  ``Image.draft``, every metric on a ~1000 px working copy, every rule).

It prints images per second for each, the time of each metric on a working
copy, and on its last line the ratio of audit time to decode time (target
≤ 1.0)::

    python benchmarks/photo_audit.py            # 200 photos, a few minutes
    python benchmarks/photo_audit.py --n 20     # quick run
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from toolkit import photo  # noqa: E402
from toolkit.photo import _samples, metrics  # noqa: E402

SIZE = (4000, 3000)
BASES = ("mat-ong-chuan", "ca-phe-mo", "gao-chuan", "tra-lech-tam", "que-nhieu", "xoai-say-chuan")


def generate(folder: Path, n: int, *, seed: int = 0) -> list[Path]:
    """Write ``n`` distinct 4000 × 3000 JPEGs; returns their paths."""
    rng = np.random.default_rng(seed)
    bases = []
    for name in BASES:
        recipe = dataclasses.replace(_samples._sample(name), size=SIZE)
        bases.append(_samples.render(recipe).astype(np.int16))
    noise = rng.integers(-3, 4, size=(SIZE[1], SIZE[0], 1), dtype=np.int16)
    paths = []
    for i in range(n):
        shifted = np.roll(
            noise, shift=(int(rng.integers(SIZE[1])), int(rng.integers(SIZE[0]))), axis=(0, 1)
        )
        pixels = np.clip(bases[i % len(bases)] + shifted, 0, 255).astype(np.uint8)
        path = folder / f"photo-{i:04d}.jpg"
        Image.fromarray(pixels).save(path, "JPEG", quality=92)
        paths.append(path)
    return paths


def time_decode(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            image.convert("RGB")
    return time.perf_counter() - start


def time_audit(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        photo.audit(path, rules="postmart")
    return time.perf_counter() - start


def time_metrics(path: Path, repeat: int = 10) -> dict[str, float]:
    """Milliseconds per call of each metric on a working copy of one photo."""
    work = photo.read_photo(path).pixels
    calls = {
        "read_photo (draft decode)": lambda: photo.read_photo(path),
        "measure (all metrics)": lambda: metrics.measure(work),
        "brightness": lambda: metrics.brightness(work),
        "rms_contrast": lambda: metrics.rms_contrast(work),
        "sharpness": lambda: metrics.sharpness(work),
        "tenengrad": lambda: metrics.tenengrad(work),
        "noise_sigma": lambda: metrics.noise_sigma(work),
        "colourfulness": lambda: metrics.colourfulness(work),
        "colour_cast": lambda: metrics.colour_cast(work),
        "exposure_clipping": lambda: metrics.exposure_clipping(work),
        "background_whiteness": lambda: metrics.background_whiteness(work),
        "background_std": lambda: metrics.background_std(work),
        "product_bbox / fill_ratio": lambda: metrics.fill_ratio(work),
    }
    out = {}
    for name, call in calls.items():
        call()
        start = time.perf_counter()
        for _ in range(repeat):
            call()
        out[name] = (time.perf_counter() - start) / repeat * 1000
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of photos (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="photo-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = generate(folder, args.n, seed=args.seed)
        size_mb = sum(p.stat().st_size for p in paths) / len(paths) / 1e6
        print(
            f"generated {len(paths)} JPEGs of {SIZE[0]}×{SIZE[1]} px "
            f"(mean {size_mb:.1f} MB) in {time.perf_counter() - start:.1f} s"
        )
        time_decode(paths[:3])  # warm up imports and caches on both sides
        time_audit(paths[:3])
        decode = time_decode(paths)
        audit = time_audit(paths)
        per_metric = time_metrics(paths[0])

    print("per-metric time on a working copy (ms):")
    for name, ms in sorted(per_metric.items(), key=lambda item: -item[1]):
        print(f"  {name:28s} {ms:7.2f}")
    decode_rate, audit_rate = len(paths) / decode, len(paths) / audit
    print(f"full Pillow decode: {decode_rate:.1f} img/s ({decode / len(paths) * 1000:.1f} ms/img)")
    print(f"toolkit audit:      {audit_rate:.1f} img/s ({audit / len(paths) * 1000:.1f} ms/img)")
    print(f"photo audit: {audit_rate:.1f} img/s, ratio audit/decode {audit / decode:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
