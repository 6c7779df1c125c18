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


def plain_docxtpl_render(path: str | Path, context: Mapping[str, Any]) -> bytes:
    """What a service without the engine does per request: open, render autoescaped, save."""
    tpl = DocxTemplate(path)
    tpl.render(context, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()
