"""The diagram fits the viewport's width (no sideways scrolling at 1024 px and above), and the
Language menu checks the language actually in use (``--lang`` overriding the saved choice)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from trainer.gui import i18n
from trainer.gui.diagram import geometry

pytestmark = pytest.mark.gui

SIM_CLOSE = "rfc9293-fig13-simultaneous-close"


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _assert_fits(view) -> None:
    viewport = view.viewport().rect()
    assert not view.horizontalScrollBar().isVisible()
    assert view.horizontalScrollBar().maximum() == view.horizontalScrollBar().minimum()
    assert view.sceneRect().width() <= viewport.width() + 0.5
    hl = view._ctx.hl
    for host in ("A", "B"):
        y = view.verticalScrollBar().value() + 10
        for x in (hl.x[host] - hl.band / 2, hl.x[host] + hl.band / 2):
            p = view.mapFromScene(QPointF(x, y))
            assert viewport.contains(p), (host, x, viewport)
        # the notes beside each band (state chips, marker labels) are inside too
        left = hl.x[host] - hl.band / 2 - hl.notes if host == "A" else hl.x[host]
        right = hl.x[host] + hl.band / 2 + hl.notes if host == "B" else hl.x[host]
        assert view.mapFromScene(QPointF(left, y)).x() >= 0
        assert view.mapFromScene(QPointF(right, y)).x() <= viewport.width()
    assert hl.x["A"] < hl.x["B"]


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800), (1600, 1000)])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_diagram_fits_window_width(app, qtbot, scenario_path, size, lang):
    from trainer.gui.main_window import MainWindow
    from trainer.gui.settings import Settings

    i18n.set_language(lang)
    window = MainWindow(Settings(None), progressive=False)
    try:
        window.resize(*size)
        window.size_docks()
        window.show()
        qtbot.waitExposed(window)
        assert window.open_file(scenario_path(SIM_CLOSE), ask=False)
        _settle()
        view = window.diagram
        _assert_fits(view)
        view.zoom_fit()
        _settle()
        _assert_fits(view)
        # the whole trace fits vertically after zoom_fit (within the readable limits)
        assert view.horizontalScrollBar().value() == 0
        assert view.verticalScrollBar().value() == 0
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()
        _settle()


@pytest.mark.parametrize("width", [420, 480, 560, 700])
def test_lifelines_follow_viewport_width(app, qtbot, scenario_path, width):
    from trainer.formats import load_trace
    from trainer.gui.diagram import SequenceDiagramView
    from trainer.gui.document import TraceDocument

    doc = TraceDocument(load_trace(scenario_path(SIM_CLOSE)))
    view = SequenceDiagramView(doc)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    _settle()
    _assert_fits(view)
    # every state chip fits its notes column (none is elided)
    fonts = view._fonts
    for host in ("A", "B"):
        for chip in view.state_chips(host):
            assert fonts.width(fonts.chip, chip.state.value) + 12 <= chip.width + 0.5


def test_below_minimum_width_scrolls_and_fit_centres(app, qtbot, scenario_path):
    from trainer.formats import load_trace
    from trainer.gui.diagram import SequenceDiagramView
    from trainer.gui.document import TraceDocument

    doc = TraceDocument(load_trace(scenario_path(SIM_CLOSE)))
    view = SequenceDiagramView(doc)
    qtbot.addWidget(view)
    view.setMinimumSize(100, 100)
    view.resize(int(geometry.MIN_WIDTH) - 80, 500)
    view.show()
    qtbot.waitExposed(view)
    _settle()
    assert view.horizontalScrollBar().maximum() > 0  # the last resort: scroll sideways
    view.zoom_fit()
    _settle()
    mid = view.mapFromScene(QPointF(view._ctx.hl.mid, 0)).x()
    assert abs(mid - view.viewport().width() / 2) <= 2


@pytest.mark.parametrize("saved, lang", [("zh_CN", "en"), ("en", "zh_CN"), ("system", "zh_CN"),
                                         ("zh_CN", None), ("en", None)])
def test_language_menu_checks_language_in_use(app, qtbot, settings, saved, lang):
    from trainer.gui.launch import open_windows

    settings.set_language(saved)
    windows = open_windows([], lang, settings)
    try:
        window = windows[0]
        qtbot.waitExposed(window)
        in_use = i18n.current_language()
        assert in_use == (lang or i18n.resolve_choice(saved))
        checked = [k for k, a in window.language_actions.items() if a.isChecked()]
        assert len(checked) == 1
        assert i18n.resolve_choice(checked[0]) == in_use
        if lang is not None and i18n.resolve_choice(saved) != lang:
            assert checked == [lang]
        if lang is None:
            assert checked == [saved]
        assert settings.language() == saved  # --lang is for this session only
        # choosing from the menu still works and is remembered
        other = "en" if in_use == "zh_CN" else "zh_CN"
        window.language_actions[other].trigger()
        assert i18n.current_language() == other
        assert window.language_actions[other].isChecked()
        assert settings.language() == other
    finally:
        for w in windows:
            w.doc.undo_stack.setClean()
            w.close()
            w.deleteLater()
        _settle()
