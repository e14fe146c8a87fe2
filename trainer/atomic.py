"""Writing a file so that a crash leaves the old file or the new one, never half of one.

Every file the app writes (traces, exercise files, answer files, grading CSVs, exports) goes
through ``write_atomically``: the data is written next to the target, flushed to disk, given the
target's permissions, renamed over it, and the rename itself is made durable.
"""

from __future__ import annotations

import os
import tempfile


def write_atomically(target: str | os.PathLike, data: bytes) -> None:
    target = os.fspath(target)
    directory = os.path.dirname(os.path.abspath(target))
    mode = _mode_for(target)
    fd, temp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(target) + ".",
                                suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_directory(directory)


def _mode_for(target: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus umask."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX); not possible or needed on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
