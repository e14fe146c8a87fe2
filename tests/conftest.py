"""Suite-wide pytest setup.

Benchmarks (everything under tests/bench) are skipped unless asked for with ``-m bench`` or
``--benchmark-only``, so that the default run, and CI, stay fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).parent / "bench"


def _benchmarks_wanted(config: pytest.Config) -> bool:
    try:
        only = config.getoption("benchmark_only")
    except ValueError:  # pytest-benchmark not installed
        only = False
    return bool(only) or "bench" in (config.getoption("markexpr") or "")


def pytest_configure(config: pytest.Config) -> None:
    if not _benchmarks_wanted(config) and hasattr(config.option, "benchmark_skip"):
        config.option.benchmark_skip = True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = _benchmarks_wanted(config)
    skip = pytest.mark.skip(reason="benchmark: run with -m bench or --benchmark-only")
    for item in items:
        if BENCH_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.bench)
            if not wanted:
                item.add_marker(skip)
