"""``render_main``: the main window drawn offscreen into a PNG (``tcp-trainer render``)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from trainer.gui.launch import render_main


def distinct_colours(image: QImage) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), 9)
                for y in range(0, image.height(), 9)})


@pytest.mark.parametrize("lang, size", [("en", (1280, 800)), ("zh_CN", (1000, 700))])
def test_render_writes_a_png_of_the_requested_size(app, scenario_path, tmp_path, lang, size):
    from trainer.gui import i18n

    out = tmp_path / f"main-{lang}.png"
    assert render_main(str(scenario_path()), str(out), lang, size) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    assert distinct_colours(image) > 20  # a real window, not one flat colour
    assert i18n.current_language() == "en"  # the app's language is restored


def test_render_reports_unreadable_input_with_a_location(app, tmp_path, capsys):
    bad = tmp_path / "bad.tcpt"
    bad.write_text("host A client\n0.000 A>B SYN seq=x @0.1\n", encoding="utf-8")
    out = tmp_path / "never.png"
    assert render_main(str(bad), str(out), "en", (800, 600)) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "bad.tcpt:2:" in err
    assert render_main(str(tmp_path / "missing.tcpt"), str(out), "zh_CN", (800, 600)) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_render_does_not_touch_user_settings(app, scenario_path, tmp_path, settings_sandbox):
    before = sorted(p.name for p in settings_sandbox.rglob("*"))
    assert render_main(str(scenario_path()), str(tmp_path / "x.png"), "en", (900, 600)) == 0
    assert sorted(p.name for p in settings_sandbox.rglob("*")) == before
