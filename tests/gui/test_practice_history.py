"""Practice mode records results in the history database; after a restart the progress window
shows them: topics weakest first in the table, each topic's scores over time on the
pyqtgraph chart. Also the Practice menu of the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.gui.test_practice_fixtures import FakeClock, sources_for

pytestmark = pytest.mark.gui


@pytest.fixture
def practice(app, qtbot, tmp_path):
    from trainer.gui.practice.practice_window import PracticeWindow

    window = PracticeWindow(sources=sources_for(tmp_path), history_path=tmp_path / "h.sqlite3",
                            clock=FakeClock(), seed_source=lambda: 3)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_by_id(window, exercise_id: str):
    for i in range(window.list.topLevelItemCount()):
        item = window.list.topLevelItem(i)
        if window._entries[item.data(0, Qt.ItemDataRole.UserRole)][1].id == exercise_id:
            window.list.setCurrentItem(item)
            window.list.itemActivated.emit(item, 0)  # Enter on the list
            return window.panel
    raise AssertionError(exercise_id)


def answer_calc(qtbot, panel, value: str) -> None:
    edit = panel.answer.findChild(QLineEdit, "calculateValue")
    edit.setFocus()
    edit.clear()
    QTest.keyClicks(edit, value)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)


def test_filters_by_topic_and_difficulty(qtbot, practice):
    assert practice.list.topLevelItemCount() == 6
    practice.topic.setCurrentIndex(practice.topic.findData("states"))
    titles = {practice.list.topLevelItem(i).text(0) for i in range(practice.list.topLevelItemCount())}
    assert titles == {"One wrong state", "What comes next"}
    practice.level.setCurrentIndex(practice.level.findData("2"))
    assert practice.list.topLevelItemCount() == 0
    practice.level.setCurrentIndex(practice.level.findData("1"))
    practice.topic.setCurrentIndex(0)
    assert practice.list.topLevelItemCount() == 6


def test_results_survive_a_restart_and_fill_the_progress_view(qtbot, practice, tmp_path):
    from trainer.gui.practice.progress_window import ProgressWindow
    from trainer.practice.history import History

    panel = open_by_id(practice, "calc")
    answer_calc(qtbot, panel, "60")
    answer_calc(qtbot, panel, "61")  # a second check of the same attempt is not recorded
    panel = open_by_id(practice, "pick")
    qtbot.mouseClick(panel.answer.buttons["a"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    practice.close()
    with History(tmp_path / "h.sqlite3") as history:
        assert history.session_count() == 2
        assert [(a.exercise, a.score) for a in history.attempts()] == [("calc", 10), ("pick", 0)]

    progress = ProgressWindow(history_path=tmp_path / "h.sqlite3")  # a new window: a restart
    qtbot.addWidget(progress)
    progress.show()
    qtbot.waitExposed(progress)
    rows = [(progress.table.item(r, 0).text(), progress.table.item(r, 1).text(),
             progress.table.item(r, 2).text()) for r in range(progress.table.rowCount())]
    assert rows == [("TIME-WAIT and 2MSL", "0 %", "1"), ("timing calculations", "100 %", "1")]
    assert progress.plot is not None and progress.plot.isVisible()
    assert set(progress.curves) == {"time-wait", "timing"}
    xs, ys = progress.curves["timing"].getData()
    assert list(ys) == [100.0] and xs[0] > 1.6e9  # a real date
    progress.table.selectRow(1)
    assert set(progress.curves) == {"timing"}  # the selected topic alone


def test_new_numbers_draws_another_seed(qtbot, app, tmp_path):
    from trainer.gui.practice.practice_window import PracticeWindow
    from trainer.gui.practice.sources import Sources

    seeds = iter([1, 2])
    window = PracticeWindow(sources=Sources(), history_path=tmp_path / "h.sqlite3",
                            seed_source=lambda: next(seeds))
    qtbot.addWidget(window)
    assert window.list.topLevelItemCount() == 0
    assert window.open_file(sources_for(tmp_path).sets[0].source)
    panel = open_by_id(window, "fill")
    assert panel.instance.seed == 1
    assert not window.again_button.isEnabled()  # no parameters: nothing to draw again
    open_by_id(window, "calc")
    assert window.panel.instance.seed == 2


def test_a_broken_exercise_file_is_reported_where_it_is_wrong(qtbot, app, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from trainer.gui.practice.practice_window import PracticeWindow
    from trainer.gui.practice.sources import Sources

    bad = tmp_path / "bad.toml"
    bad.write_text('format = "tcp-trainer-exercises"\nversion = 1\n[exercise]\nid = "x"\n'
                   'kind = "fill-in"\ntopics = ["nope"]\n', encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = PracticeWindow(sources=Sources(), history_path=tmp_path / "h.sqlite3")
    qtbot.addWidget(window)
    assert not window.open_file(bad)
    assert shown and shown[0].startswith(f"{bad}:6:")
    assert "nope" in shown[0]


def test_history_defaults_to_the_platform_data_folder(qtbot, app, tmp_path, monkeypatch):
    from trainer.gui.practice.progress_window import ProgressWindow

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = ProgressWindow()
    qtbot.addWidget(window)
    assert (tmp_path / "data" / "TCP Trainer" / "history.sqlite3").is_file()
    assert str(tmp_path / "data") in window.where.text()
    assert window.plot is None and not window.empty.isHidden()  # nothing to chart yet


def test_practice_menu_of_the_main_window(qtbot, window, tmp_path):
    from trainer.gui.practice.practice_window import PracticeWindow

    menu = window.practice_menu
    assert menu in [a.menu() for a in window.menuBar().actions()]
    shortcuts = {a.objectName(): a.shortcut().toString() for a in menu.actions() if a.objectName()}
    assert shortcuts == {"practiceAction": "Ctrl+Shift+P", "examAction": "Ctrl+Shift+X",
                         "progressAction": "Ctrl+Shift+H", "authorAction": "Ctrl+Shift+N"}
    assert all("&" in a.text() for a in menu.actions() if a.objectName())  # keyboard mnemonics
    menu.sources = sources_for(tmp_path)
    menu.history_path = tmp_path / "h.sqlite3"
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    practice = menu.windows.get("practice")
    if practice is None:  # offscreen, the window may not hold the focus: trigger the action
        menu.practice_action.trigger()
        practice = menu.windows["practice"]
    assert isinstance(practice, PracticeWindow) and practice.isVisible()
    assert practice.list.topLevelItemCount() == 6
    practice.close()
