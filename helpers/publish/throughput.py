"""Repair and figure-extraction throughput on synthetic damaged text (`make bench` prints it,
`python -m helpers.publish.throughput` prints it alone).

The synthetic text is the raw release repeated to 10 KB, 100 KB and 1 MB of characters: every
kind of damage the mirror made, in the proportions of a real page. Target (issue 16): at least
100,000 characters per second for each step at every size, on one core.
"""

from __future__ import annotations

import time
import warnings

from helpers.paths import RAW_RELEASE

SIZES = (10_000, 100_000, 1_000_000)
TARGET = 100_000  # characters per second


def synthetic_page(size: int) -> str:
    """`size` characters of damaged text: the raw release repeated, paragraphs joined by spaces."""
    raw = RAW_RELEASE.read_text(encoding="utf-8")
    copies = size // len(raw) + 1
    return (" ".join([raw] * copies))[:size]


def measure(sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    """For each size: characters, seconds and characters per second of repair and of figures."""
    from helpers.extract import iter_figures
    from helpers.text import repair

    # load OpenCC, pypinyin, jieba's dictionary and numpy (long texts) once, outside the timing
    repair(synthetic_page(25_000))
    rows = []
    for size in sizes:
        page = synthetic_page(size)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            clean = repair(page)
            repaired = time.perf_counter() - started
        started = time.perf_counter()
        count = sum(1 for _ in iter_figures(clean))
        extracted = time.perf_counter() - started
        rows.append({"characters": len(page), "repair_s": repaired,
                     "repair_cps": len(page) / repaired, "figures_s": extracted,
                     "figures_cps": len(clean) / extracted, "figures": count})
    return rows


def report(rows: list[dict[str, float]]) -> list[str]:
    """The benchmark's lines, one per size."""
    return [
        f"  repair {row['characters'] / 1000:>6,.0f} K chars {row['repair_cps']:>10,.0f} chars/s"
        f"   figures {row['figures_cps']:>10,.0f} chars/s   (target ≥ {TARGET:,})"
        for row in rows
    ]


if __name__ == "__main__":  # python -m helpers.publish.throughput: the benchmark's lines alone
    print("\n".join(report(measure())), flush=True)
