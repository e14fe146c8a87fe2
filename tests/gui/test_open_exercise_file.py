"""An exercise file given to the app (a double-click in a file manager, ``tcp-trainer FILE``)
opens in the practice window, with its exercises listed; a broken one says where and why."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_exercise_file_opens_for_practice(window, tmp_path, monkeypatch):
    from trainer.practice.loader import load_exercises

    window.practice_menu.history_path = tmp_path / "history.sqlite3"
    before = list(window.doc.trace.events)
    path = REPO / "resources" / "exercises" / "handshake.toml"
    assert window.open_file(path, ask=False)
    practice = window.practice_menu.open_practice()
    assert practice.isVisible()
    chosen = practice.sources.sets[int(practice.source.currentData())]
    assert [e.id for e in chosen.exercises] == [e.id for e in load_exercises(path).exercises]
    assert window.doc.trace.events == before  # the trace in the editor is untouched
    practice.close()


def test_broken_exercise_file_is_reported(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window.practice_menu.history_path = tmp_path / "history.sqlite3"
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "tcp-trainer-exercises"\nversion = 1\nbogus = 3\n', encoding="utf-8")
    assert not window.open_file(bad, ask=False)
    assert shown and "bad.toml" in shown[0] and ":3:" in shown[0]
    window.practice_menu.open_practice().close()
