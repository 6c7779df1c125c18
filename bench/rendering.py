"""Timing helpers for `make bench`: plain docxtpl as the baseline, a median as the figure."""

import io
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate


def median_seconds(fn: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """Median wall time of `repeat` calls of `fn`, after `warmup` calls that are not timed."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(
    series: Mapping[str, tuple[Callable[[], object], int]], *, rounds: int, warmup: int = 3
) -> dict[str, float]:
    """Median wall time of each named function, measured in interleaved rounds.

    `series` maps a name to (function, calls per round). Every round calls each function its
    number of times in turn, so a machine that speeds up or slows down during the run (as
    shared and virtual machines do) moves every series alike and their ratios stay true.
    """
    for fn, _ in series.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in series}
    for _ in range(rounds):
        for name, (fn, calls) in series.items():
            for _ in range(calls):
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def plain_docxtpl_render(path: str | Path, context: Mapping[str, Any]) -> bytes:
    """What a service without the engine does per request: open, render autoescaped, save."""
    tpl = DocxTemplate(path)
    tpl.render(context, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()
