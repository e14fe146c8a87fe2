"""``tcp-trainer check CAPTURE`` and ``import``: exit codes, the JSON shape, located errors."""

from __future__ import annotations

import json

import pytest

from tests.capture.test_infer import HANDSHAKE, X, Y, capture
from trainer.cli import main
from trainer.report import connection_json, connection_report

CLOSE = [
    (0.020, "A>B", "FA", X + 1, Y + 1, 0),
    (0.030, "B>A", "FA", Y + 1, X + 2, 0),
    (0.031, "A>B", "A", X + 2, Y + 2, 0),
]


def shifted(rows, dt, dseq):
    return [(t + dt, way, fl, s + dseq, a + dseq if a else 0, n) for t, way, fl, s, a, n in rows]


@pytest.fixture
def three(tmp_path):
    """Three incarnations of one 4-tuple; the last acknowledges what was never sent."""
    bad = HANDSHAKE + [(0.02, "B>A", "A", Y + 1, X + 50, 0)]
    rows = HANDSHAKE + CLOSE + shifted(HANDSHAKE + CLOSE, 100, 10_000) + shifted(bad, 200, 20_000)
    return capture(tmp_path, rows)


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_human_summary_one_line_per_connection(capsys, three):
    code, out, _ = run(capsys, "check", str(three), "--lang", "en", "--color", "never")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("#")]
    assert len(lines) == 3
    assert lines[0].startswith("#0  10.0.0.1:40000 → 10.0.0.2:80  6 packets  A TIME-WAIT, B CLOSED")
    assert lines[0].endswith("valid")
    assert "invalid at segment 3 (frame 16)" in lines[2]
    assert "2 of 3 connection(s) valid" in out


def test_chinese_summary(capsys, three):
    code, out, _ = run(capsys, "check", str(three), "--lang", "zh_CN", "--color", "never")
    assert code == 1 and "3 个连接中 2 个有效" in out and "第 3 个报文段（第 16 帧）无法解释" in out


@pytest.mark.parametrize("workers", ["1", "2"])
def test_json_shape_and_workers_agree(capsys, monkeypatch, three, workers):
    monkeypatch.setenv("TCP_TRAINER_WORKERS", workers)
    code, out, _ = run(capsys, "check", str(three), "--json", "--lang", "en")
    assert code == 1
    report = json.loads(out)
    assert report["format"] == "pcap" and report["packets"] == 16 and report["error"] is None
    conns = report["connections"]
    assert [c["id"] for c in conns] == [0, 1, 2]
    assert [c["valid"] for c in conns] == [True, True, False]
    assert conns[0]["endpoints"] == {"A": "10.0.0.1:40000", "B": "10.0.0.2:80"}
    assert conns[0]["states"]["A"][-1] == "TIME-WAIT"
    assert conns[2]["findings"][0]["code"] == "ack-not-next"
    assert conns[1]["first_frame"] == 7 and conns[1]["packets"] == 6
    assert set(conns[0]) >= {"id", "endpoints", "valid", "states", "steps", "findings", "inferred"}


def test_single_connection_shows_its_steps(capsys, three):
    code, out, _ = run(capsys, "check", str(three), "--connection", "1", "--lang", "en",
                       "--color", "never")
    assert code == 0
    assert "FIN-WAIT-1 *" in out and "estab-close" in out  # the step table
    assert [line[:4] for line in out.splitlines() if line.startswith("#1 ")] == ["#1  "]


def test_connection_out_of_range(capsys, three):
    code, _, err = run(capsys, "check", str(three), "--connection", "7", "--lang", "en")
    assert code == 2 and "there is no connection 7: the capture has 3 (numbered 0 to 2)" in err


def test_unreadable_capture_is_located(capsys, tmp_path):
    bad = tmp_path / "bad.pcap"
    bad.write_bytes(b"\x00\x01\x02\x03" + b"x" * 40)
    code, out, err = run(capsys, "check", str(bad), "--lang", "en")
    assert code == 2 and out == ""
    assert f"{bad}, offset 0: not a pcap or pcapng capture" in err


def test_cut_short_capture_reports_what_it_read_then_exits_2(capsys, tmp_path, three):
    data = three.read_bytes()
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(data[:-20])  # the last record loses its end
    code, out, err = run(capsys, "check", str(cut), "--json", "--lang", "en")
    assert code == 2
    report = json.loads(out)
    assert len(report["connections"]) == 3 and report["packets"] == 15
    assert report["error"]["code"] == "record-beyond-end" and report["error"]["offset"] > 0
    assert "cut short" in err


def test_connection_json_equals_connection_report(three):
    from trainer.capture import check_capture

    for conn in check_capture(three).connections:
        fast = json.loads(connection_json(conn.trace, conn.result, "zh_CN", conn.id, {"x": 1}))
        slow = json.loads(json.dumps(connection_report(conn.trace, conn.result, "zh_CN", conn.id)))
        assert fast.pop("x") == 1
        assert fast == slow and list(fast) == list(slow)


def test_import_writes_a_trace_and_refuses_bad_input(capsys, tmp_path, three):
    out = tmp_path / "c1.json"
    code, stdout, _ = run(capsys, "import", str(three), "--connection", "1", "-o", str(out),
                          "--lang", "en")
    assert code == 0 and "wrote connection 1" in stdout and out.exists()
    code, _, err = run(capsys, "import", str(three), "--connection", "9", "-o", str(out))
    assert code == 2
    trace_file = tmp_path / "t.tcpt"
    trace_file.write_text("0.0 A>B SYN seq=1\n")
    code, _, err = run(capsys, "import", str(trace_file), "-o", str(out), "--lang", "en")
    assert code == 2 and "import needs a capture file" in err


def test_inferred_losses_and_crossings_are_sentences(capsys):
    from pathlib import Path

    data = Path(__file__).parent / "data"
    code, out, _ = run(capsys, "check", str(data / "veth_lost_fin.pcap"), "--connection", "0",
                       "--lang", "zh_CN", "--color", "never")
    assert code == 0 and "第 7 个报文段（第 8 帧）丢失了：在被确认之前它又被重传了" in out
    code, out, _ = run(capsys, "check", str(data / "tun_simultaneous_close.pcap"), "--connection",
                       "0", "--lang", "en", "--color", "never")
    assert code == 0
    assert "segment 7 (frame 8) arrived only after segment 8 was sent (they crossed in flight)" in out


def test_capture_sniffing_needs_no_capture_import(tmp_path):
    import struct

    from trainer.capture.readers import PCAP_MAGICS, PCAPNG_SHB
    from trainer.cli_capture import CAPTURE_MAGICS, is_capture

    assert CAPTURE_MAGICS == set(PCAP_MAGICS) | {struct.pack("<I", PCAPNG_SHB)}
    odd = tmp_path / "capture.bin"
    odd.write_bytes(b"\xd4\xc3\xb2\xa1" + bytes(20))
    trace = tmp_path / "t.tcpt"
    trace.write_bytes(b"\xd4\xc3\xb2\xa1")  # a trace suffix is never sniffed
    assert is_capture(str(odd)) and not is_capture(str(trace))
    assert is_capture(str(tmp_path / "missing.pcapng")) and not is_capture(str(tmp_path / "x.bin"))
