"""Live language switching and the shipped translations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from tests.gui.compiled_translations import qm_is_current, update_translations
from trainer.gui import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"

WRONG_ACK = """\
host A client name="client"
host B server name="server"
0.000 A connect
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=100 @0.100
"""


def visible_strings(window) -> dict[str, object]:
    return {
        "menus": [m.title() for m in (window.file_menu, window.edit_menu, window.view_menu,
                                      window.language_menu, window.help_menu)],
        "docks": [d.windowTitle() for d in window.docks()],
        "findings": window.findings.finding_texts(),
        "banner": window.findings.banner.title.text(),
        "undo": window.undo_action.text(),
        "timeline": window.timeline.label.text(),
        "inspector": window.inspector.tcb_title.text(),
    }


def test_switching_language_retranslates_everything_and_back(window, settle):
    from trainer.formats import parse_notation

    window.doc.reset(parse_notation(WRONG_ACK))
    settle()
    english = visible_strings(window)
    assert english["menus"] == ["&File", "&Edit", "&View", "&Language", "&Help"]
    assert english["docks"] == ["State Graph", "Inspector", "Findings", "Text", "Undo History"]
    assert any("client" in t for t in english["findings"])

    window.language_actions["zh_CN"].trigger()
    assert i18n.current_language() == "zh_CN"
    chinese = visible_strings(window)
    assert chinese["menus"] == ["文件(&F)", "编辑(&E)", "视图(&V)", "语言(&L)", "帮助(&H)"]
    assert chinese["docks"] == ["状态图", "检查器", "检查结果", "文本", "撤销历史"]
    assert chinese["findings"] != english["findings"]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in chinese["findings"])
    assert chinese["banner"].startswith("无效")
    assert chinese["undo"].startswith("撤销")
    assert "步" in chinese["timeline"]
    assert window.settings.language() == "zh_CN"
    # Qt's own strings come from qtbase_zh_CN.qm
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert window.font().families()[0] == "Noto Sans CJK SC"

    window.language_actions["en"].trigger()
    assert visible_strings(window) == english
    assert window.settings.language() == "en"
    assert window.font().families()[0] != "Noto Sans CJK SC"


def test_system_choice_follows_the_locale(window, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    window.language_actions[i18n.SYSTEM].trigger()
    assert i18n.current_language() == "zh_CN"
    assert window.settings.language() == "system"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    window.set_language_choice(i18n.SYSTEM)
    assert i18n.current_language() == "en"


def test_dialogs_retranslate(app, qtbot):
    from trainer.gui.dialogs.new_trace import NewTraceDialog
    from trainer.gui.dialogs.reference import ReferenceDialog

    picker = NewTraceDialog()
    reference = ReferenceDialog()
    qtbot.addWidget(picker)
    qtbot.addWidget(reference)
    titles_en = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert titles_en[0] == "Blank trace" and len(titles_en) > 1
    assert "ESTABLISHED" in reference.browser.toPlainText()
    i18n.set_language("zh_CN")
    try:
        titles_zh = [picker.list.item(i).text() for i in range(picker.list.count())]
        assert titles_zh[0] == "空白轨迹"
        assert any("图" in t for t in titles_zh[1:])  # scenario titles in Chinese
        assert "同步已发送" in reference.browser.toPlainText()
        assert picker.windowTitle() == "新建轨迹"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("area", ["shell"])
def test_translation_files_are_complete_and_compiled(area):
    ts = TRANSLATIONS / f"{area}_zh_CN.ts"
    qm = TRANSLATIONS / f"{area}_zh_CN.qm"
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text and 'type="obsolete"' not in text
    root = ET.fromstring(text)
    messages = list(root.iter("message"))
    assert len(messages) > 150
    assert all((m.find("translation").text or "").strip() for m in messages)
    assert qm.is_file() and qm.stat().st_size > 1000
    assert qm_is_current(ts, qm), "run packaging/update_translations.py"


def test_every_shell_string_is_in_the_ts_file():
    """lupdate finds every tr() call: a string missing from the .ts would stay English."""
    import subprocess
    import tempfile

    ut = update_translations()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "shell_zh_CN.ts"
        subprocess.run([ut._tool("pyside6-lupdate"), *map(str, ut.area_sources()["shell"]),
                        "-no-obsolete", "-locations", "none", "-ts", str(fresh)],
                       check=True, capture_output=True)
        found = {(c.find("name").text, m.find("source").text)
                 for c in ET.parse(fresh).getroot().iter("context") for m in c.iter("message")}
    shipped = {(c.find("name").text, m.find("source").text)
               for c in ET.parse(TRANSLATIONS / "shell_zh_CN.ts").getroot().iter("context")
               for m in c.iter("message")}
    assert found - shipped == set()
