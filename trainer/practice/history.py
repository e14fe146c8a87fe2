"""The learner's results, kept in an SQLite database in the platform's data folder.

Every graded attempt is a row with its score, the time it took and its topics; the progress
view reads per-topic aggregates (weakest first) and each topic's scores over time. The path is
injectable (tests use a temporary file); ``default_path()`` follows the platform's rules
(``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``~/Library/Application Support`` on macOS,
``%APPDATA%`` on Windows), as ``QStandardPaths.AppDataLocation`` does, without needing Qt.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from trainer.practice.model import Exercise
from trainer.practice.outcome import Grade

APP_FOLDER = "TCP Trainer"
FILE_NAME = "history.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,
    started TEXT,
    finished TEXT NOT NULL,
    score REAL NOT NULL,
    points REAL NOT NULL,
    timed_out INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    session INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    exercise TEXT NOT NULL,
    kind TEXT NOT NULL,
    seed INTEGER NOT NULL,
    score REAL NOT NULL,
    points REAL NOT NULL,
    hints INTEGER NOT NULL,
    seconds REAL,
    finished TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempt_topics (
    attempt INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (attempt, topic)
);
CREATE INDEX IF NOT EXISTS attempt_topics_topic ON attempt_topics(topic);
"""


def default_path(environ: dict | None = None, platform: str | None = None) -> Path:
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_FOLDER / FILE_NAME


@dataclass(frozen=True, slots=True)
class Attempt:
    exercise: str
    kind: str
    seed: int
    score: float
    points: float
    hints: int
    seconds: float | None
    finished: str


@dataclass(frozen=True, slots=True)
class TopicStats:
    topic: str
    attempts: int
    ratio: float  # mean of score / points over the attempts, 0..1
    last: str  # when the topic was last practised


class History:
    """One open database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA foreign_keys = ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise RuntimeError(f"{self.path} was written by a newer TCP Trainer "
                               f"(schema {version}, this one knows {SCHEMA_VERSION})")
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------------
    def record_session(self, mode: str, started: str | None, finished: str,
                       results: list[tuple[Exercise, Grade, float | None]],
                       timed_out: bool = False) -> int:
        """Store one practice or exam session and its graded attempts, all or nothing."""
        score = sum(grade.score for _, grade, _ in results)
        points = sum(grade.points for _, grade, _ in results)
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO sessions (mode, started, finished, score, points, timed_out) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (mode, started, finished, score, points, int(timed_out)))
            session = cursor.lastrowid
            for exercise, grade, seconds in results:
                row = self._db.execute(
                    "INSERT INTO attempts (session, exercise, kind, seed, score, points, hints, "
                    "seconds, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (session, exercise.id, exercise.kind, grade.seed, grade.score, grade.points,
                     grade.hints_used, seconds, finished))
                self._db.executemany(
                    "INSERT INTO attempt_topics (attempt, topic) VALUES (?, ?)",
                    [(row.lastrowid, topic) for topic in exercise.topics])
        return session

    def record_report(self, report, mode: str) -> int:
        """Store a ``session.Report``."""
        results = [(q.exercise, g, q.seconds)
                   for q, g in zip(report.questions, report.grades, strict=True)]
        return self.record_session(mode, report.started, report.submitted or "", results,
                                   report.timed_out)

    # ---- reading -------------------------------------------------------------------------------
    def attempts(self, exercise: str | None = None) -> list[Attempt]:
        query = ("SELECT exercise, kind, seed, score, points, hints, seconds, finished "
                 "FROM attempts")
        args: tuple = ()
        if exercise is not None:
            query += " WHERE exercise = ?"
            args = (exercise,)
        return [Attempt(*row) for row in self._db.execute(query + " ORDER BY id", args)]

    def topic_stats(self) -> list[TopicStats]:
        """Per topic: attempts, mean score ratio and last practice, weakest topic first."""
        rows = self._db.execute(
            "SELECT t.topic, COUNT(*), AVG(a.score / a.points), MAX(a.finished) "
            "FROM attempt_topics t JOIN attempts a ON a.id = t.attempt "
            "GROUP BY t.topic ORDER BY AVG(a.score / a.points) ASC, COUNT(*) DESC, t.topic")
        return [TopicStats(topic, count, round(ratio, 6), last)
                for topic, count, ratio, last in rows]

    def scores_over_time(self, topic: str) -> list[tuple[str, float]]:
        """``(finished, score / points)`` of every attempt on ``topic``, oldest first."""
        rows = self._db.execute(
            "SELECT a.finished, a.score / a.points FROM attempt_topics t "
            "JOIN attempts a ON a.id = t.attempt WHERE t.topic = ? ORDER BY a.finished, a.id",
            (topic,))
        return [(when, round(ratio, 6)) for when, ratio in rows]

    def session_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
