"""Repair and figure extraction are linear in their input (a quadratic step would show at 1 MB).

Ten times the text must take well under fifteen times as long, in CPU time (best of three runs
each), so that the other test worker or a loaded machine does not fail it (quadratic repair took
90x for 10x the text).
"""

from __future__ import annotations

import time
import warnings

from helpers.publish.throughput import report, synthetic_page
from helpers.repair import mojibake
from helpers.repair.extract import iter_figures
from helpers.repair.text import repair


def _best_of_three(function, text: str) -> float:
    times = []
    for _ in range(3):
        started = time.process_time()
        function(text)
        times.append(time.process_time() - started)
    return min(times)


def test_repair_and_figures_are_linear() -> None:
    # 10,000 characters at least: 4,000 took 12 ms, where a millisecond of another process's
    # noise moved the ratio by a tenth (it measured 15.2 once under a full suite)
    small, large = synthetic_page(10_000), synthetic_page(100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        repair(small)  # warm the converters and the prose model
        ratio = _best_of_three(repair, large) / _best_of_three(repair, small)
        assert ratio < 15, ratio
        clean = repair(synthetic_page(40_000))
    figures = _best_of_three(lambda t: list(iter_figures(t)), clean)
    assert figures < 2.0


def test_synthetic_page_has_the_size_asked_and_the_report_a_line_each() -> None:
    assert len(synthetic_page(10_000)) == 10_000
    row = {"characters": 10_000, "repair_cps": 1.0, "figures_cps": 2.0}
    assert report([row])[0].startswith("  repair     10 K chars")


def test_the_synthetic_page_has_spans_damaged_afresh_in_every_copy() -> None:
    # repeated spans alone would be checked once and then come from the caches
    page = synthetic_page(20_000)
    spans = [f.damaged for f in mojibake.analyse(page)]
    assert len(spans) >= 20_000 // 3_400 * 6
    assert len(set(spans)) > len(spans) / 2
