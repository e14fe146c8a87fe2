"""Collect ``bench_*.py`` here when benchmarks are asked for.

pytest only collects ``test_*.py`` by default, so benchmark modules never run in the normal
``pytest`` run. With ``--benchmark-only`` (or ``-m bench``) this hook also collects the
``bench_*.py`` files of this folder, so that ``pytest tests/bench --benchmark-only`` finds them;
the suite-wide ``tests/conftest.py`` still skips them unless benchmarks are wanted.
"""

from __future__ import annotations

import pytest

from tests.conftest import _benchmarks_wanted


def pytest_collect_file(file_path, parent):
    if (file_path.suffix == ".py" and file_path.name.startswith("bench_")
            and _benchmarks_wanted(parent.config) and not parent.session.isinitpath(file_path)):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
