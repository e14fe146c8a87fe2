"""Where the files under ``resources/`` are at run time.

The repository's ``resources/`` folder is installed as the package ``trainer_resources`` (see
``pyproject.toml``), so ``importlib.resources`` finds it in an editable install, a wheel, a zip
and a frozen build alike. Running straight from a source checkout that was never installed
falls back to the folder itself.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "trainer_resources"
_SOURCE_TREE = Path(__file__).resolve().parent.parent / "resources"


def resource_root() -> Traversable:
    try:
        return files(PACKAGE)
    except ModuleNotFoundError:
        return _SOURCE_TREE


def resource_path(*parts: str) -> Traversable:
    """``resource_path("scenarios", "handshake.tcpt")``; the result may not exist."""
    path = resource_root()
    for part in parts:
        path = path.joinpath(part)
    return path
