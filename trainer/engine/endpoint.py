"""One TCP endpoint as RFC 9293 section 3.10 describes it: a state, a TCB, and event processing.

The same model serves two purposes:

* **arrival processing** (``arrive``) is deterministic: given the state and the segment, 3.10.7
  says what the host does, and we do exactly that;
* **send validation** (``send``) asks whether the host, in its current state, could have sent
  the segment the trace shows — as a new segment, a retransmission, a reply the RFC calls for
  (RST, ACK), a keep-alive probe, or as the result of a user call the trace leaves implicit
  (a SYN from CLOSED implies an active OPEN, a FIN implies CLOSE, a RST at SND.NXT implies ABORT).

Anything the host may legitimately choose (its ISS, when to ACK, piggybacking, FIN with data,
retransmitting) is accepted; what no RFC-conforming host could send is reported. Findings,
transitions and inferences are appended to plain lists that the checker drains after each step.

Windows follow the Window Scale option (RFC 7323 section 2, one of the options RFC 9293 3.2.1
points to): a window field is worth ``SEG.WND << shift`` once both SYNs carried the option, and
the SYN's own window field is never scaled. A connection whose SYNs the trace does not show has
an unknown shift, so its windows are unknown (``None``) and constrain nothing.
"""

from __future__ import annotations

from trainer.engine import seqnum
from trainer.engine.states import State
from trainer.engine.trace import Flag, Segment

S = State
MASK = seqnum.MASK
_HALF = seqnum.HALF

# Plain ints: IntFlag arithmetic costs microseconds, and this is the checker's hot path.
SYN, ACK, FIN, RST = int(Flag.SYN), int(Flag.ACK), int(Flag.FIN), int(Flag.RST)
_SYNC_STATES = frozenset({
    S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING, S.LAST_ACK, S.TIME_WAIT,
})
#: States that send a RST on ABORT (3.10.5).
_ABORT_SENDS_RST = frozenset({S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT})
#: States that accept a segment's text (3.10.7.4, seventh).
_TEXT_STATES = frozenset({S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2})
DEFAULT_WINDOW = 65535
#: RFC 7323 2.3: a shift above 14 is used as 14.
MAX_SHIFT = 14
#: The largest window any host can offer (a 16-bit field shifted by 14, RFC 7323 2.3): the
#: acceptability test's right edge when the real window is unknown.
MAX_WINDOW = 0xFFFF << MAX_SHIFT
#: ``ws_sent``/``ws_rcvd`` before the SYN that would show the option has been seen.
UNSEEN = -1
_PSH = int(Flag.PSH)
_ACK_ONLY = (ACK, ACK | _PSH)  # flags that header prediction handles
_MAX_PERMITS = 16


def offered_shift(seg: Segment) -> int | None:
    """The shift a SYN's Window Scale option offers, capped at 14 (RFC 7323 2.3); None without
    the option."""
    options = seg.options
    if not options:
        return None
    shift = options.get("wscale")
    return None if shift is None else min(int(shift), MAX_SHIFT)


#: States whose keep-alive timer may run (3.8.4: an idle synchronized connection).
_KEEPALIVE_STATES = frozenset({S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_2})


def _lt(a: int, b: int) -> bool:
    return 0 < ((b - a) & MASK) < _HALF


def _le(a: int, b: int) -> bool:
    return ((b - a) & MASK) < _HALF


class RstPermit:
    """A RST the host may send because an arriving segment called for one (3.5.2)."""

    __slots__ = ("seq", "ack", "need_ack", "rule")

    def __init__(self, seq: int, ack: int | None, need_ack: bool, rule: str):
        self.seq = seq
        self.ack = ack
        self.need_ack = need_ack
        self.rule = rule

    def matches(self, seg: Segment) -> bool:
        if seg.seq != self.seq:
            return False
        has_ack = bool(int(seg.flags) & ACK)
        if self.need_ack and not has_ack:
            return False
        if has_ack and self.ack is not None and seg.ack != self.ack:
            return False
        return True


class Endpoint:
    """A host's connection state and TCB. ``None`` sequence variables mean "no TCB" or
    "not chosen yet" (the ISS of a passive open is only known when the SYN,ACK goes out)."""

    __slots__ = (
        "host", "state", "passive", "iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "snd_wl1",
        "snd_wl2", "rcv_nxt", "rcv_wnd", "fin_seq", "close_pending", "ofo", "retx_end",
        "permits", "tw_since", "syn_sent", "syn_data", "wnd_known", "rfc5961",
        "findings", "taken", "notes", "role", "now", "msl", "last_rcv_len", "last_snd_len",
        "queued_data", "close_queued", "keepalive_due", "min_iss", "sent_after_syn", "synack_sent",
        "ws_sent", "ws_rcvd", "snd_shift", "rcv_shift",
    )

    def __init__(self, host: str, rfc5961: bool = True):
        self.host = host
        self.rfc5961 = rfc5961
        self.findings: list[tuple[str, dict]] = []
        self.taken: list[str] = []
        self.notes: list[dict] = []
        self.role: str | None = None
        self.now = 0.0
        self.msl: float | None = None
        self.permits: list[RstPermit] = []
        self._clear_tcb(S.CLOSED)

    # ---- bookkeeping ------------------------------------------------------------------------
    def _clear_tcb(self, state: State) -> None:
        self.state = state
        self.passive = False
        self.iss = self.irs = None
        self.snd_una = self.snd_nxt = None
        self.snd_wnd = DEFAULT_WINDOW
        self.snd_wl1 = self.snd_wl2 = None
        self.rcv_nxt = None
        self.rcv_wnd = DEFAULT_WINDOW
        self.fin_seq = None  # sequence number of our FIN once sent
        self.close_pending = False  # CLOSE called, FIN not yet sent (3.10.4: queued behind data)
        self.ofo = []  # out-of-order (seq, end, fin) held for later (3.10.7.4, SHLD-31)
        self.retx_end = None
        self.tw_since = None
        self.syn_sent = False
        self.syn_data = 0
        self.wnd_known = False
        self.last_rcv_len = 0  # payload of the last in-order segment taken in (for hints)
        self.last_snd_len = 0  # payload of the last new data sent (for hints)
        self.queued_data = False  # SEND called before ESTABLISHED (3.10.2: queued)
        self.close_queued = False  # CLOSE in SYN-RECEIVED behind queued data (3.10.4)
        self.keepalive_due = False  # the keep-alive timer fired since the host last sent
        self.min_iss = None  # a reopened TIME-WAIT must pick an ISS above this (3.6.1 MAY-2)
        self.sent_after_syn = False  # any segment but SYN/RST sent on this connection yet
        self.synack_sent = False  # a SYN,ACK already went out (a second one is a retransmission)
        # Window scaling (RFC 7323 2.2-2.3). ws_sent / ws_rcvd: the shift our first SYN (or
        # SYN,ACK) offered and the one the peer's SYN offered, None without the option, UNSEEN
        # while that SYN has not been seen. rcv_shift (Rcv.Wind.Shift) / snd_shift
        # (Snd.Wind.Shift): decided once both are seen (0 unless both SYNs offered); None until
        # then, or for good when the trace starts after the SYNs: the shift is unknown.
        self.ws_sent = self.ws_rcvd = UNSEEN
        self.snd_shift = self.rcv_shift = None

    def clone(self) -> "Endpoint":
        other = Endpoint.__new__(Endpoint)
        for name in Endpoint.__slots__:
            setattr(other, name, getattr(self, name))
        other.ofo = list(self.ofo)
        other.permits = list(self.permits)
        other.findings, other.taken, other.notes = [], [], []
        return other

    def _emit(self, code: str, **params) -> None:
        params["host"] = self.host
        self.findings.append((code, params))

    def _go(self, state: State, transition: str) -> None:
        self.state = state
        self.taken.append(transition)
        if state is S.TIME_WAIT:
            self.tw_since = self.now

    def _delete_tcb(self, transition: str) -> None:
        self._clear_tcb(S.CLOSED)
        self.taken.append(transition)

    def _infer(self, event: str, **extra) -> None:
        note = {"host": self.host, "event": event}
        note.update(extra)
        self.notes.append(note)

    def _permit_rst(self, permit: RstPermit) -> None:
        self.permits.append(permit)
        if len(self.permits) > _MAX_PERMITS:
            del self.permits[0]

    def _permit_reset_for(self, seg: Segment) -> None:
        """The RST that answers ``seg`` per 3.5.2: SEQ=SEG.ACK if it had an ACK, else
        SEQ=0 with ACK=SEG.SEQ+SEG.LEN."""
        if int(seg.flags) & ACK and seg.ack is not None:
            self._permit_rst(RstPermit(seg.ack, (seg.seq + seg.seg_len) & MASK, False, "from-ack"))
        else:
            self._permit_rst(RstPermit(0, (seg.seq + seg.seg_len) & MASK, True, "zero"))

    def tcb_tuple(self) -> tuple | None:
        if self.state is S.CLOSED:
            return None
        return (self.iss, self.irs, self.snd_una, self.snd_nxt, self.snd_wnd, self.rcv_nxt, self.rcv_wnd)

    def in_time_wait_too_short(self, msl: float | None) -> tuple[float, float] | None:
        if msl is None or self.tw_since is None:
            return None
        elapsed = self.now - self.tw_since
        return (elapsed, 2 * msl) if elapsed + 1e-9 < 2 * msl else None

    # ---- user calls (3.10.1 - 3.10.5) ---------------------------------------------------------
    def call_listen(self) -> None:
        if self.state is not S.CLOSED:
            self._emit("call-invalid", call="listen", state=self.state.value, error="exists")
            return
        self._clear_tcb(S.LISTEN)
        self.passive = True
        self.taken.append("passive-open")

    def call_connect(self) -> None:
        st = self.state
        if st is S.CLOSED:
            self._clear_tcb(S.SYN_SENT)
            self.taken.append("active-open")
        elif st is S.LISTEN:
            self.passive = False
            self._go(S.SYN_SENT, "listen-send")
        else:
            self._emit("call-invalid", call="connect", state=st.value, error="exists")

    def call_send(self) -> None:
        st = self.state
        if st is S.CLOSED:
            self._emit("call-invalid", call="send", state=st.value, error="not-exist")
        elif st is S.LISTEN:
            self.passive = False
            self._go(S.SYN_SENT, "listen-send")
        elif st in (S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSING, S.LAST_ACK, S.TIME_WAIT) or self.close_pending:
            self._emit("call-invalid", call="send", state=st.value, error="closing")
        elif st in (S.SYN_SENT, S.SYN_RECEIVED):
            self.queued_data = True

    def call_close(self, name: str = "close") -> None:
        st = self.state
        if st is S.CLOSED:
            self._emit("call-invalid", call=name, state=st.value, error="not-exist")
        elif st is S.LISTEN:
            self._delete_tcb("listen-close")
        elif st is S.SYN_SENT:
            self._delete_tcb("synsent-close")
        elif st is S.SYN_RECEIVED:
            if self.queued_data:
                self.close_queued = True  # processed on entering ESTABLISHED (3.10.4)
            else:
                self.close_pending = True
                self._go(S.FIN_WAIT_1, "synrcvd-close")
        elif st is S.ESTABLISHED:
            self.close_pending = True
            self._go(S.FIN_WAIT_1, "estab-close")
        elif st is S.CLOSE_WAIT:
            self.close_pending = True
            self._go(S.LAST_ACK, "closewait-close")
        else:  # FIN-WAIT-1/2: "ok" is acceptable as long as no second FIN (3.10.4); others: closing
            self._emit("call-invalid", call=name, state=st.value, error="closing")

    def call_abort(self) -> None:
        st = self.state
        if st is S.CLOSED:
            self._emit("call-invalid", call="abort", state=st.value, error="not-exist")
            return
        if st in _ABORT_SENDS_RST and self.snd_nxt is not None:
            permit = RstPermit(self.snd_nxt, self.rcv_nxt, False, "snd-nxt")
            self._delete_tcb("abort")
            self._permit_rst(permit)
        else:
            self._delete_tcb("abort" if st in _SYNC_STATES else "close-delete")

    def crash(self) -> None:
        self._clear_tcb(S.CLOSED)
        self.permits = []
        self.taken.append("crash")

    # ---- timeouts (3.10.8, 3.8.4) -------------------------------------------------------------
    def timeout(self, timer: str, msl: float | None) -> None:
        st = self.state
        if timer == "time-wait":
            if st is not S.TIME_WAIT:
                self._emit("timer-not-running", timer=timer, state=st.value)
                return
            short = self.in_time_wait_too_short(msl)
            if short:
                self._emit("timewait-too-short", elapsed=round(short[0], 6), required=short[1])
            self._delete_tcb("timewait-timeout")
        elif timer == "retransmission":
            if st in (S.SYN_SENT, S.SYN_RECEIVED):
                outstanding = self.syn_sent  # our SYN (or SYN,ACK) is out and unacknowledged
            else:
                outstanding = self.snd_una is not None and self.snd_una != self.snd_nxt
            if not outstanding and not self.close_pending:
                self._emit("timer-not-running", timer=timer, state=st.value)
        elif timer == "keepalive":
            if st not in _SYNC_STATES or st is S.TIME_WAIT:
                self._emit("timer-not-running", timer=timer, state=st.value)
            else:
                self.keepalive_due = True
        elif timer == "user":
            if st is S.CLOSED:
                self._emit("timer-not-running", timer=timer, state=st.value)
            else:
                self._delete_tcb("user-timeout")

    # ---- sending: could this host have sent this segment? -------------------------------------
    def send(self, seg: Segment) -> None:
        self.role = None
        flags = int(seg.flags)
        if flags in _ACK_ONLY and self.state is S.ESTABLISHED and self._predicted_send(seg):
            return
        if flags & RST and flags & (SYN | FIN) or flags & SYN and flags & FIN:
            # No form in 3.5.2, 3.10.1 or 3.10.5 combines these: OPEN sends <CTL=SYN>, CLOSE in
            # SYN-SENT deletes the TCB, and a reset is <CTL=RST> or <CTL=RST,ACK>.
            self._emit("flags-invalid", flags=seg.flags.text())
            return
        if not flags & ACK and seg.ack:
            self._emit("ack-without-flag", got=seg.ack)
        if flags & RST:
            self._send_rst(seg)
        elif flags & SYN:
            self._send_syn(seg)
        else:
            self._send_other(seg)
        if self.role != "keepalive":
            self.keepalive_due = False
        if not flags & (SYN | RST):
            self.sent_after_syn = True
        win = seg.win
        if win is not None and not flags & RST and self.state is not S.CLOSED:
            # A RST's window field advertises nothing; a SYN's is never scaled (RFC 7323 2.2).
            shift = 0 if flags & SYN else self.rcv_shift
            self.rcv_wnd = win << shift if shift is not None else (None if win else 0)

    def _predicted_send(self, seg: Segment) -> bool:
        """Header prediction (as in BSD's tcp_input, here for sending): in ESTABLISHED, a pure
        ACK or new data exactly at SND.NXT carrying ACK=RCV.NXT is what a connection sends
        almost all the time. Handle it in a few comparisons; anything else (or data beyond the
        peer's window) returns False and takes the full path, which gives the same verdict.
        The advertised window is scaled as in ``send``."""
        seq = seg.seq
        if seg.ack != self.rcv_nxt or seq != self.snd_nxt or self.close_pending or self.keepalive_due:
            return False
        length = seg.length
        if length:
            end = (seq + length) & MASK
            if self.wnd_known and 0 < ((end - self.snd_una - self.snd_wnd) & MASK) < _HALF:
                return False  # beyond the offered window: let the full path report it
            self.snd_nxt = end
            self.retx_end = None
            self.last_snd_len = length
        self.sent_after_syn = True
        win = seg.win
        if win is not None:  # RCV.WND = SEG.WND << Rcv.Wind.Shift, as in send()
            shift = self.rcv_shift
            self.rcv_wnd = win << shift if shift is not None else (None if win else 0)
        return True

    def _check_ack_field(self, seg: Segment) -> None:
        """Every segment after the peer's SYN carries ACK=RCV.NXT (3.1, 3.10.7.4)."""
        if not int(seg.flags) & ACK:
            self._emit("ack-flag-missing", state=self.state.value)
            return
        expected = self.rcv_nxt
        got = seg.ack
        if got != expected:
            if self.syn_data and got == (expected + self.syn_data) & MASK:
                # Text that came on the peer's SYN is queued until ESTABLISHED and then taken
                # in (3.10.7.2); stacks that drop it instead keep acking the SYN only. Both are
                # legitimate: the first ACK that covers the data shows which one this host is.
                self.rcv_nxt = got
                self.syn_data = 0
                return
            self._emit("ack-not-next", expected=expected, got=got, hint=self._ack_hint(expected, got))

    def _ack_hint(self, expected: int, got: int | None) -> str:
        """Why is the ack wrong? The usual slips: forgetting that the peer's SYN or FIN takes a
        sequence number, forgetting the payload length, acknowledging what has not arrived."""
        if got is None:
            return "other"
        d = seqnum.diff(got, expected)
        if d > 0:
            return "ahead"
        if d == -1 and self.irs is not None and got == self.irs:
            return "syn"
        if d == -1 and self.state in (S.CLOSE_WAIT, S.LAST_ACK, S.CLOSING, S.TIME_WAIT):
            return "fin"
        if self.last_rcv_len and -d == self.last_rcv_len:
            return "data"
        return "behind"

    def _seq_hint(self, expected: int, got: int) -> str:
        """Why does the segment not start at SND.NXT? Our own SYN/FIN/data advanced it."""
        d = seqnum.diff(got, expected)
        if d == -1 and self.iss is not None and got == self.iss:
            return "syn"
        if d == -1 and self.fin_seq is not None and got == self.fin_seq:
            return "fin"
        if d > 0:
            return "ahead"
        if self.last_snd_len and -d == self.last_snd_len:
            return "data"
        return "behind"

    def _send_syn(self, seg: Segment) -> None:
        st = self.state
        options = seg.options
        if options and options.get("wscale") is not None and options["wscale"] > MAX_SHIFT:
            self._emit("wscale-too-large", shift=options["wscale"])  # RFC 7323 2.3: used as 14
        if int(seg.flags) & ACK:
            if st is S.SYN_RECEIVED or self._syn_unacked_after_close():
                self._send_synack(seg)
            elif st in (S.CLOSED, S.LISTEN, S.SYN_SENT):
                self._emit("synack-without-syn", state=st.value, pending=None)
            else:
                self._emit("syn-not-allowed", state=st.value)
            return
        if st is S.TIME_WAIT:
            # A new active open on the same 4-tuple: TIME-WAIT must have ended first.
            short = self.in_time_wait_too_short(self.msl)
            if short:
                self._emit("timewait-too-short", elapsed=round(short[0], 6), required=short[1])
            self._delete_tcb("timewait-timeout")
            self._infer("timeout", timer="time-wait")
            st = S.CLOSED
        if st is S.CLOSED:
            self._clear_tcb(S.SYN_SENT)
            self.taken.append("active-open")
            self._infer("call", call="connect")
            st = S.SYN_SENT
        elif st is S.LISTEN:
            self.passive = False
            self._go(S.SYN_SENT, "listen-send")
            self._infer("call", call="connect")
            st = S.SYN_SENT
        if st is S.SYN_SENT:
            if self.iss is None:
                self._bind_iss(seg)
            elif seg.seq != self.iss:
                self._emit("syn-seq-not-iss", expected=self.iss, got=seg.seq)
            else:
                self.role = "retransmission"
                self._learn_offer(seg)
            return
        if st is S.SYN_RECEIVED:  # simultaneous open: the answer must be SYN,ACK
            self._emit("ack-flag-missing", state=st.value)
            return
        self._emit("syn-not-allowed", state=st.value)

    def _syn_unacked_after_close(self) -> bool:
        """CLOSE in SYN-RECEIVED moved us to FIN-WAIT-1 while our SYN,ACK is still unacknowledged
        (or not yet sent): the retransmission queue still starts with it (3.10.8)."""
        return self.state is S.FIN_WAIT_1 and self.irs is not None \
            and (self.iss is None or self.snd_una == self.iss)

    def _bind_iss(self, seg: Segment) -> None:
        """Our first SYN (or SYN,ACK) of the connection: the ISS, and the window scale offer."""
        self.iss = seg.seq
        self.snd_una = seg.seq
        self.snd_nxt = (seg.seq + 1 + seg.length) & MASK
        self.syn_sent = True
        self.ws_sent = offered_shift(seg)
        self._decide_scaling()

    def _learn_offer(self, seg: Segment) -> None:
        """A SYN of ours repeated when the trace began after the first one: it shows the offer."""
        if self.ws_sent == UNSEEN:
            self.ws_sent = offered_shift(seg)
            self._decide_scaling()

    def _decide_scaling(self) -> None:
        """RFC 7323 2.2-2.3: once both SYNs are seen, scaling is in effect (in both directions)
        only if both carried the option: Snd.Wind.Shift is the peer's offer, Rcv.Wind.Shift
        our own. Otherwise both shifts are 0. The SYNs' own window fields are never scaled."""
        sent, rcvd = self.ws_sent, self.ws_rcvd
        if sent == UNSEEN or rcvd == UNSEEN:
            return
        if sent is None or rcvd is None:
            self.snd_shift = self.rcv_shift = 0
        else:
            self.snd_shift, self.rcv_shift = rcvd, sent

    def _peer_syn(self, seg: Segment) -> None:
        """The peer's SYN (or SYN,ACK) is accepted: note its window scale offer."""
        self.ws_rcvd = offered_shift(seg)
        self._decide_scaling()

    def _peer_window(self, seg: Segment) -> int | None:
        """SND.WND from an arriving segment's window field (RFC 9293 3.10.7.3-4 with RFC 7323
        2.3): SEG.WND << Snd.Wind.Shift, unscaled on a SYN; None when the shift is unknown
        (a zero window is zero whatever the shift)."""
        win = seg.win
        if int(seg.flags) & SYN:
            return win
        shift = self.snd_shift
        if shift is None:
            return None if win else 0
        return win << shift

    def _send_synack(self, seg: Segment) -> None:
        if self.iss is None:
            if self.min_iss is not None and not _lt(self.min_iss, seg.seq):
                self._emit("reopen-iss-too-small", iss=seg.seq, previous=self.min_iss)
            self.min_iss = None
            self._bind_iss(seg)
        elif seg.seq != self.iss:
            self._emit("syn-seq-not-iss", expected=self.iss, got=seg.seq)
        else:
            self._learn_offer(seg)
            if self.synack_sent:
                self.role = "retransmission"
        # (A simultaneous open's SYN,ACK repeats the SYN's number but is a new segment, 3.10.7.3.)
        if self.ws_rcvd is None and offered_shift(seg) is not None:
            # RFC 7323 2.2: only "if a Window Scale option was received in the initial <SYN>".
            self._emit("wscale-not-offered")
        self.syn_sent = True
        self.synack_sent = True
        got = seg.ack
        expected = self.rcv_nxt
        if self.syn_data and got == (expected + self.syn_data) & MASK:
            self.rcv_nxt = got  # TCP Fast Open: the data on the SYN is accepted at once
            self.syn_data = 0
        elif got != expected:
            self._emit("ack-not-next", expected=expected, got=got, hint=self._ack_hint(expected, got))

    def _send_rst(self, seg: Segment) -> None:
        st = self.state
        for i, permit in enumerate(self.permits):
            if permit.matches(seg):
                del self.permits[i]
                self.role = "reply-rst"
                return
        if st in _ABORT_SENDS_RST and self.snd_nxt is not None:
            # ABORT (3.10.5): <SEQ=SND.NXT><CTL=RST>; an ACK on it must be RCV.NXT.
            if seg.seq != self.snd_nxt:
                self._emit("rst-seq-wrong", expected=self.snd_nxt, got=seg.seq, rule="snd-nxt")
            elif int(seg.flags) & ACK and seg.ack != self.rcv_nxt:
                self._emit("rst-ack-wrong", expected=self.rcv_nxt, got=seg.ack)
            self._delete_tcb("abort")
            self._infer("call", call="abort")
            self.role = "abort"
            return
        if not self.permits:
            self._emit("rst-unprovoked", state=st.value)
            return
        permit = self.permits[-1]
        if seg.seq != permit.seq:
            self._emit("rst-seq-wrong", expected=permit.seq, got=seg.seq, rule=permit.rule)
        elif permit.need_ack and not int(seg.flags) & ACK:
            self._emit("rst-ack-required", expected=permit.ack)
        else:
            self._emit("rst-ack-wrong", expected=permit.ack, got=seg.ack)
        del self.permits[-1]

    def _send_other(self, seg: Segment) -> None:
        st = self.state
        if st is S.CLOSED or st is S.LISTEN:
            self._emit("send-without-connection", flags=seg.flags.text())
            return
        if st is S.SYN_SENT or self.iss is None:  # no SYN (or SYN,ACK) of ours sent yet
            self._emit("send-before-synchronized", state=st.value)
            return
        self._check_ack_field(seg)
        flags = int(seg.flags)
        seq = seg.seq
        length = seg.length
        has_fin = bool(flags & FIN)
        una, nxt = self.snd_una, self.snd_nxt
        if length == 0 and not has_fin:
            self._send_pure_ack(seq, una, nxt)
            return
        end = (seq + length) & MASK  # where the data ends (and the FIN sits, if any)
        if not has_fin and length <= 1 and self._is_keepalive(seq, una, nxt):
            self.role = "keepalive"  # 3.8.4: SEG.SEQ = SND.NXT-1, zero or one garbage octet
            return
        if _le(seq, self.iss):
            # The ISS is the SYN's own number: data and FIN start after it (3.4), at SND.NXT.
            hint = "syn" if nxt == (self.iss + 1) & MASK else self._seq_hint(nxt, seq)
            self._emit("seq-not-next", expected=nxt, got=seq, hint=hint)
            return
        # Where does it start?
        if _lt(seq, una):
            if _le(end + (1 if has_fin else 0), una):
                self._emit("retransmit-acked", seq=seq, una=una)
                return
        elif _lt(nxt, seq):
            self._emit("seq-not-next", expected=nxt, got=seq, hint=self._seq_hint(nxt, seq))
            return
        new_end = (end + (1 if has_fin else 0)) & MASK
        fin_seq = self.fin_seq
        if fin_seq is not None:
            # Our FIN is out: only retransmissions up to and including it.
            if has_fin and end != fin_seq:
                self._emit("fin-seq-changed", expected=fin_seq, got=end)
                return
            if _lt(fin_seq, end):
                self._emit("data-after-fin", fin=fin_seq)
                return
            self.role = "retransmission"
            if _lt(new_end, nxt):
                self.retx_end = new_end
            return
        if st is S.SYN_RECEIVED and length:
            self._emit("data-not-allowed", state=st.value)
            return
        if _lt(nxt, end) and st not in (S.ESTABLISHED, S.CLOSE_WAIT, S.SYN_RECEIVED) and not self.close_pending:
            self._emit("data-after-fin", fin=nxt)
            return
        if has_fin:
            if _lt(end, nxt):
                # A new FIN is formed after all the data sent so far (3.10.4), at SND.NXT.
                self._emit("seq-not-next", expected=(nxt - length) & MASK, got=seq, hint="behind")
                return
            if not self._close_for_fin():
                return
            self.fin_seq = end
            self.close_pending = False
        if _lt(seq, nxt):
            self.role = "retransmission"
            if _lt(new_end, nxt):
                self.retx_end = new_end
        if _lt(nxt, new_end):
            self._check_window(seq, end, length)
            self.snd_nxt = new_end
            self.retx_end = None
            if length:
                self.last_snd_len = length

    def _send_pure_ack(self, seq: int, una: int, nxt: int) -> None:
        if seq == nxt:
            return
        if self.retx_end is not None and seq == self.retx_end:
            return  # BSD-style stacks rewind SND.NXT after a retransmission
        if self._is_keepalive(seq, una, nxt):
            self.role = "keepalive"
            return
        self._emit("seq-not-next", expected=nxt, got=seq, hint=self._seq_hint(nxt, seq))

    def _is_keepalive(self, seq: int, una: int, nxt: int) -> bool:
        """A keep-alive probe: nothing outstanding and SEG.SEQ = SND.NXT-1 (3.8.4). When that
        number is the ISS (no data ever sent) the probe looks exactly like a third handshake ACK
        that forgot the SYN takes a number; the host's first segment after its SYN is that ACK,
        so it is read as a probe only later, or once the keep-alive timer has fired. Once the
        host's FIN is out, SND.NXT-1 is the FIN's number: a half-closed host (FIN-WAIT-2) still
        probes there (Linux does), but only states whose keep-alive timer may run send probes
        (TIME-WAIT does not), so elsewhere a segment at that number is the slip "the FIN takes
        a number"."""
        if una != nxt or seq != (nxt - 1) & MASK or self.state not in _KEEPALIVE_STATES:
            return False
        return seq != self.iss or self.sent_after_syn or self.keepalive_due

    def _close_for_fin(self) -> bool:
        """A FIN implies the user called CLOSE; make the state follow if the trace omitted it."""
        st = self.state
        if self.close_pending:
            return True
        if st is S.ESTABLISHED:
            self._go(S.FIN_WAIT_1, "estab-close")
        elif st is S.SYN_RECEIVED:
            self._go(S.FIN_WAIT_1, "synrcvd-close")
        elif st is S.CLOSE_WAIT:
            self._go(S.LAST_ACK, "closewait-close")
        else:
            self._emit("fin-not-allowed", state=st.value)
            return False
        self._infer("call", call="close")
        return True

    def _check_window(self, seq: int, end: int, length: int) -> None:
        if not self.wnd_known or not length:
            return
        limit = (self.snd_una + self.snd_wnd) & MASK
        if _lt(limit, end) and not (self.snd_wnd == 0 and length == 1):  # zero-window probe
            self._emit("beyond-window", limit=limit, end=end)

    # ---- arrivals: what 3.10.7 makes the host do ---------------------------------------------
    def arrive(self, seg: Segment) -> None:
        st = self.state
        if st is S.ESTABLISHED and int(seg.flags) in _ACK_ONLY and self._predicted_arrival(seg):
            return
        if st is S.CLOSED:
            self._arrive_closed(seg)
        elif st is S.LISTEN:
            self._arrive_listen(seg)
        elif st is S.SYN_SENT:
            self._arrive_syn_sent(seg)
        else:
            self._arrive_other(seg)

    def _predicted_arrival(self, seg: Segment) -> bool:
        """Header prediction for arrivals (BSD tcp_input's fast path): in ESTABLISHED, a pure
        ACK inside the receive window, or data starting exactly at RCV.NXT, whose ACK lies in
        [SND.UNA, SND.NXT], is handled exactly as 3.10.7.4 would: update SND.UNA and the
        window, take in the text (and whatever it lets through from the out-of-order queue).
        Windows are scaled and unknown windows treated exactly as ``_acceptable`` and
        ``_peer_window`` do. Anything else returns False and goes through every step of 3.10.7.4."""
        seq = seg.seq
        ack = seg.ack
        length = seg.length
        wnd = self.rcv_wnd
        if ack is None:
            return False
        if not wnd:
            if wnd is not None:
                return False  # a zero window: the full Table 6
            wnd = MAX_WINDOW  # unknown: as _acceptable
        d = (seq - self.rcv_nxt) & MASK
        if d >= wnd or (not d and length > wnd):
            return False
        una = self.snd_una
        if ((ack - una) & MASK) > ((self.snd_nxt - una) & MASK):
            return False  # acknowledges something not yet sent (or is old): full path
        if ack != una:
            self.snd_una = ack
            if self.retx_end is not None and _le(self.retx_end, ack):
                self.retx_end = None
        win = seg.win
        if win is not None:
            # _update_window inlined (the hot path), the window scaled as by _peer_window
            wl1 = self.snd_wl1
            if wl1 is None or 0 < ((seq - wl1) & MASK) < _HALF or (wl1 == seq and (
                    self.snd_wl2 is None or ((ack - self.snd_wl2) & MASK) < _HALF)):
                shift = self.snd_shift
                wnd = win << shift if shift is not None else (None if win else 0)
                self.snd_wnd = wnd
                self.wnd_known = wnd is not None
                self.snd_wl1 = seq
                self.snd_wl2 = ack
        if length:
            if d:  # beyond RCV.NXT: held until the gap is filled (SHLD-31), a dup ACK is due
                self.ofo.append((seq, (seq + length) & MASK, False))
                self._emit("rcv-out-of-order", seq=seq, rcv_nxt=self.rcv_nxt)
                return True
            self.rcv_nxt = (seq + length) & MASK
            self.last_rcv_len = length
            self.syn_data = 0
            if self.ofo:
                self._drain_ofo()
        return True

    def _arrive_closed(self, seg: Segment) -> None:  # 3.10.7.1
        if int(seg.flags) & RST:
            self._emit("rcv-rst-ignored", reason="closed")
            return
        self._permit_reset_for(seg)
        permit = self.permits[-1]
        self._emit("rcv-closed-reset", rst_seq=permit.seq, rst_ack=permit.ack if permit.need_ack else None)

    def _arrive_listen(self, seg: Segment) -> None:  # 3.10.7.2
        flags = int(seg.flags)
        if flags & RST:
            self._emit("rcv-rst-ignored", reason="listen")
            return
        if flags & ACK:
            self._permit_reset_for(seg)
            self._emit("rcv-bad-ack", ack=seg.ack, snd_nxt=None, state=S.LISTEN.value, reply="rst")
            return
        if flags & SYN:
            self.irs = seg.seq
            self.rcv_nxt = (seg.seq + 1) & MASK
            self.syn_data = seg.length
            self.passive = True
            self._peer_syn(seg)
            self._take_window(seg)
            self._go(S.SYN_RECEIVED, "listen-rcv-syn")
            return
        self._emit("rcv-dropped", state=S.LISTEN.value, reason="listen-no-syn")

    def _arrive_syn_sent(self, seg: Segment) -> None:  # 3.10.7.3
        flags = int(seg.flags)
        ack_ok = False
        if flags & ACK:
            ack = seg.ack
            if self.iss is None or ack is None or _le(ack, self.iss) or _lt(self.snd_nxt, ack):
                if flags & RST:
                    self._emit("rcv-rst-ignored", reason="bad-ack")
                else:
                    self._permit_reset_for(seg)
                    self._emit("rcv-bad-ack", ack=ack, snd_nxt=self.snd_nxt, state=S.SYN_SENT.value, reply="rst")
                return
            ack_ok = True
        if flags & RST:
            if ack_ok:
                self._delete_tcb("rcv-rst")
            else:
                self._emit("rcv-rst-ignored", reason="no-ack")
            return
        if not flags & SYN:
            self._emit("rcv-dropped", state=S.SYN_SENT.value, reason="synsent-no-syn")
            return
        self.irs = seg.seq
        self.rcv_nxt = (seg.seq + 1) & MASK
        if ack_ok:
            self.snd_una = seg.ack
        self._peer_syn(seg)
        self._take_window(seg)
        if self.iss is not None and _lt(self.iss, self.snd_una):
            self._go(S.ESTABLISHED, "synsent-rcv-synack")
            if seg.length:
                self.rcv_nxt = (self.rcv_nxt + seg.length) & MASK
            if flags & FIN:
                self.rcv_nxt = (self.rcv_nxt + 1) & MASK
                self._go(S.CLOSE_WAIT, "estab-rcv-fin")
        else:
            self.passive = False
            self.syn_data = seg.length
            self._go(S.SYN_RECEIVED, "synsent-rcv-syn")

    def _take_window(self, seg: Segment) -> None:
        """SND.WND <- SEG.WND from the peer's SYN (3.10.7.2-3): never scaled (RFC 7323 2.2)."""
        if seg.win is not None:
            self.snd_wnd = seg.win
            self.wnd_known = True
            self.snd_wl1 = seg.seq
            self.snd_wl2 = seg.ack

    def _acceptable(self, seq: int, seg_len: int) -> bool:
        """The four cases of Table 6 (3.10.7.4). RCV.WND is the window this host last
        advertised, scaled (RFC 7323 2.3); when that is unknown the right edge is the largest
        any host can offer (MAX_WINDOW), so nothing is rejected for lying past an edge the
        trace does not show."""
        nxt = self.rcv_nxt
        wnd = self.rcv_wnd
        if wnd is None:
            wnd = MAX_WINDOW
        if seg_len == 0:
            if wnd == 0:
                return seq == nxt
            return ((seq - nxt) & MASK) < wnd
        if wnd == 0:
            return False
        return ((seq - nxt) & MASK) < wnd or ((seq + seg_len - 1 - nxt) & MASK) < wnd

    def _arrive_other(self, seg: Segment) -> None:  # 3.10.7.4
        st = self.state
        flags = int(seg.flags)
        seq = seg.seq
        # TIME-WAIT: "the only thing that can arrive is a retransmission of the remote FIN.
        # Acknowledge it, and restart the 2 MSL timeout." (fifth and eighth steps)
        if st is S.TIME_WAIT and flags & FIN and not flags & (RST | SYN) and \
                ((seq + seg.length + 1) & MASK) == self.rcv_nxt:
            self.tw_since = self.now
            self._emit("rcv-fin-retransmitted")
            return
        seg_len = seg.length + ((flags >> 1) & 1) + (flags & 1)  # SEG.LEN: SYN and FIN count
        if st is S.SYN_RECEIVED and flags & SYN and flags & ACK and seq == self.irs:
            # A crossing SYN,ACK in a simultaneous open (Fig. 7, line 6) repeats the SYN we have
            # already received: trim it off ("trimming off any portions that lie outside the
            # window (including SYN and FIN)", 3.10.7.4) and go on with the ACK.
            seq = (seq + 1) & MASK
            flags = flags & ~SYN
            seg_len -= 1
        # Table 6, inlined for the common case of an open window (this is the hot path).
        wnd = self.rcv_wnd
        if wnd:
            d = (seq - self.rcv_nxt) & MASK
            acceptable = d < wnd or (seg_len > 0 and ((d + seg_len - 1) & MASK) < wnd)
        else:
            acceptable = self._acceptable(seq, seg_len)
        if not acceptable:
            if flags & RST:
                self._emit("rcv-rst-ignored", reason="out-of-window")
            else:
                self._emit("rcv-unacceptable", seq=seq, rcv_nxt=self.rcv_nxt, rcv_wnd=self.rcv_wnd)
            return
        if flags & RST:  # second step
            if self.rfc5961 and seq != self.rcv_nxt:
                self._emit("rcv-challenge-ack", reason="rst-inexact")
                return
            if st is S.SYN_RECEIVED and self.passive:
                self._clear_tcb(S.LISTEN)
                self.passive = True
                self.taken.append("synrcvd-rcv-rst")
            else:
                self._delete_tcb("rcv-rst")
            return
        if flags & SYN:  # fourth step
            if st is S.SYN_RECEIVED and self.passive:
                self._clear_tcb(S.LISTEN)
                self.passive = True
                self.taken.append("synrcvd-rcv-syn")
                return
            if self.rfc5961:
                self._emit("rcv-challenge-ack", reason="syn")
            else:
                self._reset_on_syn(seg)  # RFC 793: an in-window SYN is an error
            return
        if not flags & ACK:  # fifth step
            self._emit("rcv-dropped", state=st.value, reason="no-ack")
            return
        ack = seg.ack if seg.ack is not None else 0  # an ACK flag without a number: zero on the wire
        if self.iss is None:  # our SYN,ACK has not even been sent: nothing can be acknowledged
            self._permit_reset_for(seg)
            self._emit("rcv-bad-ack", ack=ack, snd_nxt=None, state=st.value, reply="rst")
            return
        if st is S.SYN_RECEIVED:
            if self.iss is not None and _lt(self.snd_una, ack) and _le(ack, self.snd_nxt):
                self._go(S.ESTABLISHED, "synrcvd-rcv-ack")
                st = S.ESTABLISHED
                if self.close_queued:
                    self.close_queued = False
                    self.close_pending = True
                    self._go(S.FIN_WAIT_1, "estab-close")
                    st = S.FIN_WAIT_1
                if seg.win is not None:  # SND.WND <- SEG.WND (scaled, RFC 7323 2.3)
                    self.snd_wnd = self._peer_window(seg)
                    self.wnd_known = self.snd_wnd is not None
                self.snd_wl1, self.snd_wl2 = seq, ack
            else:
                self._permit_reset_for(seg)
                self._emit("rcv-bad-ack", ack=ack, snd_nxt=self.snd_nxt, state=st.value, reply="rst")
                return
        if _lt(self.snd_nxt, ack):
            self._emit("rcv-bad-ack", ack=ack, snd_nxt=self.snd_nxt, state=st.value, reply="ack")
            return
        if _lt(self.snd_una, ack):
            self.snd_una = ack
            if self.retx_end is not None and _le(self.retx_end, ack):
                self.retx_end = None
        if seg.win is not None and _le(self.snd_una, ack):
            self._update_window(seq, ack, self._peer_window(seg))
        fin_acked = self.fin_seq is not None and _lt(self.fin_seq, self.snd_una)
        if st is S.FIN_WAIT_1:
            if fin_acked:
                self._go(S.FIN_WAIT_2, "finwait1-rcv-ack")
                st = S.FIN_WAIT_2
        elif st is S.CLOSING:
            if fin_acked:
                self._go(S.TIME_WAIT, "closing-rcv-ack")
            return
        elif st is S.LAST_ACK:
            if fin_acked:
                self._delete_tcb("lastack-rcv-ack")
            return
        elif st is S.TIME_WAIT:
            return
        # seventh step: text; eighth step: FIN
        length = seg.length
        has_fin = bool(flags & FIN)
        if not length and not has_fin:
            return
        end = (seq + length) & MASK
        if st in _TEXT_STATES or has_fin:
            nxt = self.rcv_nxt
            if _lt(nxt, seq):
                self.ofo.append((seq, end, has_fin))
                self._emit("rcv-out-of-order", seq=seq, rcv_nxt=nxt)
                return
            if st in _TEXT_STATES and _lt(nxt, end):
                self.rcv_nxt = end
                self.last_rcv_len = length
                self.syn_data = 0  # the SYN's text came again (or was taken in): no longer pending
            if has_fin and end == self.rcv_nxt:
                self._receive_fin()
            elif self.ofo:
                self._drain_ofo()

    def _reset_on_syn(self, seg: Segment) -> None:
        """RFC 793 (3.10.7.4, fourth step, for stacks without RFC 5961): reset and close."""
        self._delete_tcb("rcv-syn-reset")
        self._permit_reset_for(seg)

    def _update_window(self, seq: int, ack: int, wnd: int | None) -> None:
        """SND.WND from a segment newer than the last one used (SND.WL1/WL2, 3.10.7.4).
        ``wnd`` is already scaled (``_peer_window``); None: the window is unknown."""
        wl1, wl2 = self.snd_wl1, self.snd_wl2
        if wl1 is None or _lt(wl1, seq) or (wl1 == seq and (wl2 is None or _le(wl2, ack))):
            self.snd_wnd = wnd
            self.wnd_known = wnd is not None
            self.snd_wl1, self.snd_wl2 = seq, ack

    def _drain_ofo(self) -> None:
        progressed = True
        while progressed and self.ofo and self.state is not S.CLOSED:
            progressed = False
            nxt = self.rcv_nxt
            keep = []
            fin_now = False
            for seq, end, fin in self.ofo:
                if _le(seq, nxt) and _le(nxt, end):
                    if _lt(nxt, end) and self.state in _TEXT_STATES:
                        nxt = end
                        progressed = True
                    if fin and end == nxt:
                        fin_now = True
                elif _lt(nxt, seq):
                    keep.append((seq, end, fin))
            self.ofo = keep
            self.rcv_nxt = nxt
            if fin_now:
                self._receive_fin()
                progressed = True

    def _receive_fin(self) -> None:
        """Eighth step: advance RCV.NXT over the FIN and change state."""
        self.rcv_nxt = (self.rcv_nxt + 1) & MASK
        self.ofo = []
        st = self.state
        if st is S.ESTABLISHED or st is S.SYN_RECEIVED:
            self._go(S.CLOSE_WAIT, "estab-rcv-fin")
        elif st is S.FIN_WAIT_1:
            if self.fin_seq is not None and _lt(self.fin_seq, self.snd_una):
                self._go(S.TIME_WAIT, "finwait1-rcv-finack")
            else:
                self._go(S.CLOSING, "finwait1-rcv-fin")
        elif st is S.FIN_WAIT_2:
            if self.taken and self.taken[-1] == "finwait1-rcv-ack":
                # FIN and the ACK of our FIN in one segment: FIN-WAIT-1 -> TIME-WAIT (Fig. 5 note 2)
                self.taken.pop()
                self._go(S.TIME_WAIT, "finwait1-rcv-finack")
            else:
                self._go(S.TIME_WAIT, "finwait2-rcv-fin")
        elif st is S.TIME_WAIT:
            self.tw_since = self.now

    # ---- where conforming hosts may differ ----------------------------------------------------
    def alternatives_for(self, seg: Segment) -> list[tuple["Endpoint", str]]:
        """The other RFC-conforming readings of an arrival, if there are any.

        Each is the endpoint as it would be after ``seg`` arrived under that reading, with a
        label for the inference. The checker keeps them aside and adopts one only if the host's
        next segment can be explained by it and not by the default reading:

        * ``implicit-listen``: a SYN reaches a CLOSED host that then answers SYN,ACK — the
          host had called listen() (a listening socket outlives its connections);
        * ``timewait-reopen``: a new SYN beyond RCV.NXT reopens a TIME-WAIT connection
          (3.6.1, MAY-2) instead of getting a challenge ACK;
        * ``syn-reset-rfc793`` / ``rst-without-rfc5961``: a host without the RFC 5961
          mitigation resets on an in-window SYN and aborts on any in-window RST (3.10.7.4);
          with ``rfc5961`` off it is the other way round (``syn-challenge-rfc5961``,
          ``rst-challenge-rfc5961``).
        """
        flags = int(seg.flags)
        st = self.state
        found: list[tuple[Endpoint, str]] = []
        if flags & RST:
            if st in _SYNC_STATES and seg.seq != self.rcv_nxt and self._acceptable(seg.seq, seg.seg_len):
                alt = self.clone()
                if self.rfc5961:
                    alt._delete_tcb("rcv-rst")
                    found.append((alt, "rst-without-rfc5961"))
                else:
                    alt._emit("rcv-challenge-ack", reason="rst-inexact")
                    found.append((alt, "rst-challenge-rfc5961"))
            return found
        if not flags & SYN or flags & ACK:
            return found
        if st is S.CLOSED:
            alt = self.clone()
            alt._clear_tcb(S.LISTEN)
            alt.passive = True
            alt.taken.append("passive-open")
            alt._infer("call", call="listen")
            alt._arrive_listen(seg)
            found.append((alt, "implicit-listen"))
            return found
        if st is S.TIME_WAIT and _lt(self.rcv_nxt, seg.seq):
            alt = self.clone()
            previous = self.snd_nxt
            alt._clear_tcb(S.LISTEN)
            alt._arrive_listen(seg)
            alt.min_iss = previous
            alt.taken[:] = ["timewait-rcv-syn"]
            found.append((alt, "timewait-reopen"))
        if st in _SYNC_STATES and self._acceptable(seg.seq, seg.seg_len):
            alt = self.clone()
            if self.rfc5961:
                alt._reset_on_syn(seg)
                found.append((alt, "syn-reset-rfc793"))
            else:
                alt._emit("rcv-challenge-ack", reason="syn")
                found.append((alt, "syn-challenge-rfc5961"))
        elif st is S.TIME_WAIT and _lt(self.rcv_nxt, seg.seq):
            # Beyond the window: the default is the ACK of 3.10.7.4's first step; an RFC 793
            # host that lets the SYN through resets instead.
            alt = self.clone()
            alt._reset_on_syn(seg)
            found.append((alt, "syn-reset-rfc793"))
        return found
