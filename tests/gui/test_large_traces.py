"""A 20,000-segment connection (an imported capture) opens without a long freeze: checked once,
text shown without colouring, and the result handed over by the importer is reused."""

from __future__ import annotations

from tests.bench.bench_diagram import big_trace
from trainer.engine.checker import check
from trainer.gui.panels.text_pane import LARGE_TEXT_LINES


def test_big_text_is_plain_and_small_text_is_coloured(window, settle):
    window.doc.reset(big_trace(LARGE_TEXT_LINES + 500))
    window.text.reload()
    assert window.text.highlighter.document() is None
    window.doc.reset(big_trace(10))
    window.text.reload()
    assert window.text.highlighter.document() is window.text.editor.document()


def test_reset_reuses_a_result_it_is_given(window, monkeypatch):
    trace = big_trace(50)
    result = check(trace)
    calls = []
    import trainer.gui.document as document

    monkeypatch.setattr(document, "check", lambda t: calls.append(t) or check(t))
    window.doc.reset(trace, None, result)
    assert calls == [] and window.doc.result is result
    window.doc.reset(trace, None)
    assert len(calls) == 1


def test_an_imported_capture_is_a_recent_file(window, settle):
    from pathlib import Path

    capture = Path(__file__).resolve().parents[1] / "capture" / "data" / "lo_handshake_close.pcap"
    assert window.import_capture(capture, ask=False)  # one connection: no picker
    assert Path(window.settings.recent_files()[0]) == capture.resolve()
    window.rebuild_recent_menu()
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert actions[0].data() == str(capture.resolve())
