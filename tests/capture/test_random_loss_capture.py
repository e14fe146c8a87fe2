"""A real capture with random loss in both directions (make_lossy_capture.sh): every connection
is explained, and every inferred loss is backed by what the capture shows."""

from __future__ import annotations

from pathlib import Path

from trainer.capture import check_capture

DATA = Path(__file__).parent / "data"


def test_random_loss_is_explained_and_losses_are_backed_by_evidence():
    report = check_capture(DATA / "veth_random_loss.pcap")
    assert len(report.connections) == 4 and report.warnings == []
    losses = 0
    for conn in report.connections:
        assert conn.endpoints[1] == "192.0.2.102:52000"
        assert conn.result.valid, (conn.id, [f.code for f in conn.result.errors()])
        segments = conn.trace.segments()
        for note in conn.result.inferred:
            if note.get("event") != "lost":
                continue
            losses += 1
            lost = segments[note["segment"]]
            assert lost.arrive_time is None and conn.frames[note["segment"]] == note["frame"]
            if note["reason"] == "resent":  # the same data really goes out again later
                assert any(s.sender == lost.sender and s.seq == lost.seq and s.send_time > lost.send_time
                           for s in segments)
    assert losses >= 2
