"""Real captures of the Linux stack over an unreliable wire (make_sweep_captures.sh: a tun pair
whose user-space delay line gives each packet a random delay, duplicates and drops some), taken
at the client's tun and at the server's tun. Each fixture keeps the few connections of a sweep
that showed one class of failure; these tests assert the checker explains them as it should.

Fixtures (``tcpdump -r SWEEP.pcap -w FIXTURE.pcap 'tcp port P or ...'`` on a sweep's output; the
runs are random, so a new sweep gives other connections showing the same classes):

- ``tun_reorder_client.pcap`` (sweep seed 1, client side, server ports 51101 and 51104) and
  ``tun_reorder_server.pcap`` (seed 1, server side, ports 51101 and 51103): a receiver-side
  capture sees segments in arrival order. Linux answers a request with a quick pure ACK and
  then the data; the data overtook the ACK on the wire. A pure ACK carries SEG.SEQ = SND.NXT
  (RFC 9293 3.8.4... 3.10.4), so one whose number is below new data already seen was sent
  before that data; likewise a pure ACK whose number is a FIN's, sent by a host that had
  acknowledged the peer's FIN (not in FIN-WAIT-2, so not a keep-alive probe); and a
  retransmission whose ACK is below one already seen (3.4: ACK = RCV.NXT never goes back).
  Several segments overtaken by one are put back in their own order, and a segment moved
  earlier still arrived where the capture saw it.
- ``tun_overtaken_client.pcap`` (seed 8, client side, port 51803, a half close) and
  ``tun_overtaken_server.pcap`` (seed 4, server side, port 51400, an upload): the client's
  last ACK (it closes the server's LAST-ACK) overtook an older ACK of its own on the wire;
  the older one reached the server in CLOSED and drew a reset, <SEQ=SEG.ACK><CTL=RST>
  (3.10.7.1). Both arrived between the same two sends of the server, an order the placement
  could not express (arrivals between two sends of the receiver followed the sending order).
- ``tun_synack_again_middle.pcap`` (seed 6, middle of the wire, port 51603): the server sent
  its SYN,ACK three times, then a quick pure ACK at SEG.SEQ = ISS+1 and the first data there;
  the data passed the middle first. A SYN sent again rewinds nothing, so the pure ACK is
  moved back before the data like any other.
- ``tun_deep_reorder_client.pcap`` (seed 43 of a second sweep, client side, port 55301, an
  80000-byte download): a data segment (frame 121) reached the client after 18 later
  segments of the server. The search for the segments that overtook one looked back a fixed
  16 segments of the sender; it now goes back as far as needed, stopping where the order
  already restored rules out anything earlier (new data ending below this one's start, a
  lower ACK).
- ``tun_overtaker_not_held_server.pcap`` (seed 53 of that sweep with 10% duplication, server
  side, port 51300, an upload): the client's ACK of the server's data (frame 42, ACK = FIN)
  reached the server after its ACK of the FIN (frame 37, which closed LAST-ACK) and after the
  server's first reset; it goes back before frame 37, and its floor (after that reset) used to
  hold frame 37 back as well, as if the two had kept their sending order: frame 37 then
  arrived after resets it had itself provoked. A segment put back before others of its sender
  was overtaken by them, so its floor holds back only segments captured after it.
- ``tun_window_update_client.pcap`` (seed 44 of the second sweep, client side, port 55409, a
  20000-byte upload to a server that reads slowly): the server acknowledged frame 51's data
  with a zero window, then (its application read) sent a window update at the same SEG.SEQ
  and SEG.ACK; the update (frame 50) overtook the zero-window ACK (frame 52) on the wire and
  the client sent 724 bytes into the window it offered. A receiver should not shrink its
  window (RFC 9293 3.8.6, SHLD-14; Linux never does), so the right edge SEG.ACK + SEG.WND it
  offers never goes back: the zero-window ACK was sent before the update.
- ``tun_abort_client.pcap`` (seed 33 of the second sweep's reorder-only set, client side, port
  54306) and ``tun_abort_server.pcap`` (seed 36, server side, port 54606): the client sends
  up to 30000 bytes and aborts (SO_LINGER 0: a RST,ACK at SND.NXT, RFC 9293 3.10.5); the wire
  reorders the data, so the server, closed by the RST, answers the data that comes after it
  with <SEQ=SEG.ACK><CTL=RST> (3.10.7.1), and the closed client answers the server's ACKs
  the same way. A RST without ACK inside what its sender sent shows it CLOSED (3.5.2: in a
  synchronized state it would have answered with an ACK; in a non-synchronized one only an
  ACK of something not yet sent draws one), so everything else it sent went before it: on
  the client side the server's last duplicate ACKs (frames 16, 18, 20) come after its first
  RST (frame 15) and go back before it; on the server side the client's data at frame 31
  comes after its RSTs and goes back before them. Each such RST answers a segment of the peer
  with that ACK, which arrived after the host closed: the client's RST,ACK (frame 14) reached
  the server after its last ACK, and the data it overtook after it.
- ``tun_abort_acked_again_server.pcap`` (seed 34 of that set, server side, port 54406): the
  server acknowledged all the data five times (frames 23 to 31) while the client, not having
  received any of it, retransmitted; the client's RST,ACK (frame 34) comes after two of its
  RSTs. Rule 2 took the first ACKs for lost (acknowledged again, and the data they covered
  was sent again), but the client's five RSTs at that number answer them: they arrived, after
  the client had aborted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.capture import check_capture
from trainer.engine.trace import Flag

DATA = Path(__file__).parent / "data"
SWEEP_CAPTURES = ("tun_reorder_client.pcap", "tun_reorder_server.pcap",
                  "tun_overtaken_client.pcap", "tun_overtaken_server.pcap",
                  "tun_synack_again_middle.pcap", "tun_deep_reorder_client.pcap",
                  "tun_overtaker_not_held_server.pcap", "tun_window_update_client.pcap",
                  "tun_abort_client.pcap", "tun_abort_server.pcap",
                  "tun_abort_acked_again_server.pcap")


def sent_before(conn):
    return [n for n in conn.result.inferred if n.get("event") == "sent-before"]


def segment_of_frame(conn, frame):
    index = conn.frames.index(frame)
    return index, conn.trace.segments()[index]


@pytest.mark.parametrize("name", SWEEP_CAPTURES)
def test_every_connection_is_explained_in_a_linux_sending_order(name):
    report = check_capture(DATA / name)
    assert report.warnings == [] and len(report.connections) == (
        2 if name.startswith("tun_reorder") else 1)
    for conn in report.connections:
        assert conn.result.valid, (conn.id, [f.code for f in conn.result.errors()])
        segments = conn.trace.segments()
        for host in "AB":
            mine = [s for s in segments if s.sender == host]
            acks = [s.ack for s in mine if s.ack is not None]
            base = acks[0]
            assert [(a - base) % 2**32 for a in acks] == sorted((a - base) % 2**32 for a in acks)
            pure = [s.seq for s in mine if not s.length and not int(s.flags) & 0x07]
            assert [(q - pure[0]) % 2**32 for q in pure] == sorted(
                (q - pure[0]) % 2**32 for q in pure)
            # the window offered at one SEG.SEQ and SEG.ACK never shrinks (3.8.6)
            offered = {}
            for s in mine:
                if s.ack is not None and not int(s.flags) & 0x06:
                    key = (s.seq, s.ack)
                    assert s.win >= offered.get(key, 0), (host, s)
                    offered[key] = s.win
        # A segment moved earlier still passed the capture point where it was seen: it
        # arrived after every send of its receiver captured before it.
        for note in sent_before(conn):
            moved = segments[note["segment"]]
            if moved.arrive_time is None:  # lost (past the middle of the wire)
                continue
            for index, seg in enumerate(segments):
                if seg.sender != moved.sender and conn.frames[index] < note["frame"]:
                    assert moved.arrive_time > seg.send_time


def test_quick_ack_overtaken_by_the_data_it_preceded():
    """Client side, a 3000-byte download: the server's pure ACK of the request (frame 13)
    reached the client after the response and the FIN; it was sent before all of them."""
    conn = check_capture(DATA / "tun_reorder_client.pcap").connections[0]
    index, ack = segment_of_frame(conn, 13)
    assert Flag(ack.flags).text() == "ACK" and ack.length == 0
    assert {"segment": index, "frame": 13, "event": "sent-before", "before": index + 1} \
        in sent_before(conn)
    after = conn.trace.segments()[index + 1]
    assert after.sender == ack.sender and after.seq == ack.seq and after.length == 1448
    # The three data segments that overtook the FIN are back before it, in sequence order.
    data = [s for s in conn.trace.segments() if s.sender == "B" and s.length]
    assert [s.seq for s in data] == sorted(s.seq for s in data)


def test_pure_ack_overtaken_by_the_fin_it_preceded():
    """Server side: the client acknowledged the server's FIN (frames 17, 18: a pure ACK and
    its copy) and then closed; its FIN,ACK (frame 11) at the same number arrived first."""
    conn = check_capture(DATA / "tun_reorder_server.pcap").connections[0]
    fin_index, fin = segment_of_frame(conn, 11)
    assert Flag(fin.flags).text() == "FIN,ACK"
    for frame in (17, 18):
        index, ack = segment_of_frame(conn, frame)
        assert Flag(ack.flags).text() == "ACK" and ack.seq == fin.seq and ack.ack == fin.ack
        assert index < fin_index
    assert {n["frame"] for n in sent_before(conn)} >= {17, 18}


def test_retransmission_with_an_older_ack_was_sent_before():
    """Server side, a half close: the client's retransmission of its request (frame 32, ACK
    of the SYN only) arrived after its ACK of the response (frame 31)."""
    conn = check_capture(DATA / "tun_reorder_server.pcap").connections[1]
    index, retx = segment_of_frame(conn, 32)
    later, ack = segment_of_frame(conn, 31)
    assert retx.length == 1372 and ack.length == 0 and index < later
    assert any(n["frame"] == 32 for n in sent_before(conn))
    assert not any(n.get("event") == "lost" and n["segment"] == index
                   for n in conn.result.inferred)


@pytest.mark.parametrize("name, older, last", [
    ("tun_overtaken_client.pcap", (10, 12), 14),  # two older ACKs: two resets
    ("tun_overtaken_server.pcap", (35,), 34),
])
def test_an_older_ack_overtaken_by_the_last_one_draws_a_reset(name, older, last):
    (conn,) = check_capture(DATA / name).connections
    segments = conn.trace.segments()
    last_index, closing = segment_of_frame(conn, last)
    resets = [s for s in segments if s.sender == "B" and int(s.flags) & Flag.RST]
    assert len(resets) == len(older)
    overtaken = []
    for frame in older:
        index, ack = segment_of_frame(conn, frame)
        assert index < last_index and ack.sender == closing.sender == "A"
        assert ack.length == 0 and (closing.ack - ack.ack) % 2**32 == 1  # before the FIN's ACK
        # it arrived after the last ACK (which closed the server) and drew a reset
        assert closing.arrive_time < ack.arrive_time < max(r.send_time for r in resets)
        overtaken += [n for n in conn.result.inferred if n.get("event") == "arrived-after"
                      and n["segment"] == index and n["after"] == last_index]
    assert overtaken  # placed "just after the last ACK", between two sends of the server
    assert all(r.seq == segment_of_frame(conn, older[0])[1].ack for r in resets)
    assert conn.result.state_history("B")[-1].value == "CLOSED"


def test_a_synack_sent_again_is_no_rewind():
    (conn,) = check_capture(DATA / "tun_synack_again_middle.pcap").connections
    synacks = [s for s in conn.trace.segments() if Flag(s.flags).text() == "SYN,ACK"]
    assert len(synacks) == 3
    ack_index, ack = segment_of_frame(conn, 10)
    data_index, data = segment_of_frame(conn, 9)
    assert ack.length == 0 and data.length == 1448 and ack.seq == data.seq
    assert ack_index < data_index
    assert any(n["frame"] == 10 for n in sent_before(conn))


def test_data_overtaken_by_many_later_segments_goes_back_in_sequence_order():
    """Client side of a download: the server's segment seen at frame 121 was sent before the
    18 server segments the client received ahead of it; it goes back before all of them, so
    that the server's new data is sent in sequence order (RFC 9293 3.8.1 aside, SND.NXT only
    advances) and nothing needs a search."""
    (conn,) = check_capture(DATA / "tun_deep_reorder_client.pcap").connections
    assert conn.result.valid and conn.attempts == 0
    index, late = segment_of_frame(conn, 121)
    assert late.sender == "B" and late.length == 1448
    (note,) = [n for n in sent_before(conn) if n["frame"] == 121]
    ahead = [f for f, s in zip(conn.frames, conn.trace.segments())
             if s.sender == "B" and f < 121 and conn.frames.index(f) > index]
    assert len(ahead) >= 17  # more than the 16 the search used to look back
    # Each data segment is either new (past all sent before) or a retransmission (within).
    base, top = late.seq, None
    for seg in conn.trace.segments():
        if seg.sender == "B" and seg.length:
            start = (seg.seq - base + 2**31) % 2**32
            end = start + seg.length
            assert top is None or start >= top or end <= top, seg
            top = end if top is None else max(top, end)


def test_segments_that_overtook_a_moved_one_are_not_held_back_by_its_floor():
    (conn,) = check_capture(DATA / "tun_overtaker_not_held_server.pcap").connections
    assert conn.result.valid
    segments = conn.trace.segments()
    moved_index, moved = segment_of_frame(conn, 42)
    last_index, last = segment_of_frame(conn, 37)
    assert moved.sender == last.sender == "A" and moved.length == last.length == 0
    assert (last.ack - moved.ack) % 2**32 == 1 and moved_index < last_index
    assert any(n["frame"] == 42 for n in sent_before(conn))
    first_reset = min(s.send_time for s in segments if s.sender == "B" and int(s.flags) & Flag.RST)
    # The last ACK closed the server before its first reset; the overtaken one came after.
    assert last.arrive_time < first_reset < moved.arrive_time
    assert conn.result.state_history("B")[-1].value == "CLOSED"


def test_zero_window_ack_overtaken_by_the_window_update():
    """The server's zero-window ACK (frame 52) reached the client after the window update
    that followed it (frame 50, same SEG.SEQ and SEG.ACK) and after the data the client sent
    into that window (frame 51): it was sent before the update, and arrived after that data."""
    (conn,) = check_capture(DATA / "tun_window_update_client.pcap").connections
    assert conn.result.valid and conn.attempts == 0
    index, zero = segment_of_frame(conn, 52)
    update_index, update = segment_of_frame(conn, 50)
    data_index, data = segment_of_frame(conn, 51)
    assert zero.sender == update.sender == "B" and data.sender == "A"
    assert (zero.seq, zero.ack, zero.length) == (update.seq, update.ack, 0)
    assert zero.win == 0 and update.win == 724 and data.seq == update.ack
    assert data.length == 724
    assert {"segment": index, "frame": 52, "event": "sent-before", "before": update_index} \
        in sent_before(conn)
    assert index < update_index < data_index
    assert update.arrive_time < data.send_time < zero.arrive_time


def _bare_resets(segments, host):
    return [s for s in segments if s.sender == host and int(s.flags) & 0x14 == Flag.RST]


def assert_resets_answer_arrivals_after_the_close(conn):
    """Each RST without ACK a host sent answers its own arrival of a segment of the peer whose
    ACK field is the RST's SEG.SEQ, after the host's last other send (3.10.7.1)."""
    segments = conn.trace.segments()
    for host, peer in ("AB", "BA"):
        resets = _bare_resets(segments, host)
        if not resets:
            continue
        others = [s for s in segments if s.sender == host and s not in resets]
        closed = max(s.send_time for s in others)
        assert closed < min(r.send_time for r in resets)  # nothing but RSTs after the first
        used = set()
        for reset in resets:
            answered = [i for i, s in enumerate(segments)
                        if s.sender == peer and s.ack == reset.seq and i not in used
                        and s.arrive_time is not None
                        and closed < s.arrive_time < reset.send_time]
            assert answered, (host, reset)
            used.add(answered[0])


def test_an_abort_closes_the_server_before_its_resets_and_its_acks_go_back_before_them():
    (conn,) = check_capture(DATA / "tun_abort_client.pcap").connections
    assert conn.result.valid
    segments = conn.trace.segments()
    first_reset_index, first_reset = segment_of_frame(conn, 15)
    assert first_reset.sender == "B" and Flag(first_reset.flags).text() == "RST"
    for frame in (16, 18, 20):
        index, ack = segment_of_frame(conn, frame)
        assert ack.sender == "B" and ack.length == 0 and index < first_reset_index
        assert any(n["frame"] == frame for n in sent_before(conn))
    _, abort = segment_of_frame(conn, 14)
    assert Flag(abort.flags).text() == "RST,ACK" and abort.sender == "A"
    last_ack = max(s.send_time for s in segments if s.sender == "B" and not int(s.flags) & 0x04)
    assert last_ack < abort.arrive_time < first_reset.send_time
    assert_resets_answer_arrivals_after_the_close(conn)
    assert conn.result.state_history("A")[-1].value == "CLOSED"
    assert conn.result.state_history("B")[-1].value == "CLOSED"


def test_data_overtaken_by_the_resets_of_the_aborting_host_goes_back_before_them():
    (conn,) = check_capture(DATA / "tun_abort_server.pcap").connections
    assert conn.result.valid and conn.attempts == 0
    segments = conn.trace.segments()
    index, data = segment_of_frame(conn, 31)
    assert data.sender == "A" and data.length == 1448
    assert any(n["frame"] == 31 for n in sent_before(conn))
    resets = _bare_resets(segments, "A")
    assert len(resets) == 12 and index < segments.index(resets[0])
    abort_index, abort = segment_of_frame(conn, 22)
    assert Flag(abort.flags).text() == "RST,ACK" and abort_index < segments.index(resets[0])
    assert_resets_answer_arrivals_after_the_close(conn)
    assert not any(n.get("event") == "lost" for n in conn.result.inferred)


def test_acks_taken_for_lost_arrived_after_the_abort_and_drew_its_resets():
    (conn,) = check_capture(DATA / "tun_abort_acked_again_server.pcap").connections
    assert conn.result.valid and conn.attempts == 0
    abort_index, abort = segment_of_frame(conn, 34)
    assert Flag(abort.flags).text() == "RST,ACK" and abort.sender == "A"
    assert any(n["frame"] == 34 for n in sent_before(conn))
    resets = [s for s in _bare_resets(conn.trace.segments(), "A") if s.seq == abort.seq]
    assert len(resets) == 5 and abort_index < conn.trace.segments().index(resets[0])
    for frame in (23, 25, 27, 29, 31):
        index, ack = segment_of_frame(conn, frame)
        assert ack.sender == "B" and ack.ack == abort.seq and ack.length == 0
        assert ack.arrive_time is not None and ack.arrive_time > abort.send_time
    assert_resets_answer_arrivals_after_the_close(conn)
