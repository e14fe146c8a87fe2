"""The practice screens speak the UI language and switch live: Qt's tr for the screens' own
words (resources/translations/practice_zh_CN.qm), the catalogs for verdicts and topic names,
the author's texts in the matching language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_practice_fixtures import exercise_set, sources_for  # noqa: F401
from tests.gui.test_practice_kinds import open_panel

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(app):
    from trainer.gui import i18n

    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_the_practice_translation_is_complete():
    from pathlib import Path

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "practice_zh_CN.ts"
    text = ts.read_text(encoding="utf-8")
    assert text.count("<message>") > 150
    assert 'type="unfinished"' not in text
    assert ts.with_suffix(".qm").is_file()


def test_practice_window_switches_language_live(qtbot, app, tmp_path):
    from trainer.gui import i18n
    from trainer.gui.practice.practice_window import PracticeWindow

    window = PracticeWindow(sources=sources_for(tmp_path), history_path=tmp_path / "h.sqlite3")
    qtbot.addWidget(window)
    window.open_exercise(window.sources.sets[0], window.sources.sets[0].by_id()["calc"])
    assert window.windowTitle().startswith("Practice")
    assert window.panel.check_button.text() == "&Check"
    assert window.panel.title.text() == "Two RTTs"
    try:
        i18n.set_language("zh_CN")
        assert window.windowTitle().startswith("练习")
        assert window.panel.check_button.text() == "判题(&C)"
        assert window.panel.title.text() == "两个 RTT"  # the author's own Chinese text
        assert window.panel.answer.unit.text() == "毫秒"
        assert window.list.topLevelItem(0).text(1) == "填空"  # kind names from the catalog
        assert window.topic.itemText(1) == "三次握手"
    finally:
        i18n.set_language("en")
    assert window.panel.check_button.text() == "&Check"


def test_verdicts_in_chinese(qtbot, chinese, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "calc")
    panel.answer.value.setText("61")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    text = panel.feedback.toPlainText()
    assert "得分：0 / 10" in text
    assert "61 毫秒：错误；答案是 60 毫秒" in text
    assert "Score" not in text
