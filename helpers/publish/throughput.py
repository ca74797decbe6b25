"""Repair and figure-extraction throughput on synthetic damaged text (`make bench` prints it,
`python -m helpers.publish.throughput` prints it alone).

The synthetic text is the raw release repeated to 10 KB, 100 KB and 1 MB of characters, every
kind of damage the mirror made in the proportions of a real page, and in each copy six more
stretches damaged afresh at random places (seeded): a byte shift, or an annotation misread one
byte late. Repeated spans alone would flatter repair, whose checks of a span are cached; these
make a span every 380 characters, all different, three times as dense as on the release. Target:
at least 100,000 characters per second for each step at every size, on one core.
"""

from __future__ import annotations

import time
import warnings

from helpers.paths import RAW_RELEASE
from helpers.repair.script import HAN_RANGES

SIZES = (10_000, 100_000, 1_000_000)
TARGET = 100_000  # characters per second


FRESH_SPANS = 6  # stretches damaged afresh in each copy of the release


def synthetic_page(size: int, seed: int = 20250324) -> str:
    """`size` characters of damaged text: copies of the raw release, joined by spaces, each with
    FRESH_SPANS stretches of 4 to 9 hanzi damaged again (`_damage_afresh`)."""
    import random

    raw = RAW_RELEASE.read_text(encoding="utf-8")
    rng = random.Random(seed)
    copies, length = [], 0
    while length <= size:
        copies.append(_damage_afresh(raw, rng))
        length += len(copies[-1]) + 1
    return " ".join(copies)[:size]


def _damage_afresh(text: str, rng) -> str:
    """`text` with FRESH_SPANS stretches inside long runs of hanzi damaged as the mirror did: two
    in three shifted by a byte, one in three annotated one byte late."""
    import re

    from helpers.repair import mojibake

    runs = [m for m in re.finditer(f"[{HAN_RANGES}]{{12,}}", text)]
    chosen = sorted(rng.sample(runs, min(FRESH_SPANS, len(runs))), key=lambda m: m.start())
    pieces, cursor = [], 0
    for run in chosen:
        start = rng.randrange(run.start() + 1, run.end() - 10)
        end = start + rng.randrange(4, 10)
        try:
            if rng.random() < 1 / 3:
                damaged = mojibake.misaligned_annotation_damage(text[start - 1 : end], 0)[1:]
            else:
                damaged = mojibake.shift_damage(text[start:end])
        except (ValueError, UnicodeEncodeError):
            continue
        pieces += [text[cursor:start], damaged]
        cursor = end
    return "".join(pieces) + text[cursor:]


def measure(sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    """For each size: characters, seconds and characters per second of repair and of figures."""
    from helpers.repair.extract import iter_figures
    from helpers.repair.text import repair

    # load OpenCC, pypinyin, jieba's dictionary and numpy (long texts) once, outside the timing,
    # on a page of other fresh spans (a seed of its own, as each size has: nothing is cached)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        repair(synthetic_page(25_000, seed=0))
    rows = []
    for size in sizes:
        page = synthetic_page(size, seed=size)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            clean = repair(page)
            repaired = time.perf_counter() - started
        started = time.perf_counter()
        count = sum(1 for _ in iter_figures(clean))
        extracted = time.perf_counter() - started
        rows.append(
            {
                "characters": len(page),
                "repair_s": repaired,
                "repair_cps": len(page) / repaired,
                "figures_s": extracted,
                "figures_cps": len(clean) / extracted,
                "figures": count,
            }
        )
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
