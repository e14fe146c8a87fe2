"""Inference from one vantage point: arrivals placed as the ACK evidence requires, losses
inferred from retransmissions, and every case checked by the engine afterwards."""

from __future__ import annotations

import pytest

from tests.capture import pcapwriter as w
from trainer.capture import check_capture
from trainer.capture.connections import group_connections
from trainer.engine.trace import Flag

A, B = ("10.0.0.1", 40000), ("10.0.0.2", 80)
F = {"S": 0x02, "SA": 0x12, "A": 0x10, "PA": 0x18, "FA": 0x11, "R": 0x04, "RA": 0x14}
X, Y = 1000, 5000  # ISNs of A and B


def capture(tmp_path, rows, name="c.pcap"):
    """rows: (time, 'A>B' or 'B>A', flags, seq, ack, payload length)."""
    records = []
    for time, way, flags, seq, ack, length in rows:
        (src, sport), (dst, dport) = (A, B) if way == "A>B" else (B, A)
        seg = w.tcp(sport, dport, seq, ack, F[flags], payload=b"x" * length, window=65535)
        records.append((time, w.ethernet(w.ipv4(src, dst, seg))))
    path = tmp_path / name
    path.write_bytes(w.pcap(records))
    return path


def only(report):
    assert len(report.connections) == 1
    return report.connections[0]


def histories(conn):
    return ([s.value for s in conn.result.state_history("A")],
            [s.value for s in conn.result.state_history("B")])


def events(conn, kind):
    return [note for note in conn.result.inferred if note.get("event") == kind]


HANDSHAKE = [
    (0.000, "A>B", "S", X, 0, 0),
    (0.010, "B>A", "SA", Y, X + 1, 0),
    (0.011, "A>B", "A", X + 1, Y + 1, 0),
]


def test_plain_connection_needs_no_inference(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.030, "B>A", "A", Y + 1, X + 2, 0),
        (0.031, "B>A", "FA", Y + 1, X + 2, 0),
        (0.040, "A>B", "A", X + 2, Y + 2, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert histories(conn) == (
        ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"],
        ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"])
    assert events(conn, "lost") == [] and events(conn, "arrived-after") == []
    segs = conn.trace.segments()
    assert [s.send_time for s in segs][:2] == [0.0, pytest.approx(0.010)]
    assert all(s.arrive_time is not None and s.arrive_time >= s.send_time for s in segs)


def test_crossing_fins_captured_at_a_are_a_simultaneous_close(tmp_path):
    # A's FIN and B's FIN cross: B's FIN acks only up to A's FIN (it had not arrived).
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.021, "B>A", "FA", Y + 1, X + 1, 0),
        (0.022, "A>B", "A", X + 2, Y + 2, 0),
        (0.031, "B>A", "A", Y + 2, X + 2, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    a, b = histories(conn)
    assert a == ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"]
    assert b == ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"]
    assert events(conn, "arrived-after") == [{"segment": 3, "frame": 4, "event": "arrived-after",
                                              "after": 4}]
    fin_a, fin_b = conn.trace.segments()[3:5]
    assert fin_a.arrive_time > fin_b.send_time  # drawn crossing


def test_data_crossing_acks_in_a_sender_side_capture(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "PA", X + 1, Y + 1, 100),
        (0.0201, "A>B", "PA", X + 101, Y + 1, 100),
        (0.0202, "A>B", "PA", X + 201, Y + 1, 100),
        (0.030, "B>A", "A", Y + 1, X + 101, 0),  # sent before the second segment arrived
        (0.0301, "B>A", "A", Y + 1, X + 301, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    late = {note["segment"]: note["after"] for note in events(conn, "arrived-after")}
    assert late == {4: 6, 5: 6}


def test_lost_data_is_inferred_from_its_retransmission(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "PA", X + 1, Y + 1, 100),   # lost
        (0.230, "A>B", "PA", X + 1, Y + 1, 100),   # retransmitted after the RTO
        (0.240, "B>A", "A", Y + 1, X + 101, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert events(conn, "lost") == [{"segment": 3, "frame": 4, "event": "lost", "reason": "resent"}]
    assert conn.trace.segments()[3].arrive_time is None
    assert conn.trace.segments()[4].arrive_time is not None


def test_lost_syn_and_lost_syn_ack(tmp_path):
    conn = only(check_capture(capture(tmp_path, [
        (0.0, "A>B", "S", X, 0, 0),            # lost
        (1.0, "A>B", "S", X, 0, 0),
        (1.01, "B>A", "SA", Y, X + 1, 0),      # lost
        (2.0, "B>A", "SA", Y, X + 1, 0),       # B retransmits
        (2.01, "A>B", "A", X + 1, Y + 1, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert [n["segment"] for n in events(conn, "lost")] == [0, 2]
    assert histories(conn) == (["CLOSED", "SYN-SENT", "ESTABLISHED"],
                               ["LISTEN", "SYN-RECEIVED", "ESTABLISHED"])


def test_lost_final_ack_seen_from_the_active_closer(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.030, "B>A", "A", Y + 1, X + 2, 0),
        (0.040, "B>A", "FA", Y + 1, X + 2, 0),
        (0.041, "A>B", "A", X + 2, Y + 2, 0),      # lost: B sends its FIN again
        (0.300, "B>A", "FA", Y + 1, X + 2, 0),
        (0.301, "A>B", "A", X + 2, Y + 2, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert [n["segment"] for n in events(conn, "lost")] == [6]
    a, b = histories(conn)
    assert a[-1] == "TIME-WAIT" and b[-2:] == ["LAST-ACK", "CLOSED"]


def test_capture_starting_mid_connection(tmp_path):
    conn = only(check_capture(capture(tmp_path, [
        (5.0, "A>B", "PA", X + 1, Y + 1, 10),
        (5.01, "B>A", "A", Y + 1, X + 11, 0),
        (5.02, "B>A", "FA", Y + 1, X + 11, 0),
        (5.03, "A>B", "A", X + 11, Y + 2, 0),
        (5.04, "A>B", "FA", X + 11, Y + 2, 0),
        (5.05, "B>A", "A", Y + 2, X + 12, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert histories(conn) == (["ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
                               ["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"])


def test_unexplainable_segment_is_an_error_at_that_segment(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "PA", X + 1, Y + 1, 100),
        (0.030, "B>A", "A", Y + 1, X + 999, 0),    # acknowledges what was never sent
    ])))
    assert not conn.result.valid and not conn.explained
    errors = conn.result.errors()
    assert errors[0].segment == 4 and errors[0].code == "ack-not-next"


def test_reused_four_tuple_is_split_into_incarnations(tmp_path):
    first = HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.030, "B>A", "FA", Y + 1, X + 2, 0),
        (0.031, "A>B", "A", X + 2, Y + 2, 0),
    ]
    second = [(t + 100, way, fl, s + 50_000, a + 50_000 if a else 0, n)
              for t, way, fl, s, a, n in HANDSHAKE]
    report = check_capture(capture(tmp_path, first + second))
    assert [c.packets for c in report.connections] == [6, 3]
    assert all(c.result.valid for c in report.connections)
    assert report.connections[1].trace.segments()[0].flags == Flag.SYN


def test_a_is_whoever_sent_the_first_captured_segment(tmp_path):
    rows = [(0.0, "B>A", "PA", Y + 1, X + 1, 5), (0.01, "A>B", "A", X + 1, Y + 6, 0)]
    conn = only(check_capture(capture(tmp_path, rows)))
    assert conn.endpoints == ("10.0.0.2:80", "10.0.0.1:40000")


def test_grouping_keeps_packets_compact(tmp_path):
    path = capture(tmp_path, HANDSHAKE * 1)
    from trainer.capture import open_capture

    with open_capture(path) as reader:
        conns = group_connections(reader.tcp_packets())
    assert len(conns) == 1 and isinstance(conns[0].records, bytearray)
    assert [p.flags for p in conns[0].packets()] == [0x02, 0x12, 0x10]


def test_imported_connection_round_trips_and_stays_valid(tmp_path):
    from trainer.cli import main
    from trainer.engine.checker import check
    from trainer.formats import load_trace

    path = capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.021, "B>A", "FA", Y + 1, X + 1, 0),
        (0.022, "A>B", "A", X + 2, Y + 2, 0),
        (0.031, "B>A", "A", Y + 2, X + 2, 0),
    ])
    for suffix in (".json", ".tcpt"):
        out = tmp_path / f"t{suffix}"
        assert main(["import", str(path), "--connection", "0", "-o", str(out), "--lang", "en"]) == 0
        trace = load_trace(out)
        assert [s.send_time for s in trace.segments()][1] == pytest.approx(0.010)
        assert trace.hosts["A"].address == "10.0.0.1:40000"
        assert check(trace).valid
        assert "10.0.0.1:40000" in trace.title["en"] and trace.title["zh_CN"]


# ---- robustness: any packet sequence gets a result, never an exception ------------------------

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

_ROW = st.tuples(
    st.sampled_from(["A>B", "B>A"]),
    st.sampled_from(list(F)),
    st.integers(0, 2**32 - 1) | st.sampled_from([X, X + 1, X + 101, Y, Y + 1, 2**32 - 1]),
    st.integers(0, 2**32 - 1) | st.sampled_from([X + 1, X + 101, Y + 1, Y + 2, 0]),
    st.sampled_from([0, 0, 1, 100]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_ROW, min_size=1, max_size=14))
def test_any_packet_sequence_is_explained_or_located(tmp_path, rows):
    timed = [(i * 0.001, way, fl, seq, ack, n) for i, (way, fl, seq, ack, n) in enumerate(rows)]
    report = check_capture(capture(tmp_path, timed, "fuzz.pcap"))
    assert sum(c.packets for c in report.connections) == len(rows)
    for conn in report.connections:
        assert len(conn.trace.segments()) == conn.packets
        if not conn.result.valid:
            assert conn.result.errors()[0].segment is not None
        for seg in conn.trace.segments():
            assert seg.arrive_time is None or seg.arrive_time >= seg.send_time


def test_data_reordered_by_the_network_seen_at_the_receiver(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.0200, "A>B", "PA", X + 101, Y + 1, 100),   # overtook the next one in the network
        (0.0201, "A>B", "PA", X + 1, Y + 1, 100),
        (0.0300, "B>A", "A", Y + 1, X + 201, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert events(conn, "sent-before") == [{"segment": 3, "frame": 5, "event": "sent-before",
                                            "before": 4}]
    segs = conn.trace.segments()
    assert [s.seq for s in segs[3:5]] == [X + 1, X + 101]  # sending order restored
    assert segs[3].send_time < segs[4].send_time
    assert conn.frames[3:5] == [5, 4]


def test_acks_reordered_by_the_network(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.0200, "A>B", "PA", X + 1, Y + 1, 100),
        (0.0201, "A>B", "PA", X + 101, Y + 1, 100),
        (0.0300, "B>A", "A", Y + 1, X + 201, 0),
        (0.0301, "B>A", "A", Y + 1, X + 101, 0),      # older ACK, delivered late
    ])))
    assert conn.result.valid, conn.result.findings
    assert [n["event"] for n in conn.result.inferred if n.get("event") == "sent-before"] == \
        ["sent-before"]


def test_a_retransmission_is_not_mistaken_for_reordering(tmp_path):
    conn = only(check_capture(capture(tmp_path, HANDSHAKE + [
        (0.020, "A>B", "PA", X + 1, Y + 1, 100),
        (0.021, "A>B", "PA", X + 101, Y + 1, 100),
        (0.030, "B>A", "A", Y + 1, X + 101, 0),
        (0.230, "A>B", "PA", X + 101, Y + 1, 100),    # resent: the second one was lost
        (0.240, "B>A", "A", Y + 1, X + 201, 0),
    ])))
    assert conn.result.valid, conn.result.findings
    assert events(conn, "sent-before") == []
    assert [n["segment"] for n in events(conn, "lost")] == [4]


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20), st.integers(0, 220),
                          st.integers(1, 20)), max_size=25))
def test_sent_ranges_match_a_set_of_numbers(ops):
    from trainer.capture.infer import _Ranges

    ranges, covered = _Ranges(), set()
    for start, length, q_start, q_length in ops:
        assert ranges.overlaps(q_start, q_start + q_length) == \
            bool(covered & set(range(q_start, q_start + q_length)))
        ranges.add(start, start + length)
        covered |= set(range(start, start + length))
        assert all(e < s for e, s in zip(ranges.ends, ranges.starts[1:]))  # disjoint, merged


def test_late_duplicate_of_an_earlier_incarnation_goes_back_to_it(tmp_path):
    first = HANDSHAKE + [
        (0.020, "A>B", "FA", X + 1, Y + 1, 0),
        (0.030, "B>A", "FA", Y + 1, X + 2, 0),
        (0.031, "A>B", "A", X + 2, Y + 2, 0),
    ]
    second = shifted_rows(HANDSHAKE, 100, 50_000)
    late = [(100.5, "B>A", "FA", Y + 1, X + 2, 0)]  # B's old FIN, duplicated by the network
    report = check_capture(capture(tmp_path, first + second + late))
    assert [c.packets for c in report.connections] == [7, 3]
    old = report.connections[0]
    assert old.trace.segments()[-1].old_duplicate and old.frames[-1] == 10
    assert all(c.result.valid for c in report.connections), [c.result.errors() for c in report.connections]
    assert not any(s.old_duplicate for s in report.connections[1].trace.segments())


def shifted_rows(rows, dt, dseq):
    return [(t + dt, way, fl, s + dseq, a + dseq if a else 0, n) for t, way, fl, s, a, n in rows]


@st.composite
def _send_streams(draw):
    """Packets whose SEQ and ACK fields mostly follow each sender's running SND.NXT and the
    peer's, with some going back (a retransmission, a keep-alive, an overtaken segment) or
    repeating an earlier value: the coincidences the reordering rules look for. Windows are
    few values, so that a window update and an ACK at the same numbers meet often."""
    nxt = [100, 5000]
    history = [[100], [5000]]
    packets = []
    last: list[tuple | None] = [None, None]
    for i in range(draw(st.integers(0, 16))):
        d = draw(st.integers(0, 1))
        window = draw(st.sampled_from([0, 724, 65535]))
        if last[d] is not None and draw(st.integers(0, 3)) == 0:
            # the same numbers again, with another window (a window update, a duplicate ACK)
            flags, seq, ack, n = last[d]
        else:
            flags = draw(st.sampled_from([0x10, 0x10, 0x18, 0x18, 0x11, 0x02, 0x12, 0x04, 0x14]))
            n = draw(st.sampled_from([0, 0, 1, 10, 100]))
            seq = draw(st.sampled_from([nxt[d], nxt[d], nxt[d] - 1, history[d][-1],
                                        history[d][0]]))
            ack = draw(st.sampled_from([nxt[1 - d], nxt[1 - d], history[1 - d][-1],
                                        nxt[1 - d] - 1]))
        last[d] = (flags, seq, ack, n)
        packets.append((i + 1, i * 0.001, d, flags, seq, ack, window, 0, n, 0, 255, 0, 0))
        history[d].append(seq)
        nxt[d] = max(nxt[d], seq + n + (1 if flags & 0x03 else 0))
    return packets


@settings(max_examples=400, deadline=None)
@given(_send_streams())
@example([(1, 0.0, 0, 0x14, 500, 50, 0, 0, 0, 0, 255, 0, 0),  # a RST overtook data below it
          (2, 0.001, 0, 0x18, 100, 50, 65535, 0, 10, 0, 255, 0, 0)])
@example([(1, 0.0, 1, 0x10, 7, 100, 724, 0, 0, 0, 255, 0, 0),  # a window update overtook
          (2, 0.001, 0, 0x18, 100, 7, 512, 0, 724, 0, 255, 0, 0),
          (3, 0.002, 1, 0x10, 7, 100, 0, 0, 0, 0, 255, 0, 0)])  # the zero-window ACK before it
@example([(1, 0.0, 0, 0x02, 100, 5000, 0, 0, 0, 0, 255, 0, 0),  # a RST showing its sender
          (2, 0.001, 0, 0x04, 101, 5000, 0, 0, 0, 0, 255, 0, 0),  # CLOSED, then a SYN it
          (3, 0.002, 0, 0x02, 101, 5000, 0, 0, 0, 0, 255, 0, 0)])  # sent before
def test_in_order_shortcut_gives_what_the_full_reordering_pass_gives(packets):
    """``restore_send_order`` skips its search when no sender's segment starts before what it
    showed earlier ends, no ACK goes back and no window offered at the same numbers shrinks;
    the full pass must then move nothing either."""
    from trainer.capture import infer

    u = infer.unwrap(packets)
    if infer._in_send_order(packets, u):
        original = infer._in_send_order
        try:
            infer._in_send_order = lambda packets, u: False
            full = infer.restore_send_order(packets, u)
        finally:
            infer._in_send_order = original
        assert full == (packets, [], {})


def test_a_segment_overtaken_on_the_way_still_arrives_before_the_receivers_next_send():
    """Arrived just after a later segment of its own sender, but never past the receiver's
    next send, however close the capture's times are (here 1 ns apart)."""
    from trainer.capture import infer
    ack = 0x10
    packets = [(1, 0.0, 0, ack, 100, 7, 512, 0, 0, 0, 255, 0, 0),
               (2, 1e-9, 0, ack, 100, 8, 512, 0, 0, 0, 255, 0, 0),
               (3, 2e-9, 1, 0x04, 8, 0, 0, 0, 0, 0, 255, 0, 0)]
    placement = infer.Placement([1, None, None], [False, False, False])
    times = [p[1] for p in packets]
    out = infer.arrival_times(packets, times, placement)
    assert times[1] < out[1] < out[0] < times[2]


def _reversed_data(n):
    return [(i + 1, i * 0.001, 0, 0x18, 10**6 - i * 100, 1, 65535, 0, 100, 0, 255, 0, 0)
            for i in range(n)]


def test_reordering_work_is_bounded_and_the_order_stays_a_permutation(monkeypatch):
    """A capture in reverse order would cost a search through REORDER_WINDOW segments for every
    segment: the work budget stops moving segments once spent, and whatever was moved by then
    still makes a permutation of the capture with consistent notes."""
    from trainer.capture import infer

    packets = _reversed_data(400)
    _, unbounded, _ = infer.restore_send_order(packets)
    monkeypatch.setattr(infer, "REORDER_WORK", 2)
    monkeypatch.setattr(infer, "REORDER_WORK_MIN", 0)
    out, notes, floors = infer.restore_send_order(packets)
    assert 0 < len(notes) < len(unbounded)
    assert sorted(p[0] for p in out) == [p[0] for p in packets]
    frames = [p[0] for p in out]
    for note in notes:
        assert frames[note["segment"]] == note["frame"]
        assert note["segment"] < note["before"]


@given(st.lists(st.integers(0, 1000), max_size=60))
def test_unfolded_order_equals_inserting_before(choices):
    """``_unfold`` gives what inserting each moved segment right before its target would."""
    from trainer.capture.infer import _unfold

    order, kept, put_before = [], [], {}
    for k, choice in enumerate(choices):
        if order and choice % 3 == 0:
            before = order[choice % len(order)]
            order.insert(order.index(before), k)
            put_before.setdefault(before, []).append(k)
        else:
            order.append(k)
            kept.append(k)
    assert _unfold(kept, put_before) == order


@example(values=[1, 1, 1], lo=0, hi=4, x=0)  # a query below every value: padding must not match
@given(st.lists(st.integers(-50, 50), min_size=1, max_size=40), st.integers(0, 45),
       st.integers(0, 45), st.integers(-52, 52))
def test_max_tree_answers_as_a_scan_would(values, lo, hi, x):
    from trainer.capture.infer import _MaxTree

    tree = _MaxTree(values)
    first = next((i for i in range(lo, len(values)) if values[i] >= x), None)
    last = next((i for i in range(min(hi, len(values)) - 1, lo - 1, -1) if values[i] >= x), None)
    assert tree.first_at_least(lo, x) == first
    assert tree.last_at_least(lo, hi, x) == last


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 99)), max_size=40),
       st.integers(0, 31))
def test_prefix_max_answers_as_a_scan_would(added, position):
    from trainer.capture.infer import _PrefixMax

    prefix = _PrefixMax(31)
    for at, value in added:
        prefix.add(at, value)
    below = [value for at, value in added if at < position]
    assert prefix.below(position) == (max(below) if below else None)


@settings(max_examples=200, deadline=None)
@given(_send_streams())
def test_placement_is_the_same_with_the_trees_as_with_long_scans(packets):
    """Rule 1 scans a few ACKs one by one and leaves longer searches to a segment tree, and
    scans a few retransmissions and leaves many to a sweep: with the tree and the sweep taking
    over at once, the placement is the same."""
    from trainer.capture import infer

    u = infer.unwrap(packets)
    expected = infer.greedy_placement(packets, u)
    original = infer._SCAN, infer._RETX_SCAN
    try:
        infer._SCAN, infer._RETX_SCAN = 1, -1
        got = infer.greedy_placement(packets, u)
    finally:
        infer._SCAN, infer._RETX_SCAN = original
    assert (got.after, got.lost) == (expected.after, expected.lost)


@settings(max_examples=200, deadline=None)
@given(_send_streams(), st.randoms(use_true_random=False))
def test_loss_reasons_are_what_a_scan_of_the_later_segments_finds(packets, rng):
    """The reasons come from a sweep and suffix minima; this is their definition."""
    from trainer.capture import infer

    def scanned(u, j):
        d = packets[j][2]
        if u.end[j] > u.seq[j] and any(
                packets[r][2] == d and u.seq[r] <= u.seq[j] < u.end[r]
                for r in range(j + 1, len(packets))):
            return "resent"
        if u.ack[j] is not None and any(
                packets[r][2] != d and u.seq[r] < u.end[r] <= u.ack[j]
                for r in range(j + 1, len(packets))):
            return "acked-again"
        return "search"

    u = infer.unwrap(packets)
    lost = [j for j in range(len(packets)) if rng.random() < 0.5]
    assert infer._loss_reasons(packets, u, lost) == {j: scanned(u, j) for j in lost}
