"""Open, save, unsaved-changes prompts, open errors, recent files, drag and drop."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from trainer.formats import load_trace
from trainer.gui.commands import ReplaceEventCommand
from trainer.gui.settings import MAX_RECENT

Button = QMessageBox.StandardButton


def edit_something(window) -> None:
    doc = window.doc
    index = next(i for i, e in enumerate(doc.trace.events) if hasattr(e, "seq"))
    seg = doc.trace.events[index]
    doc.undo_stack.push(ReplaceEventCommand(doc, index, dataclasses.replace(seg, seq=4242), "x"))


@pytest.fixture
def prompts(monkeypatch):
    """Answer the unsaved-changes prompt with ``prompts.answer``; record every message box."""
    class Prompts:
        answer = Button.Cancel
        asked: list[str] = []
        errors: list[str] = []

    def warning(parent, title, text, buttons=None, default=None):
        Prompts.asked.append(text)
        return Prompts.answer

    def critical(parent, title, text, *args, **kwargs):
        Prompts.errors.append(text)
        return Button.Ok

    Prompts.asked, Prompts.errors = [], []
    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    return Prompts


@pytest.mark.parametrize("suffix", [".tcptrace", ".json", ".tcpt"])
def test_open_save_round_trip(window, scenario_path, tmp_path, suffix, prompts):
    source = scenario_path()
    assert window.open_file(source)
    original = load_trace(source)
    assert window.doc.trace == original
    assert window.windowTitle().startswith(source.name)
    assert not window.isWindowModified()

    edit_something(window)
    assert window.isWindowModified()
    target = tmp_path / f"copy{suffix}"
    assert window.save_to(target)
    assert not window.isWindowModified()
    assert window.doc.path == target.resolve()
    assert window.windowTitle().startswith(target.name)
    text = target.read_text(encoding="utf-8")
    if suffix == ".tcpt":
        assert not text.lstrip().startswith("{") and "seq=4242" in text
    else:
        assert json.loads(text)["format"] == "tcp-trainer-trace"
    reloaded = load_trace(target)
    assert reloaded == window.doc.trace
    assert window.open_file(target)
    assert window.doc.trace == reloaded
    assert prompts.asked == []  # nothing was unsaved when opening


def test_save_uses_the_current_path_and_save_as_asks(window, scenario_path, tmp_path, monkeypatch,
                                                      prompts):
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Text notation (*.tcpt)"))
    edit_something_blank(window)
    assert window.doc.path is None
    assert window.save()  # untitled: Save asks for a name (Save As)
    saved = tmp_path / "mine.tcpt"  # the suffix of the chosen filter is added
    assert saved.is_file() and window.doc.path == saved.resolve()
    edit_something_blank(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("Save must not ask again"))
    assert window.save()


@pytest.mark.parametrize("answer, proceeds, saved", [
    (Button.Cancel, False, False), (Button.Discard, True, False), (Button.Save, True, True)])
def test_unsaved_changes_prompt(window, scenario_path, tmp_path, prompts, answer, proceeds, saved):
    first = tmp_path / "first.tcpt"
    first.write_text(scenario_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert window.open_file(first)
    edit_something(window)
    prompts.answer = answer
    other = scenario_path("rfc9293-fig7-simultaneous-open")
    assert window.open_file(other) is proceeds
    assert len(prompts.asked) == 1 and "first.tcpt" in prompts.asked[0]
    assert (window.doc.path == other.resolve()) is proceeds
    assert ("seq=4242" in first.read_text(encoding="utf-8")) is saved
    if not proceeds:
        assert window.isWindowModified()  # nothing lost


def test_close_asks_and_cancel_keeps_the_window(window, prompts):
    edit_something_blank(window)
    prompts.answer = Button.Cancel
    assert not window.close()
    assert window.isVisible()
    prompts.answer = Button.Discard
    assert window.close()
    assert len(prompts.asked) == 2


def edit_something_blank(window) -> None:
    from trainer.engine.trace import Call, CallKind
    from trainer.gui.commands import InsertEventCommand

    connect = Call("A", 0.0, CallKind.CONNECT)
    window.doc.undo_stack.push(InsertEventCommand(window.doc, 0, connect, "x"))


def test_new_from_scenario_and_blank(window, prompts):
    assert window.start_new("rfc9293-fig13-simultaneous-close")
    assert window.doc.path is None and window.doc.trace.events
    assert window.windowTitle().startswith("Untitled")
    edit_something(window)
    prompts.answer = Button.Discard
    assert window.start_new("")
    assert window.doc.trace.events == []
    assert len(prompts.asked) == 1


def test_open_error_shows_located_message_and_keeps_the_trace(window, scenario_path, tmp_path,
                                                             prompts):
    assert window.open_file(scenario_path())
    before = window.doc.trace
    broken = tmp_path / "broken.tcpt"
    broken.write_text("host A client\n0.000 A>B SYN seq=abc @0.05\n", encoding="utf-8")
    assert not window.open_file(broken)
    assert window.doc.trace is before
    assert len(prompts.errors) == 1
    message = prompts.errors[0]
    assert "broken.tcpt:2:" in message and "Traceback" not in message
    missing = tmp_path / "missing.tcptrace"
    assert not window.open_file(missing)
    assert "missing.tcptrace" in prompts.errors[1]


def test_open_error_message_in_chinese(window, tmp_path, prompts):
    window.set_language_choice("zh_CN")
    try:
        broken = tmp_path / "坏.tcpt"
        broken.write_text("0.000 A>B SYN seq=abc @0.05\n", encoding="utf-8")
        assert not window.open_file(broken)
        assert "第 1 行" in prompts.errors[0]
    finally:
        window.set_language_choice("en")


def test_recent_files_most_recent_first_capped_and_pruned(window, settings, tmp_path, prompts):
    paths = []
    for i in range(MAX_RECENT + 2):
        p = tmp_path / f"t{i}.tcpt"
        p.write_text("host A client\n", encoding="utf-8")
        assert window.open_file(p)
        paths.append(str(p.resolve()))
    recent = settings.recent_files()
    assert recent == list(reversed(paths))[:MAX_RECENT]
    Path(recent[0]).unlink()
    window.rebuild_recent_menu()
    shown = [a.data() for a in window.recent_menu.actions() if a.data()]
    assert shown == recent[1:]
    assert settings.recent_files() == recent[1:]
    window.recent_menu.actions()[1].trigger()  # reopen the second most recent
    assert str(window.doc.path) == recent[2]
    assert settings.recent_files()[0] == recent[2]
    clear = [a for a in window.recent_menu.actions() if a.text() == "&Clear Menu"][0]
    clear.trigger()
    assert settings.recent_files() == []


def test_drop_a_file_opens_it(window, scenario_path, qtbot):
    source = scenario_path("rfc9293-fig12-normal-close")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.doc.path == source.resolve(), timeout=2000)
