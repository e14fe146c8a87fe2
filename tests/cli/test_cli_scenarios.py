"""``tcp-trainer scenarios`` and ``show``, and the scenario lookup behind them."""

from __future__ import annotations

import json
import re

import pytest

import trainer.resources
from trainer import scenarios
from trainer.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")

HANDSHAKE = """\
# the three-way handshake
title: Three-way handshake
title.zh_CN: 三次握手
description: The normal connection establishment of RFC 9293 Figure 6.
description.zh_CN: RFC 9293 图 6 中正常的连接建立过程。
host A client
host B server
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
"""

CLOSE = """\
title: Normal close
title.zh_CN: 正常关闭
host A client state=ESTABLISHED snd.nxt=100 rcv.nxt=300
host B server state=ESTABLISHED snd.nxt=300 rcv.nxt=100
0.000 A>B FIN,ACK seq=100 ack=300 @0.050
0.050 B>A ACK seq=300 ack=101 @0.100
"""


@pytest.fixture
def fake_resources(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "handshake.tcpt").write_text(HANDSHAKE, encoding="utf-8")
    (folder / "normal-close.tcpt").write_text(CLOSE, encoding="utf-8")
    (folder / "README.md").write_text("not a scenario", encoding="utf-8")
    monkeypatch.setattr(trainer.resources, "resource_root", lambda: tmp_path)
    return folder


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_scenarios(fake_resources):
    infos = scenarios.list_scenarios()
    assert [i.name for i in infos] == ["handshake", "normal-close"]
    assert infos[0].title_in("zh_CN") == "三次握手"
    assert infos[0].title_in("en") == "Three-way handshake"
    assert infos[0].description_in("zh_CN").startswith("RFC 9293 图 6")
    assert infos[1].description_in("en") == ""


def test_load_scenario(fake_resources):
    trace = scenarios.load_scenario("handshake")
    assert len(trace.segments()) == 3


def test_unknown_scenario_suggests_close_names(fake_resources):
    with pytest.raises(scenarios.UnknownScenario) as exc:
        scenarios.load_scenario("handshak")
    assert exc.value.suggestions == ["handshake"]


def test_scenarios_command_in_both_languages(capsys, fake_resources):
    code, out, err = run(capsys, "scenarios", "--lang", "en")
    assert code == 0 and err == ""
    assert re.search(r"handshake\s+Three-way handshake", out)
    assert re.search(r"normal-close\s+Normal close", out)
    code, out, _ = run(capsys, "scenarios", "--lang", "zh_CN")
    assert code == 0 and re.search(r"handshake\s+三次握手", out) and "内置场景" in out


def test_scenarios_command_with_none_installed(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(trainer.resources, "resource_root", lambda: tmp_path)
    code, out, _ = run(capsys, "scenarios", "--lang", "en")
    assert code == 0 and "No built-in scenarios" in out


def test_show_text_prints_the_file(capsys, fake_resources):
    code, out, err = run(capsys, "show", "handshake")
    assert code == 0 and out == HANDSHAKE


def test_show_json_prints_a_loadable_trace(capsys, fake_resources, tmp_path):
    code, out, _ = run(capsys, "show", "handshake", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "tcp-trainer-trace" and len(data["events"]) == 3
    path = tmp_path / "copy.json"
    path.write_text(out, encoding="utf-8")
    assert run(capsys, "check", str(path))[0] == 0


def test_show_unknown_exits_2_with_suggestions(capsys, fake_resources):
    code, out, err = run(capsys, "show", "handshak", "--lang", "en")
    assert code == 2 and out == ""
    assert 'no built-in scenario called "handshak"' in err and "did you mean: handshake?" in err
    code, out, err = run(capsys, "show", "zzz", "--lang", "zh_CN")
    assert code == 2 and "可用的场景：handshake, normal-close" in err
    assert "Traceback" not in err


def test_shipped_scenarios_load_and_have_titles_in_both_languages():
    infos = scenarios.list_scenarios()
    if not infos:
        pytest.skip("no scenarios shipped yet")
    for info in infos:
        assert info.title.get("en") and CJK.search(info.title.get("zh_CN", "")), info.name
        scenarios.load_scenario(info.name)


def test_readme_quick_start_names_a_shipped_scenario():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    names = re.findall(r"^tcp-trainer show ([\w-]+)", readme, re.M)
    assert names
    shipped = scenarios.scenario_names()
    for name in names:
        assert name in shipped, name
