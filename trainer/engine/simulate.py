"""An RFC 9293 TCP actor that *generates* traces, and a replay that explains them.

``endpoint.py`` answers "could this host have sent that?"; this module is the other side of
RFC 9293 section 3.10: given user calls, arriving segments and timer expiries, a :class:`Host`
*returns the segments the RFC says to send*. It is written independently of ``endpoint.py``
(it shares only the trace model and sequence arithmetic) so that it can serve as an oracle for
the checker's tests:

* :func:`simulate` runs two hosts on one timeline with random scenarios, delays, losses,
  crossings, retransmissions, keep-alives, aborts and crashes, and returns a :class:`Trace` that a
  real RFC 9293 stack could have produced, together with the hosts' states after every event;
* :func:`explain` replays any trace through nondeterministic copies of the actor and says whether
  every segment in it is one the sending host could have sent at that moment (a *set* of allowed
  outputs per moment: replies the RFC calls for, retransmissions, new data, keep-alives, and the
  user calls a trace may leave implicit);
* :func:`expected_reply` tells what a host is expected to send next after a trace prefix (the
  GUI's "fill in the seq/ack the RFC expects").

Every choice below cites the 3.10 subsection (or 3.5.2, 3.8.x, RFC 5961) that allows it.
Windows follow RFC 7323 section 2 (window scaling): a host may offer a shift in its SYN, and
once both SYNs carried one, every later window field is scaled.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field

from trainer.engine import seqnum
from trainer.engine.states import State
from trainer.engine.trace import (
    Call, CallKind, Crash, Flag, HostSpec, Segment, Timeout, Timer, Trace, TraceOptions, peer_of,
)

S = State
MASK = seqnum.MASK
SYN, ACK, FIN, RST, PSH = Flag.SYN, Flag.ACK, Flag.FIN, Flag.RST, Flag.PSH
add, lt, le, gt, diff = seqnum.add, seqnum.lt, seqnum.le, seqnum.gt, seqnum.diff

#: Synchronized states (3.5.2, group 3).
SYNC = frozenset({S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING, S.LAST_ACK,
                  S.TIME_WAIT})
#: States in which ABORT sends <SEQ=SND.NXT><CTL=RST> (3.10.5).
ABORT_RST = frozenset({S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT})
#: States that process segment text (3.10.7.4, seventh).
TEXT = frozenset({S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2})
#: States in which SEND segmentizes data at once (3.10.2).
SENDING = frozenset({S.ESTABLISHED, S.CLOSE_WAIT})
#: States in which data SENT before a CLOSE, then the FIN, still go out (3.10.4: CLOSE is queued
#: until all preceding SENDs are segmentized; a FIN arriving meanwhile turns FIN-WAIT-1 into
#: CLOSING, 3.10.7.4 eighth step, "our FIN" not being ACKed yet).
CLOSE_QUEUED = frozenset({S.FIN_WAIT_1, S.CLOSING, S.LAST_ACK})
#: States whose keep-alive timer may run (3.8.4: an idle synchronized connection).
KEEPALIVE = frozenset({S.ESTABLISHED, S.CLOSE_WAIT, S.FIN_WAIT_2})
#: RFC 7323 2.3: shifts above 14 are used as 14; no window can exceed 65535 << 14.
MAX_SHIFT = 14
MAX_WINDOW = 0xFFFF << MAX_SHIFT
#: A window scale offer not seen yet (the SYN that would carry it is not in the trace).
UNSEEN = -1


def shift_offered(seg: Segment) -> int | None:
    """The Window Scale shift on a SYN (capped at 14, RFC 7323 2.3), None without the option."""
    shift = (seg.options or {}).get("wscale")
    return None if shift is None else min(shift, MAX_SHIFT)


def window_of(seg: Segment, shift: int | None) -> int | None:
    """The window a segment's field stands for (RFC 7323 2.3): SEG.WND << shift, but a SYN's
    field is never scaled (2.2); None if there is no field or the shift is unknown (a zero
    window is zero whatever the shift)."""
    win = seg.win
    if win is None or seg.flags & SYN:
        return win
    if shift is None:
        return None if win else 0
    return win << shift


class CallError(Exception):
    """A user call the RFC answers with an error (``exists``, ``not-exist``, ``closing``)."""


@dataclass(slots=True)
class Sent:
    """A retransmission-queue entry: sequence space sent and not yet acknowledged."""

    seq: int
    length: int = 0
    syn: bool = False
    fin: bool = False

    @property
    def end(self) -> int:
        return (self.seq + self.length + self.syn + self.fin) & MASK


@dataclass(slots=True)
class Owed:
    """A RST the host owes because of an arriving segment (3.5.2) or an ABORT (3.10.5).
    ``ack``: the acknowledgment a RST,ACK must carry; ``need_ack``: the RFC's form has ACK."""

    seq: int
    ack: int | None
    need_ack: bool

    def matches(self, seg: Segment) -> bool:
        # A RST may carry (diagnostic) data, RFC 1122 4.2.2.12; never SYN or FIN.
        if seg.seq != self.seq or seg.flags & (SYN | FIN):
            return False
        if seg.flags & ACK:
            return self.ack is not None and seg.ack == self.ack
        return not self.need_ack


class Host:
    """One TCP endpoint: state, TCB, and the output side of RFC 9293 3.10.

    Methods named after user calls and timers, and :meth:`on_arrival`, return the list of
    segments the host sends in response (``send_time`` = :attr:`now`, ``arrive_time`` unset).
    ``iss_source`` picks an ISS when one is needed (3.4.1); ``None`` leaves it unbound until a
    segment shows it (the replay's use).
    """

    _TCB = ("state", "passive", "iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "snd_wl1",
            "snd_wl2", "rcv_nxt", "unsent", "close_queued", "fin_seq", "rewind", "iss_floor",
            "ws_sent", "ws_rcvd", "snd_shift", "rcv_shift")

    def __init__(self, name: str, *, mss: int = 1000, rcv_wnd: int = 65535,
                 delay_acks: bool = False, rfc5961: bool = True, abort_with_ack: bool = False,
                 fin_with_data: bool = False, listening_socket: bool = False,
                 synrcvd_resend_synack: bool = False, timewait_reopen: bool = False,
                 syn_reset: bool = False,
                 rto: float = 1.0, max_retries: int = 6, msl: float = 1.0,
                 dack_delay: float = 0.1, keepalive_idle: float | None = None,
                 iss_source=None, wscale: int | None = None):
        self.name = name
        self.mss = mss
        self.buffer = rcv_wnd  # the receive buffer the host's windows are computed from
        self.rcv_wnd = min(rcv_wnd, 0xFFFF)  # RCV.WND as last advertised (the peer's view)
        self.wscale = wscale  # the shift its SYNs offer (RFC 7323 2.2), None: no option
        self.delay_acks = delay_acks
        self.rfc5961 = rfc5961
        self.abort_with_ack = abort_with_ack
        self.fin_with_data = fin_with_data
        self.listening_socket = listening_socket
        self.synrcvd_resend_synack = synrcvd_resend_synack
        self.timewait_reopen = timewait_reopen
        self.syn_reset = syn_reset  # RFC 793 handling of an in-window SYN despite RFC 5961
        self.rto = rto
        self.max_retries = max_retries
        self.msl = msl
        self.dack_delay = dack_delay
        self.keepalive_idle = keepalive_idle
        self.keepalive_budget = 3  # idle periods that get probed (then the user goes away)
        self.iss_source = iss_source
        self.replay = iss_source is None
        self.now = 0.0
        self.owed: list[Owed] = []
        self.note: str | None = None  # what the last arrival did (for tests and the GUI)
        self.why: str | None = None   # why could_send() found no way to send a segment
        self._delete_tcb()

    # ---- bookkeeping ------------------------------------------------------------------------
    def _delete_tcb(self, state: State = S.CLOSED) -> None:
        self.state = state
        self.passive = state is S.LISTEN
        # A probe at SEQ=ISS is read as a keep-alive only after the host sent some other
        # segment or its keep-alive timer fired (the checker's policy: otherwise it is a third
        # handshake ACK that forgot the SYN takes a number).
        self.sent_plain = False
        self.ka_fired = False
        self.iss = self.irs = None
        self.snd_una = self.snd_nxt = None
        self.snd_wnd = 0
        self.snd_wl1 = self.snd_wl2 = None
        self.rcv_nxt = None
        self.unsent = 0            # bytes SENT by the user and not yet segmentized
        self.close_queued = False  # CLOSE called, FIN not yet formed (3.10.4)
        self.fin_seq = None        # sequence number of our FIN once sent
        self.rtx: list[Sent] = []  # retransmission queue (3.10.8)
        self.ooo: list[tuple[int, int, bool]] = []  # held segments beyond RCV.NXT (SHLD-31)
        self.rewind = None         # BSD go-back-N: where a pure ACK may sit after a retransmission
        self.iss_floor = None      # reopened from TIME-WAIT: the new ISS must be at least this
        self.ack_owed = 0          # segments received but not yet acknowledged (delayed ACK)
        self.rtx_deadline = None
        self.rtx_count = 0
        self.tw_deadline = None
        self.tw_since = None
        self.dack_deadline = None
        self.last_heard = self.now
        self.ka_probes = 0
        # Window scaling (RFC 7323 2.2-2.3): the offers of our first SYN and of the peer's SYN
        # (None: no option, UNSEEN: not yet), and Snd.Wind.Shift / Rcv.Wind.Shift once both
        # are known (0 unless both offered).
        self.ws_sent = self.ws_rcvd = UNSEEN
        self.snd_shift = self.rcv_shift = None
        if not self.replay:
            self.rcv_wnd = min(self.buffer, 0xFFFF)  # what the next SYN will advertise

    def _scaling(self) -> None:
        """RFC 7323 2.2: scaling is on only if both SYNs offered it, and then in both directions."""
        if self.ws_sent == UNSEEN or self.ws_rcvd == UNSEEN:
            return
        if self.ws_sent is None or self.ws_rcvd is None:
            self.snd_shift = self.rcv_shift = 0
        else:
            self.snd_shift, self.rcv_shift = self.ws_rcvd, self.ws_sent

    def clone(self) -> "Host":
        other = Host.__new__(Host)
        other.__dict__.update(self.__dict__)
        other.rtx = [Sent(e.seq, e.length, e.syn, e.fin) for e in self.rtx]
        other.ooo = list(self.ooo)
        other.owed = list(self.owed)
        return other

    def key(self) -> tuple:
        """What distinguishes two configurations of this host for the replay."""
        return tuple(getattr(self, f) for f in self._TCB) + (
            tuple(self.ooo), tuple((o.seq, o.ack, o.need_ack) for o in self.owed),
            self.sent_plain, self.ka_fired)

    def tcb(self) -> tuple | None:
        """(ISS, IRS, SND.UNA, SND.NXT, RCV.NXT), or None without a TCB."""
        if self.state is S.CLOSED:
            return None
        return (self.iss, self.irs, self.snd_una, self.snd_nxt, self.rcv_nxt)

    def _seg(self, flags: Flag, seq: int, ack: int | None = None, length: int = 0) -> Segment:
        options = None
        if flags & RST:
            win = 0  # A RST's window means nothing; Linux sends 0 there, and so do we.
        else:
            # SEG.WND = RCV.WND >> Rcv.Wind.Shift, a SYN's never scaled (RFC 7323 2.2-2.3).
            shift = 0 if flags & SYN else self.rcv_shift or 0
            if self.replay:
                win = None if self.rcv_wnd is None else min(self.rcv_wnd >> shift, 0xFFFF)
            else:
                win = min(self.buffer >> shift, 0xFFFF)
                self.rcv_wnd = win << shift  # the peer now holds this RCV.WND (rounded down)
            if flags & SYN and self.wscale is not None and (
                    not flags & ACK or self.ws_rcvd not in (None, UNSEEN)):
                options = {"wscale": self.wscale}  # on a SYN,ACK only if the SYN had it (2.2)
        if flags & ACK:
            self.ack_owed = 0
            self.dack_deadline = None
        return Segment(self.name, self.now, None, flags, None if seq is None else seq & MASK, ack,
                       win, length, options=options)

    def _ack(self) -> Segment:
        """<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (3.10.7.4)."""
        return self._seg(ACK, self.snd_nxt, self.rcv_nxt)

    def _reset_for(self, seg: Segment) -> Segment:
        """The RST that answers ``seg`` (3.5.2, 3.10.7.1): <SEQ=SEG.ACK><CTL=RST> if it had an
        ACK, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>."""
        end = add(seg.seq, seg.seg_len)
        if seg.flags & ACK and seg.ack is not None:
            self._owe(Owed(seg.ack, end, False))
            return self._seg(RST, seg.ack)
        self._owe(Owed(0, end, True))
        return self._seg(RST | ACK, 0, end)

    def _owe(self, owed: Owed) -> None:
        self.owed.append(owed)
        if len(self.owed) > 16:
            del self.owed[0]

    def _queue(self, entry: Sent) -> None:
        self.rtx.append(entry)
        if self.rtx_deadline is None:
            self.rtx_deadline = self.now + self.rto
            self.rtx_count = 0

    def _room(self) -> int:
        """Usable window: SND.UNA + SND.WND - SND.NXT (3.8.6)."""
        return diff(add(self.snd_una, self.snd_wnd), self.snd_nxt)

    @property
    def idle(self) -> bool:
        return self.snd_una == self.snd_nxt and not self.unsent and not self.close_queued

    # ---- user calls (3.10.1 - 3.10.5) ---------------------------------------------------------
    def listen(self) -> list[Segment]:
        """Passive OPEN (3.10.1)."""
        if self.state is not S.CLOSED:
            raise CallError("exists")
        self._delete_tcb(S.LISTEN)
        return []

    def connect(self, iss: int | None = None) -> list[Segment]:
        """Active OPEN (3.10.1): <SEQ=ISS><CTL=SYN>, SND.UNA=ISS, SND.NXT=ISS+1, SYN-SENT."""
        if self.state is S.CLOSED:
            self._delete_tcb(S.SYN_SENT)
        elif self.state is S.LISTEN:
            self.state = S.SYN_SENT
        else:
            raise CallError("exists")
        self.passive = False
        if iss is None and self.iss_source is not None:
            iss = self.iss_source(self)
        if iss is None:
            return []  # replay: the SYN in the trace will show the ISS
        return [self._syn(iss)]

    def _syn(self, iss: int) -> Segment:
        self.iss = self.snd_una = iss & MASK
        self.snd_nxt = add(iss, 1)
        self.ws_sent = None if self.wscale is None else min(self.wscale, MAX_SHIFT)
        self._scaling()
        self._queue(Sent(self.iss, syn=True))
        return self._seg(SYN, self.iss)

    def send(self, nbytes: int) -> list[Segment]:
        """SEND (3.10.2): segmentize at once in ESTABLISHED/CLOSE-WAIT, else queue."""
        st = self.state
        if st is S.CLOSED:
            raise CallError("not-exist")
        if st in SEND_CLOSING or self.close_queued:
            raise CallError("closing")
        self.unsent += nbytes
        if st is S.LISTEN:  # "change the connection from passive to active ... Send a SYN"
            return self.connect()
        return self._output() if st in SENDING else []

    def close(self) -> list[Segment]:
        """CLOSE (3.10.4)."""
        st = self.state
        if st is S.CLOSED:
            raise CallError("not-exist")
        if st is S.LISTEN or st is S.SYN_SENT:
            if st is S.LISTEN:
                self.listening_socket = False
            self._delete_tcb()
            return []
        if st is S.SYN_RECEIVED:
            if self.unsent:
                # "otherwise, queue for processing after entering ESTABLISHED state"
                self.close_queued = True
                return []
            self.close_queued = True
            self.state = S.FIN_WAIT_1
            return self._output()
        if st is S.ESTABLISHED:  # "Queue this until all preceding SENDs have been segmentized
            self.close_queued = True  # ... In any case, enter FIN-WAIT-1 state."
            self.state = S.FIN_WAIT_1
            return self._output()
        if st is S.CLOSE_WAIT:
            self.close_queued = True
            self.state = S.LAST_ACK
            return self._output()
        raise CallError("closing")  # FIN-WAIT-1/2 ("ok" would do too, no second FIN), others

    def abort(self) -> list[Segment]:
        """ABORT (3.10.5): <SEQ=SND.NXT><CTL=RST> from SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2 and
        CLOSE-WAIT (many stacks add ACK=RCV.NXT); just delete the TCB elsewhere."""
        st = self.state
        if st is S.CLOSED:
            raise CallError("not-exist")
        out = []
        if st is S.LISTEN:
            self.listening_socket = False
        if st in ABORT_RST and self.snd_nxt is not None:
            owed = Owed(self.snd_nxt, self.rcv_nxt, False)
            if not self.replay:
                flags = RST | ACK if self.abort_with_ack and self.rcv_nxt is not None else RST
                out.append(self._seg(flags, self.snd_nxt, self.rcv_nxt if flags & ACK else None))
            self._delete_tcb()
            if not out:
                self._owe(owed)  # replay: the RST may follow in the trace
        else:
            self._delete_tcb()
        return out

    def crash(self) -> list[Segment]:
        """The host loses its TCB (3.5.1) and everything queued for output."""
        self._delete_tcb()
        self.owed = []
        self.listening_socket = False
        return []

    # ---- timers (3.10.8, 3.8.4, 3.8.6.3) ------------------------------------------------------
    def retransmit(self) -> list[Segment]:
        """RETRANSMISSION TIMEOUT: "send the segment at the front of the retransmission queue
        again" -- same sequence number, the current RCV.NXT as acknowledgment (a SYN sent in
        SYN-SENT goes out as SYN,ACK once the peer's SYN is in: 3.10.7.3 turns it into one)."""
        if not self.rtx:
            return []
        e = self.rtx[0]
        if e.syn:
            if self.rcv_nxt is None:
                seg = self._seg(SYN, e.seq)
            else:
                seg = self._seg(SYN | ACK, e.seq, self.rcv_nxt)
        else:
            flags = ACK | (PSH if e.length else Flag.NONE) | (FIN if e.fin else Flag.NONE)
            seg = self._seg(flags, e.seq, self.rcv_nxt, e.length)
        self.rtx_count += 1
        self.rtx_deadline = self.now + self.rto * (2 ** min(self.rtx_count, 3))
        return [seg]

    def keepalive(self) -> list[Segment]:
        """A keep-alive probe (3.8.4): SEG.SEQ = SND.NXT-1, no data, ACK=RCV.NXT."""
        if not self.ka_probes:
            self.keepalive_budget -= 1
        self.ka_probes += 1
        return [self._seg(ACK, add(self.snd_nxt, -1), self.rcv_nxt)]

    def flush_ack(self) -> list[Segment]:
        """The delayed-ACK timer (3.8.6.3): send the ACK that was held back."""
        if not self.ack_owed or self.state is S.CLOSED:
            self.ack_owed = 0
            self.dack_deadline = None
            return []
        return [self._ack()]

    def time_wait_timeout(self) -> list[Segment]:
        """TIME-WAIT TIMEOUT (3.10.8): delete the TCB."""
        self._delete_tcb()
        return []

    def user_timeout(self) -> list[Segment]:
        """USER TIMEOUT (3.10.8): flush, delete the TCB, no segment."""
        self._delete_tcb()
        return []

    def next_timer(self) -> tuple[float, Timer | str] | None:
        """The earliest running timer: (deadline, Timer or "delayed-ack")."""
        best = None
        if self.tw_deadline is not None and self.state is S.TIME_WAIT:
            best = (self.tw_deadline, Timer.TIME_WAIT)
        if self.rtx_deadline is not None and self.rtx:
            if self.rtx_count >= self.max_retries:
                cand = (self.rtx_deadline, Timer.USER)  # R2 reached: give up (3.8.3)
            else:
                cand = (self.rtx_deadline, Timer.RETRANSMISSION)
            if best is None or cand[0] < best[0]:
                best = cand
        if self.dack_deadline is not None and self.ack_owed:
            if best is None or self.dack_deadline < best[0]:
                best = (self.dack_deadline, "delayed-ack")
        if self.keepalive_idle is not None and self.state in KEEPALIVE and self.idle and (
                self.keepalive_budget > 0 or self.ka_probes):
            t = self.last_heard + self.keepalive_idle * (1 + self.ka_probes)
            cand = (t, Timer.USER if self.ka_probes >= 3 else Timer.KEEPALIVE)
            if best is None or t < best[0]:
                best = cand
        return best

    # ---- output: data and FIN (3.10.2, 3.10.4) ------------------------------------------------
    def _output(self) -> list[Segment]:
        out: list[Segment] = []
        st = self.state
        if self.replay or self.fin_seq is not None or not (st in SENDING or (self.close_queued and st in CLOSE_QUEUED)):
            return out
        if self.snd_una is None:
            return out
        while self.unsent:
            room = self._room()
            if room <= 0:
                break
            n = min(self.mss, self.unsent, room)
            last = n == self.unsent
            fin = self.close_queued and last and self.fin_with_data and room > n
            flags = ACK | (PSH if last else Flag.NONE) | (FIN if fin else Flag.NONE)
            seq = self.snd_nxt
            self.unsent -= n
            self.snd_nxt = add(seq, n + fin)
            if fin:
                self.fin_seq = add(seq, n)
                self.close_queued = False
            self._queue(Sent(seq, n, fin=fin))
            out.append(self._seg(flags, seq, self.rcv_nxt, n))
        if self.close_queued and not self.unsent and self._room() > 0:
            # "form a FIN segment and send it" (3.10.4); FIN occupies one sequence number
            seq = self.snd_nxt
            self.fin_seq = seq
            self.snd_nxt = add(seq, 1)
            self.close_queued = False
            self._queue(Sent(seq, fin=True))
            out.append(self._seg(FIN | ACK, seq, self.rcv_nxt))
        return out

    # ---- SEGMENT ARRIVES (3.10.7) -------------------------------------------------------------
    def on_arrival(self, seg: Segment) -> list[Segment]:
        """Process an arriving segment exactly as 3.10.7 says; return the replies."""
        self.note = None
        self.last_heard = self.now
        self.ka_probes = 0
        st = self.state
        if st is S.CLOSED:
            return self._arrive_closed(seg)
        if st is S.LISTEN:
            return self._arrive_listen(seg)
        if st is S.SYN_SENT:
            return self._arrive_syn_sent(seg)
        return self._arrive_other(seg)

    def _arrive_closed(self, seg: Segment) -> list[Segment]:  # 3.10.7.1
        if seg.flags & RST:
            self.note = "rst-ignored"
            return []
        if self.listening_socket and seg.flags & SYN and not seg.flags & ACK:
            # A listening socket outlives its connections: the SYN meets LISTEN (3.10.7.2).
            self._delete_tcb(S.LISTEN)
            out = self._arrive_listen(seg)
            self.note = "implicit-listen"
            return out
        self.note = "reset"
        return [self._reset_for(seg)]

    def _arrive_listen(self, seg: Segment) -> list[Segment]:  # 3.10.7.2
        flags = seg.flags
        if flags & RST:  # "An incoming RST should be ignored."
            self.note = "rst-ignored"
            return []
        if flags & ACK:  # "Any acknowledgment is bad ... <SEQ=SEG.ACK><CTL=RST>"
            self.note = "reset"
            return [self._reset_for(seg)]
        if not flags & SYN:  # "Fourth, other data or control ... Drop the segment"
            self.note = "dropped"
            return []
        # "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... ISS should be selected and a SYN
        # segment sent of the form <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>"
        self.irs = seg.seq
        self.rcv_nxt = add(seg.seq, 1)
        self.snd_wnd = seg.win if seg.win is not None else 65535  # a SYN's: never scaled
        self.snd_wl1, self.snd_wl2 = seg.seq, None
        self.state = S.SYN_RECEIVED
        self.passive = True
        self.ws_rcvd = shift_offered(seg)
        self._scaling()
        iss = self.iss_source(self) if self.iss_source is not None else None
        if iss is None:  # replay: the SYN,ACK in the trace binds the ISS
            return [self._seg(SYN | ACK, None, self.rcv_nxt)]
        self.iss = self.snd_una = iss & MASK
        self.snd_nxt = add(iss, 1)
        # our SYN,ACK offers scaling only if the SYN did (RFC 7323 2.2; see _seg)
        offer = self.wscale if self.ws_rcvd is not None else None
        self.ws_sent = None if offer is None else min(offer, MAX_SHIFT)
        self._scaling()
        self._queue(Sent(self.iss, syn=True))
        return [self._seg(SYN | ACK, self.iss, self.rcv_nxt)]

    def _arrive_syn_sent(self, seg: Segment) -> list[Segment]:  # 3.10.7.3
        flags = seg.flags
        ack_ok = False
        if flags & ACK:  # first, check the ACK bit
            ack = seg.ack
            if self.iss is None or ack is None or le(ack, self.iss) or gt(ack, self.snd_nxt):
                if flags & RST:
                    self.note = "rst-ignored"
                    return []
                self.note = "reset"
                return [self._reset_for(seg)]  # <SEQ=SEG.ACK><CTL=RST>
            ack_ok = True
        if flags & RST:  # second, check the RST bit
            if ack_ok:
                self.note = "refused"
                self._delete_tcb()
            else:
                self.note = "rst-ignored"
            return []
        if not flags & SYN:  # fifth
            self.note = "dropped"
            return []
        # fourth, the SYN bit
        self.irs = seg.seq
        self.rcv_nxt = add(seg.seq, 1)
        if ack_ok:
            self.snd_una = seg.ack
            self._acked()
        self.ws_rcvd = shift_offered(seg)
        self._scaling()
        if seg.win is not None:
            self.snd_wnd = seg.win  # a SYN's window: never scaled
        self.snd_wl1, self.snd_wl2 = seg.seq, seg.ack
        if self.iss is not None and gt(self.snd_una, self.iss):
            # "change the connection state to ESTABLISHED, form an ACK segment ... and send it.
            # Data or controls that were queued for transmission MAY be included."
            self.state = S.ESTABLISHED
            out = self._after_text(seg, add(seg.seq, 1), seg.length, bool(flags & FIN))
            if not any(o.flags & ACK for o in out):
                out.insert(0, self._ack())
            return out
        # "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT>"
        self.state = S.SYN_RECEIVED
        return [self._seg(SYN | ACK, self.iss, self.rcv_nxt)]  # (seq None: ISS not chosen yet)

    def _acceptable(self, seq: int, seg_len: int) -> bool:
        """Table 6 (3.10.7.4)."""
        nxt, wnd = self.rcv_nxt, self.rcv_wnd
        if wnd is None:  # the shift is unknown: no right edge short of the largest window
            wnd = MAX_WINDOW
        if seg_len == 0:
            return seq == nxt if wnd == 0 else 0 <= diff(seq, nxt) < wnd
        if wnd == 0:
            return False
        return 0 <= diff(seq, nxt) < wnd or 0 <= diff(add(seq, seg_len - 1), nxt) < wnd

    def _arrive_other(self, seg: Segment) -> list[Segment]:  # 3.10.7.4
        st = self.state
        flags = seg.flags
        seq = seg.seq
        length = seg.length
        syn = bool(flags & SYN)
        fin = bool(flags & FIN)
        if st is S.TIME_WAIT and fin and not flags & (RST | SYN) and add(seq, length + 1) == self.rcv_nxt:
            # "The only thing that can arrive in this state is a retransmission of the remote
            # FIN. Acknowledge it, and restart the 2 MSL timeout." (fifth and eighth steps)
            self.note = "fin-retransmitted"
            self._enter_time_wait()
            return [self._ack()]
        if st is S.TIME_WAIT and syn and not flags & (ACK | RST) and self.timewait_reopen \
                and gt(seq, self.rcv_nxt):
            # 3.6.1 MAY-2 (RFC 1122 4.2.2.13): a new SYN above RCV.NXT may reopen the connection
            # from TIME-WAIT, if the new ISS is larger than any sequence number used before.
            self.note = "timewait-reopen"
            floor = self.snd_nxt
            self._delete_tcb(S.LISTEN)
            self.iss_floor = floor
            source = self.iss_source
            if source is not None:
                self.iss_source = lambda host: add(floor, 1 + source(host) % (1 << 20))
            try:
                return self._arrive_listen(seg)
            finally:
                self.iss_source = source
        if st is S.SYN_RECEIVED and syn and flags & ACK and seq == self.irs:
            # Simultaneous open (Figure 8, line 6): the SYN,ACK repeats the SYN already received;
            # trimmed off ("trimming off any portions that lie outside the window (including SYN
            # and FIN)"), the rest is a plain ACK at RCV.NXT.
            seq = add(seq, 1)
            syn = False
        seg_len = length + syn + fin
        if not self._acceptable(seq, seg_len):
            # "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
            # (unless the RST bit is set, if so drop the segment and return)"
            if flags & RST:
                self.note = "rst-ignored"
                return []
            self.note = "unacceptable"
            if st is S.SYN_RECEIVED and self.synrcvd_resend_synack and syn and seq == self.irs and self.iss is not None:
                return self.retransmit()  # a retransmitted SYN: resend the SYN,ACK instead
            return [self._ack()] if self.snd_nxt is not None else []
        if lt(seq, self.rcv_nxt):  # trim what was already received (SYN first)
            if syn:
                seq, syn = add(seq, 1), False
            cut = min(diff(self.rcv_nxt, seq), length)
            seq, length = add(seq, cut), length - cut
        # second, the RST bit (RFC 5961 section 3)
        if flags & RST:
            if self.rfc5961 and seg.seq != self.rcv_nxt:
                self.note = "challenge-ack"
                return [self._ack()]
            if st is S.SYN_RECEIVED and self.passive:
                self.note = "reset-to-listen"
                self._delete_tcb(S.LISTEN)
            else:
                self.note = "reset"
                self._delete_tcb()
            return []
        # fourth, the SYN bit
        if syn:
            if st is S.SYN_RECEIVED and self.passive:
                self.note = "syn-to-listen"
                self._delete_tcb(S.LISTEN)
                return []
            if self.rfc5961 and not self.syn_reset:
                self.note = "challenge-ack"
                return [self._ack()]
            self.note = "syn-reset"  # RFC 793 behaviour: the SYN is an error, reset
            out = [self._reset_for(seg)]
            self._delete_tcb()
            return out
        # fifth, the ACK field
        if not flags & ACK:
            self.note = "dropped"
            return []
        ack = seg.ack
        out: list[Segment] = []
        if st is S.SYN_RECEIVED:
            if self.snd_nxt is not None and lt(self.snd_una, ack) and le(ack, self.snd_nxt):
                self.state = st = S.ESTABLISHED
                if seg.win is not None:
                    self.snd_wnd = window_of(seg, self.snd_shift)
                self.snd_wl1, self.snd_wl2 = seq, ack
                if self.close_queued:  # CLOSE queued in SYN-RECEIVED (3.10.4)
                    self.state = st = S.FIN_WAIT_1
            else:
                self.note = "reset"
                return [self._reset_for(seg)]  # <SEQ=SEG.ACK><CTL=RST>
        if gt(ack, self.snd_nxt):  # "acks something not yet sent ... send an ACK, drop"
            self.note = "bad-ack"
            return [self._ack()]
        if lt(self.snd_una, ack):
            self.snd_una = ack
            self._acked()
        if le(self.snd_una, ack) and seg.win is not None:
            wl1, wl2 = self.snd_wl1, self.snd_wl2
            if wl1 is None or lt(wl1, seq) or (wl1 == seq and (wl2 is None or le(wl2, ack))):
                self.snd_wnd = window_of(seg, self.snd_shift)  # SEG.WND << Snd.Wind.Shift
                self.snd_wl1, self.snd_wl2 = seq, ack
        fin_acked = self.fin_seq is not None and gt(self.snd_una, self.fin_seq)
        if st is S.FIN_WAIT_1 and fin_acked:
            self.state = st = S.FIN_WAIT_2
        elif st is S.CLOSING:
            if fin_acked:
                self._enter_time_wait()
                return []
            return self._output()  # data and FIN still queued behind a full window
        elif st is S.LAST_ACK:
            if fin_acked:
                self.note = "closed"
                self._delete_tcb()
                return []
            return self._output()  # data and FIN still queued behind a full window
        elif st is S.TIME_WAIT:
            return []
        out.extend(self._after_text(seg, seq, length, fin))
        return out

    def _after_text(self, seg: Segment, seq: int, length: int, fin: bool) -> list[Segment]:
        """Seventh (text) and eighth (FIN) steps, then whatever output they make possible."""
        st = self.state
        due = False
        if (length or fin) and (st in TEXT or fin):
            if gt(seq, self.rcv_nxt):
                # "Segments with higher beginning sequence numbers SHOULD be held for later
                # processing (SHLD-31)"; MAY-13: acknowledge RCV.NXT at once (a duplicate ACK).
                self.ooo.append((seq, add(seq, length), fin))
                self.note = "out-of-order"
                return self._output() + [self._ack()]
            end = add(seq, length)
            if st in TEXT and gt(end, self.rcv_nxt):
                self.rcv_nxt = end
                due = True
            if fin and end == self.rcv_nxt:
                self._receive_fin()
                due = True
            elif self.ooo:
                due = self._drain() or due
        out = self._output()
        if due:
            if out:
                return out  # the ACK rides on the data (3.10.7.4: "piggybacked")
            self.ack_owed += 1
            if not self.delay_acks or self.ack_owed >= 2 or fin:
                out.append(self._ack())
            elif self.dack_deadline is None:
                self.dack_deadline = self.now + self.dack_delay
        return out

    def _drain(self) -> bool:
        """Deliver held segments that RCV.NXT has reached (3.10.7.4)."""
        progressed = True
        any_progress = False
        while progressed and self.ooo and self.state is not S.CLOSED:
            progressed = False
            keep = []
            for seq, end, fin in sorted(self.ooo, key=lambda x: diff(x[0], self.rcv_nxt)):
                if le(seq, self.rcv_nxt) and le(self.rcv_nxt, end):
                    if lt(self.rcv_nxt, end) and self.state in TEXT:
                        self.rcv_nxt = end
                        progressed = any_progress = True
                    if fin and end == self.rcv_nxt:
                        self._receive_fin()
                        return True
                elif gt(seq, self.rcv_nxt):
                    keep.append((seq, end, fin))
            self.ooo = keep
        return any_progress

    def _receive_fin(self) -> None:
        """Eighth step: advance RCV.NXT over the FIN; change state."""
        self.rcv_nxt = add(self.rcv_nxt, 1)
        self.ooo = []
        st = self.state
        if st is S.ESTABLISHED or st is S.SYN_RECEIVED:
            self.state = S.CLOSE_WAIT
        elif st is S.FIN_WAIT_1:
            if self.fin_seq is not None and gt(self.snd_una, self.fin_seq):
                self._enter_time_wait()
            else:
                self.state = S.CLOSING
        elif st is S.FIN_WAIT_2 or st is S.TIME_WAIT:
            self._enter_time_wait()

    def _enter_time_wait(self) -> None:
        """Enter (or stay in) TIME-WAIT: start the 2 MSL timer, turn off the others."""
        self.state = S.TIME_WAIT
        self.tw_since = self.now
        self.tw_deadline = self.now + 2 * self.msl
        self.rtx_deadline = None

    def _acked(self) -> None:
        """Remove what SND.UNA now covers from the retransmission queue (3.10.7.3/4)."""
        una = self.snd_una
        self.rtx = [e for e in self.rtx if not le(e.end, una)]
        if self.rewind is not None and le(self.rewind, una):
            self.rewind = None
        if self.rtx:
            self.rtx_deadline = self.now + self.rto
            self.rtx_count = 0
        else:
            self.rtx_deadline = None
            self.rtx_count = 0


    # ---- the replay's side: which segments could this host send now? ---------------------------
    def could_send(self, seg: Segment) -> list[tuple["Host", str]]:
        """Every configuration this host can be in after sending ``seg`` now, with the reason
        it may send it; empty if no RFC 9293 host in this configuration could send it (then
        :attr:`why` holds a short code saying why not).

        Allowed: a RST the host owes (3.5.2) or an ABORT's RST (3.10.5), possibly carrying data
        (RFC 1122 4.2.2.12) but never SYN or FIN; a SYN from CLOSED, LISTEN or TIME-WAIT (an
        implicit OPEN, the ISS free) or a SYN retransmission; a SYN,ACK while our SYN is
        unacknowledged; a pure ACK at SND.NXT; a keep-alive probe (3.8.4); a retransmission of
        unacknowledged sequence space; new data where SEND segmentizes it and a FIN at SND.NXT
        where CLOSE forms one (both possibly implicit). Every segment after the peer's SYN
        carries ACK=RCV.NXT.
        """
        self.why = None
        if seg.flags & RST:
            out = []
            for i, owed in enumerate(self.owed):
                if owed.matches(seg):
                    h = self.clone()
                    del h.owed[i]
                    out.append((h, "reply-rst"))
                    break
            if (self.state in ABORT_RST and self.snd_nxt is not None and seg.seq == self.snd_nxt
                    and not seg.flags & (SYN | FIN)
                    and (not seg.flags & ACK or seg.ack == self.rcv_nxt)):
                h = self.clone()
                h._delete_tcb()
                out.append((h, "abort"))
            if not out:
                plain = Segment(seg.sender, seg.send_time, None, seg.flags & ~(SYN | FIN), seg.seq,
                                seg.ack, seg.win, seg.length)
                self.why = "rst-with-syn-or-fin" if seg.flags & (SYN | FIN) and self.could_send(plain) \
                    else "rst-unexpected"
            return out
        h = self.clone()
        role = h._commit(seg)
        if role is None:
            self.why = h.why
            return []
        if not seg.flags & (SYN | RST):
            h.sent_plain = True
        if role != "keepalive":
            h.ka_fired = False
        if seg.win is not None and h.state is not S.CLOSED:
            h.rcv_wnd = window_of(seg, h.rcv_shift)  # RCV.WND = SEG.WND << Rcv.Wind.Shift
        return [(h, role)]

    def _bind_iss(self, seq: int, length: int = 0, offer: int | None = None) -> None:
        """The ISS from our first SYN (or SYN,ACK) in the trace, and its window scale offer."""
        self.iss = self.snd_una = seq
        self.snd_nxt = add(seq, 1 + length)
        self.ws_sent = offer
        self._scaling()

    def _no(self, why: str) -> None:
        self.why = why
        return None

    def _commit(self, seg: Segment) -> str | None:
        f = seg.flags
        st = self.state
        seq, n = seg.seq, seg.length
        if f & SYN:
            if f & FIN:  # OPEN forms <SEQ=ISS><CTL=SYN>; no CLOSE can add a FIN to it
                return self._no("synack-with-fin" if f & ACK else "syn-with-fin")
            if f & ACK:
                # <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (3.10.7.2/3), or its retransmission while
                # the SYN is unacknowledged (3.10.8)
                if self.rcv_nxt is None or st in (S.CLOSED, S.LISTEN, S.SYN_SENT):
                    return self._no("synack-without-syn")
                if n:
                    return self._no("synack-with-data")
                if seg.ack != self.rcv_nxt:
                    return self._no("ack-wrong")
                if self.iss is None:
                    if self.iss_floor is not None and lt(seq, self.iss_floor):
                        return self._no("iss-not-above-old")  # 3.6.1 MAY-2 (1)
                    self._bind_iss(seq, 0, shift_offered(seg))
                    return "synack"
                if seq != self.iss:
                    return self._no("syn-not-iss")
                if self.snd_una != self.iss:
                    return self._no("syn-acked")
                return "retransmission"
            role = "syn"
            if st is S.TIME_WAIT:  # the 2 MSL timeout has run out (not shown), then OPEN
                self._delete_tcb()
                st = S.CLOSED
                role = "syn-after-timewait"
            if st is S.CLOSED or st is S.LISTEN:
                self._delete_tcb(S.SYN_SENT)
                self.passive = False
                self._bind_iss(seq, n, shift_offered(seg))
                return role
            if st is S.SYN_SENT:
                if self.iss is None:
                    self._bind_iss(seq, n, shift_offered(seg))
                    return role
                return "retransmission" if seq == self.iss else self._no("syn-not-iss")
            return self._no("syn-in-state")
        if st in (S.CLOSED, S.LISTEN, S.SYN_SENT) or self.snd_nxt is None:
            return self._no("not-synchronized")
        if not f & ACK or seg.ack is None:
            return self._no("ack-missing")
        if seg.ack != self.rcv_nxt:
            return self._no("ack-wrong")
        fin = bool(f & FIN)
        nxt, una = self.snd_nxt, self.snd_una
        idle = una == nxt
        if not fin and n <= 1 and idle and seq == add(nxt, -1) and st in KEEPALIVE and (
                seq != self.iss or self.sent_plain or self.ka_fired):
            return "keepalive"  # 3.8.4: SND.NXT-1 with zero or one garbage octet
        if not n and not fin:
            if seq == nxt:
                return "ack"
            if self.rewind is not None and seq == self.rewind:
                return "rewound-ack"
            return self._no("seq-wrong")
        if not gt(seq, self.iss):
            return self._no("data-at-iss")  # the ISS is the SYN's; data starts at ISS+1
        end = add(seq, n)
        fend = add(end, fin)
        if le(fend, una):
            return self._no("retransmit-acked")
        if gt(seq, nxt):
            return self._no("seq-gap")
        if self.fin_seq is not None:  # after our FIN: only retransmissions up to it
            if fin and end != self.fin_seq:
                return self._no("fin-moved")
            if gt(end, self.fin_seq):
                return self._no("data-after-fin")
            self._mark_retransmission(fend)
            return "retransmission"
        if fin and lt(end, nxt):
            return self._no("fin-inside-sent-data")  # a new FIN sits at SND.NXT (3.10.4)
        if gt(end, nxt) and not (st in SENDING or (self.close_queued and st in CLOSE_QUEUED)):
            return self._no("data-not-allowed")  # new data only where SEND segmentizes it
        if fin:
            if self.close_queued and st in CLOSE_QUEUED:
                pass
            elif st is S.ESTABLISHED or (st is S.SYN_RECEIVED and not self.unsent and not n):
                self.state = S.FIN_WAIT_1  # implicit CLOSE (3.10.4)
            elif st is S.CLOSE_WAIT:
                self.state = S.LAST_ACK
            else:
                return self._no("fin-not-allowed")
            self.fin_seq = end
            self.close_queued = False
        if gt(fend, nxt):
            self.unsent = max(0, self.unsent - diff(end, nxt))
            self.snd_nxt = fend
            self.rewind = None
            return "new"
        self._mark_retransmission(fend)
        return "retransmission"

    def _mark_retransmission(self, end: int) -> None:
        # After retransmitting, BSD-derived stacks send pure ACKs from where the retransmission
        # ended (they rewind SND.NXT, "go-back-N").
        if lt(end, self.snd_nxt):
            self.rewind = end

    def apply_call(self, call: Call) -> str | None:
        """A user call in the replay: the TCB changes as 3.10.1-3.10.5 say, nothing is sent
        here (the trace shows what was). Returns the RFC's error, if any."""
        kind = call.call
        try:
            if kind is CallKind.LISTEN:
                self.listen()
            elif kind is CallKind.CONNECT:
                self.connect()
            elif kind is CallKind.SEND:
                self.send(call.nbytes)
            elif kind in (CallKind.CLOSE, CallKind.SHUTDOWN):
                self.close()
            else:
                self.abort()
        except CallError as err:
            return str(err)
        return None

    def timer_running(self, timer: Timer) -> bool:
        """Could ``timer`` expire now? (3.10.8; the keep-alive timer of 3.8.4.) Sets :attr:`why`."""
        st = self.state
        self.why = "timer-not-running"
        if timer is Timer.TIME_WAIT:
            return st is S.TIME_WAIT
        if timer is Timer.RETRANSMISSION:
            if st in (S.SYN_SENT, S.SYN_RECEIVED) and self.iss is None:
                self.why = "timer-nothing-sent"  # the SYN (SYN,ACK) has not been sent yet
                return False
            # something on the retransmission queue, or a FIN that CLOSE queued but the window
            # held back (the persist timer's job, which the trace model folds in)
            return st in (S.SYN_SENT, S.SYN_RECEIVED) or (
                self.snd_una is not None and self.snd_una != self.snd_nxt) or self.close_queued
        if timer is Timer.KEEPALIVE:
            return st in SYNC and st is not S.TIME_WAIT
        return st is not S.CLOSED  # USER

SEND_CLOSING = frozenset({S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSING, S.LAST_ACK, S.TIME_WAIT})




# =================================================================================================
# The driver: two hosts on one timeline
# =================================================================================================

SCENARIOS = (
    "client-server", "server-first-close", "simultaneous-open", "simultaneous-close",
    "half-close", "abort", "closed-port", "crash", "crash-reconnect", "crash-handshake",
    "give-up", "listen-close", "server-abandons", "reconnect", "bulk",
)


@dataclass(slots=True)
class Snapshot:
    """The simulator's view right after one trace event, keyed as the checker's steps are:
    ``kind`` (send, arrive, call, timeout, crash) and the event's index in ``trace.events``.
    ``tcb`` is, for an arrival, the receiver's (IRS, SND.UNA, RCV.NXT) -- the variables its
    replies cannot change."""

    kind: str
    event: int
    host: str
    states: tuple[State, State]
    tcb: tuple | None = None


@dataclass(slots=True)
class Simulation:
    trace: Trace
    snapshots: list[Snapshot]
    hosts: dict[str, Host]
    initial: tuple[State, State]
    scenario: str
    notes: list[str] = field(default_factory=list)

    @property
    def final(self) -> tuple[State, State]:
        return (self.hosts["A"].state, self.hosts["B"].state)


class _Driver:
    """Runs two hosts event by event, in the order the trace model defines: by time; at one
    instant arrivals first, then user calls and timeouts, then sends in file order. Every
    instant is used once (integer microseconds), so both orders agree trivially."""

    def __init__(self, rng: random.Random, scenario: str, max_events: int, loss: float,
                 omit_calls: float, claims: float, data: tuple[int, int], iss_wrap: float,
                 keepalive: bool | None):
        self.rng = rng
        self.scenario = scenario
        self.max_events = max_events
        self.loss = loss
        self.omit_calls = omit_calls
        self.claims = claims
        self.data = data
        self.iss_wrap = iss_wrap
        self.keepalive = keepalive
        self.wscale = 0.0  # the chance that a host offers window scaling (set by simulate())
        self.events: list = []
        self.snapshots: list[Snapshot] = []
        self.arrivals: list[tuple[int, int, Segment]] = []  # heap: (time, event index, segment)
        self.used: set[int] = set()
        self.now_us = 0
        self.notes: list[str] = []
        self.crash: dict | None = None

    # -- time ------------------------------------------------------------------------------------
    def slot(self, t: float) -> int:
        us = max(int(round(t * 1_000_000)), self.now_us + 1)
        while us in self.used:
            us += 1
        self.used.add(us)
        return us

    @property
    def now(self) -> float:
        return self.now_us / 1_000_000

    def _advance(self, t_us: int) -> None:
        self.now_us = t_us
        for h in self.hosts.values():
            h.now = t_us / 1_000_000

    def pick_iss(self, host: Host) -> int:
        """3.4.1 leaves the ISS to the host; bias some toward the wrap at 2**32."""
        r = self.rng.random()
        if r < self.iss_wrap:
            return (MASK - self.rng.randrange(0, 3 * host.mss)) & MASK
        if r < self.iss_wrap + 0.05:
            return self.rng.choice((0, 1, MASK))
        return self.rng.randrange(0, 1 << 32)

    # -- recording -------------------------------------------------------------------------------
    def snap(self, kind: str, event: int, host: Host, tcb: tuple | None = None) -> None:
        a, b = self.hosts["A"], self.hosts["B"]
        self.snapshots.append(Snapshot(kind, event, host.name, (a.state, b.state), tcb))

    def emit(self, host: Host, segs: list[Segment]) -> None:
        """Put segments on the wire: record each send, then schedule its arrival or lose it."""
        rng = self.rng
        for seg in segs:
            seg.send_time = self.now
            if not seg.flags & (SYN | RST):
                host.sent_plain = True  # emitted, not merely formed (the replay forms replies too)
            idx = len(self.events)
            self.events.append(seg)
            self.snap("send", idx, host)
            if self.claims and rng.random() < self.claims:
                seg.claims = {host.name: host.state}
            if self.loss and rng.random() < self.loss:
                continue
            lo, hi = self.delay
            at = self.slot(self.now + rng.uniform(lo, hi))
            heapq.heappush(self.arrivals, (at, idx, seg))
            seg.arrive_time = at / 1_000_000

    def record(self, ev, host: Host) -> None:
        idx = len(self.events)
        self.events.append(ev)
        kind = "call" if isinstance(ev, Call) else "timeout" if isinstance(ev, Timeout) else "crash"
        self.snap(kind, idx, host)
        if self.claims and self.rng.random() < self.claims:
            ev.claims = {host.name: host.state}

    # -- set-up ----------------------------------------------------------------------------------
    def _make_host(self, name: str, mss: int, options: TraceOptions, msl: float) -> Host:
        rng = self.rng
        ka = self.keepalive if self.keepalive is not None else rng.random() < 0.3
        lo, hi = self.delay
        host = Host(
            name, mss=mss, rcv_wnd=rng.choice((65535, 4 * mss, 8 * mss + 123)),
            delay_acks=rng.random() < 0.4, rfc5961=options.rfc5961,
            abort_with_ack=rng.random() < 0.5, fin_with_data=rng.random() < 0.3,
            synrcvd_resend_synack=rng.random() < 0.5, timewait_reopen=rng.random() < 0.5,
            syn_reset=options.rfc5961 and rng.random() < 0.3,
            rto=2.5 * hi + rng.uniform(0.05, 0.5), max_retries=rng.choice((3, 5, 8)),
            msl=msl, dack_delay=rng.uniform(0.02, 0.2),
            keepalive_idle=rng.uniform(1.0, 3.0) if ka else None,
            iss_source=self.pick_iss)
        if self.wscale and rng.random() < self.wscale:
            # RFC 7323: offer a shift (at most 14, 2.3), with a buffer worth scaling; a buffer
            # too small for the shift would advertise a zero window for good.
            host.wscale = rng.choice((0, 1, 7, 14))
            used = min(host.wscale, MAX_SHIFT)
            host.buffer = max(rng.choice((65535, 200_000, 1_000_000)), (2 * mss) << used)
            host.rcv_wnd = min(host.buffer, 0xFFFF)
        return host

    def _plans(self) -> dict[str, list]:
        rng = self.rng
        sc = self.scenario
        lo, hi = self.data

        def sends(at_least: int = 0) -> list:
            return [("send", rng.randint(lo, hi)) for _ in range(rng.randint(at_least, 3))]

        a: list = [("connect",)]
        b: list = []
        if sc == "bulk":
            a += [("send", rng.randint(lo, hi)) for _ in range(rng.randint(5, 12))] + [("close",)]
            b = [("wait", "established")] + sends() + [("wait", "close-wait"), ("close",)]
        elif sc == "long":  # one long connection, data both ways (benchmarks)
            a += [("send", rng.randint(lo, hi)) for _ in range(self.long_sends)] + [("close",)]
            b = [("wait", "established")] + [("send", rng.randint(lo, hi)) for _ in range(self.long_sends // 2)] \
                + [("wait", "close-wait"), ("close",)]
        elif sc == "closed-port":
            if rng.random() < 0.5:
                a += [("wait", "closed"), ("connect",)]
        elif sc == "give-up":  # CLOSE in SYN-SENT (3.10.4), perhaps try again
            a += [("close-early",), ("wait", "closed"), ("connect",)] + sends() + [("close",)]
            b = [("wait", "established"), ("wait", "close-wait"), ("close",)] * 2
        elif sc == "listen-close":  # CLOSE in LISTEN, listen again later
            a += [("wait", "closed"), ("connect",)] + sends() + [("close",)]
            b = [("close-early",), ("listen",), ("wait", "established"), ("wait", "close-wait"),
                 ("close",)]
        elif sc == "server-abandons":  # CLOSE in SYN-RECEIVED: a FIN right after the SYN,ACK
            a += sends() + [("wait", "close-wait"), ("close",)]
            b = [("close-synrcvd",)]
        elif sc == "reconnect":  # a new connection while the peer is still in TIME-WAIT
            a += sends() + [("wait", "close-wait"), ("close",), ("wait", "closed"),
                            ("connect", "above-peer")] + sends() + [("close",)]
            b = [("wait", "established")] + sends() + [("close",), ("wait", "established"),
                                                       ("wait", "close-wait"), ("close",)]
        else:
            if sc == "simultaneous-open":
                b = [("connect",)]
            a += sends()
            b += [("wait", "established")] + sends()
            if sc == "server-first-close":
                b += [("close",)]
                a += [("wait", "close-wait"), ("close",)]
            elif sc == "simultaneous-close":
                a += [("sync-close",)]
                b += [("sync-close",)]
            elif sc == "abort":
                who = a if rng.random() < 0.5 else b
                if rng.random() < 0.5:
                    who.insert(rng.randint(1, len(who)), ("abort",))
                else:
                    who.append(("abort",))
            else:
                a += [("close",)]
                b += [("wait", "close-wait")] + sends(1 if sc == "half-close" else 0) + [("close",)]
        if sc in ("crash", "crash-reconnect", "crash-handshake"):
            handshake = sc == "crash-handshake"
            self.crash = {"victim": "A" if handshake else rng.choice("AB"), "at": None,
                          "after": rng.uniform(0.0, 0.05) if handshake else rng.uniform(0.05, 1.5),
                          "reconnect": sc != "crash", "handshake": handshake}
        return {"A": a, "B": b}

    # -- the run ---------------------------------------------------------------------------------
    def run(self) -> Simulation:
        rng = self.rng
        sc = self.scenario
        mss = rng.choice((536, 1000, 1460))
        options = TraceOptions(msl=rng.choice((None, 0.5, 1.0)), rfc5961=rng.random() < 0.8)
        msl = (options.msl or 1.0) + 0.001
        dmin = rng.uniform(0.005, 0.05)
        self.delay = (dmin, dmin + rng.uniform(0.0, 0.2))
        self.hosts = {"A": self._make_host("A", mss, options, msl),
                      "B": self._make_host("B", mss, options, msl)}
        a, b = self.hosts["A"], self.hosts["B"]
        specs = {"A": HostSpec("A"), "B": HostSpec("B")}
        agendas = self._plans()
        self.plans = {name: {"agenda": ag, "at": None, "tries": 0} for name, ag in agendas.items()}
        passive = sc not in ("simultaneous-open", "closed-port")
        if sc == "simultaneous-open" and rng.random() < 0.3:
            self.plans["B"]["agenda"].insert(0, ("listen",))  # then connect(): LISTEN -> SYN-SENT
            self.socket = False
        if passive:
            self.socket = rng.random() < 0.5 or sc == "reconnect"  # a server's listening socket outlives connections
            if rng.random() < 0.5 and sc != "listen-close":
                specs["B"].role = "server"  # listen() before the trace starts
                b.listen()
                b.listening_socket = self.socket
            else:
                self.plans["B"]["agenda"].insert(0, ("listen",))
        initial = (a.state, b.state)
        for name in ("A", "B"):
            if self.plans[name]["agenda"]:
                self.plans[name]["at"] = self.slot(rng.uniform(0.0, 0.05))
        budget = self.max_events
        spins = 0
        while spins < 40 * budget + 1000:
            spins += 1
            over = len(self.events) >= budget
            if over and (not self.arrivals or len(self.events) >= budget + 40):
                break
            cand = []
            if self.arrivals:
                cand.append((self.arrivals[0][0], 0, "arrive", None))
            if not over:
                for h in (a, b):
                    nt = h.next_timer()
                    if nt is not None:
                        cand.append((self._timer_slot(h, nt), 1, "timer", h))
                    plan = self.plans[h.name]
                    if plan["at"] is not None and plan["agenda"]:
                        cand.append((plan["at"], 1, "user", h))
                if self.crash is not None and self.crash["at"] is not None:
                    cand.append((self.crash["at"], 1, "crash", self.hosts[self.crash["victim"]]))
            if not cand:
                break
            t, _, what, h = min(cand, key=lambda c: (c[0], c[1]))
            if what == "arrive":
                self._step_arrival()
            elif what == "timer":
                self._step_timer(h, t)
            elif what == "crash":
                self._step_crash(h, t)
            else:
                self._step_user(h, t)
        for _, _, seg in self.arrivals:  # still in flight when the trace stops: never arrives
            seg.arrive_time = None
        trace = Trace(hosts=specs, events=self.events, options=options,
                      title={"en": f"simulated: {sc}"})
        return Simulation(trace, self.snapshots, self.hosts, initial, sc, self.notes)

    def _timer_slot(self, h: Host, nt) -> int:
        cache = self.__dict__.setdefault("_timer_cache", {})
        key = (h.name, nt[0], nt[1])
        slot = cache.get(h.name)
        if slot is None or slot[0] != key:
            slot = (key, self.slot(nt[0]))
            cache[h.name] = slot
        return slot[1]

    # -- steps -----------------------------------------------------------------------------------
    def _step_arrival(self) -> None:
        t, idx, seg = heapq.heappop(self.arrivals)
        self._advance(t)
        h = self.hosts[seg.receiver]
        replies = h.on_arrival(seg)
        self.snap("arrive", idx, h, (h.irs, h.snd_una, h.rcv_nxt) if h.state is not S.CLOSED else None)
        if self.claims and self.rng.random() < self.claims:
            seg.claims = dict(seg.claims or {})
            seg.claims[h.name] = h.state
        self.emit(h, replies)
        crash = self.crash
        if crash is not None and crash["at"] is None and not crash["handshake"] \
                and self.hosts[crash["victim"]].state in SYNC:
            crash["at"] = self.slot(self.now + crash["after"])

    def _step_timer(self, h: Host, t: int) -> None:
        self._advance(t)
        kind = h.next_timer()[1]
        rng = self.rng
        if kind == "delayed-ack":
            self.emit(h, h.flush_ack())
        elif kind is Timer.RETRANSMISSION:
            if rng.random() < 0.6:
                self.record(Timeout(h.name, self.now, kind), h)
            self.emit(h, h.retransmit())
        elif kind is Timer.KEEPALIVE:
            # A probe at SEQ=ISS needs its timer shown (see Host._delete_tcb).
            if rng.random() < 0.6 or not h.sent_plain:
                self.record(Timeout(h.name, self.now, kind), h)
            self.emit(h, h.keepalive())
        elif kind is Timer.TIME_WAIT:
            h.time_wait_timeout()
            self.record(Timeout(h.name, self.now, kind), h)
        else:  # USER: retransmissions or keep-alives went unanswered too long (3.8.3, 3.8.4)
            h.user_timeout()
            self.record(Timeout(h.name, self.now, Timer.USER), h)
            self.plans[h.name]["agenda"] = []  # the application gives up

    def _step_crash(self, h: Host, t: int) -> None:
        self._advance(t)
        crash, self.crash = self.crash, None
        if h.state is S.CLOSED or h.state is S.LISTEN:
            return
        h.crash()
        self.record(Crash(h.name, self.now), h)
        self.notes.append(f"crash {h.name}")
        plan = self.plans[h.name]
        plan["agenda"] = []
        plan["at"] = None
        if crash["reconnect"]:
            plan["agenda"] = [("connect",), ("close",)]
            plan["at"] = self.slot(self.now + self.rng.uniform(0.1, 0.8))
            peer = self.hosts[peer_of(h.name)]
            if self.rng.random() < 0.4 or crash["handshake"]:
                # Choose an ISS inside the peer's receive window, so that the new SYN is
                # in-window there (RFC 5961 section 4 / RFC 793 reset behaviour).
                def near(host: Host, peer=peer, rng=self.rng) -> int:
                    host.iss_source = self.pick_iss
                    if peer.rcv_nxt is None:
                        return self.pick_iss(host)
                    return add(peer.rcv_nxt, rng.randrange(0, max(1, peer.rcv_wnd)))
                h.iss_source = near

    def _ready(self, h: Host, item: tuple) -> bool | None:
        """True: do it now; False: wait; None: it cannot happen any more (drop it)."""
        st = h.state
        op = item[0]
        if op == "listen":
            return st is S.CLOSED
        if op == "connect":
            return st is S.CLOSED or st is S.LISTEN  # LISTEN: active OPEN (3.10.1)
        if op == "wait":
            want = item[1]
            if want == "closed":
                return st is S.CLOSED
            if want == "established":
                return st in SYNC
            if want == "close-wait":
                if st is S.CLOSE_WAIT:
                    return True
                return None if st in (S.CLOSED, S.LAST_ACK, S.CLOSING, S.TIME_WAIT) else False
        if op == "send":
            if st in SENDING or st is S.SYN_SENT:
                return True
            return None if st is S.CLOSED or st in SEND_CLOSING else False
        if op == "close":
            if st in (S.ESTABLISHED, S.CLOSE_WAIT):
                return True
            return None if st is S.CLOSED or st in SEND_CLOSING else False
        if op == "close-synrcvd":
            if st is S.LISTEN:
                return False
            op = "close-early"
        if op == "close-early":
            if st is S.SYN_RECEIVED:
                return True
            if st in (S.SYN_SENT, S.LISTEN, S.ESTABLISHED, S.CLOSE_WAIT):
                return True
            return None if st is S.CLOSED or st in SEND_CLOSING else False
        if op == "sync-close":
            other = self.hosts[peer_of(h.name)]
            if st is S.CLOSE_WAIT:
                return True  # the peer was first after all
            if st is not S.ESTABLISHED:
                return None if st is S.CLOSED or st in SEND_CLOSING else False
            if item[1:] == ("now",):
                return True
            pending = any(i[0] == "send" for i in self.plans[other.name]["agenda"])
            return other.state is S.ESTABLISHED and not h.unsent and not other.unsent and not pending
        if op == "abort":
            return None if st is S.CLOSED else True
        return None

    def _step_user(self, h: Host, t: int) -> None:
        self._advance(t)
        rng = self.rng
        plan = self.plans[h.name]
        agenda = plan["agenda"]
        item = agenda[0]
        ready = self._ready(h, item)
        if ready is None or (not ready and plan["tries"] > 80):
            agenda.pop(0)
            plan["tries"] = 0
            plan["at"] = self.slot(self.now + rng.uniform(0.01, 0.1)) if agenda else None
            return
        if not ready:
            plan["tries"] += 1
            plan["at"] = self.slot(self.now + rng.uniform(0.02, 0.3))
            return
        agenda.pop(0)
        plan["tries"] = 0
        op = item[0]
        omit = rng.random() < self.omit_calls
        before = h.state
        ev = None
        out: list[Segment] = []
        if op == "listen":
            out = h.listen()
            h.listening_socket = self.socket
            ev = Call(h.name, self.now, CallKind.LISTEN)
        elif op == "connect":
            peer = self.hosts[peer_of(h.name)]
            if item[1:] == ("above-peer",) and peer.rcv_nxt is not None:
                # a new ISS above what the peer (maybe in TIME-WAIT) has seen (3.6.1, MAY-2)
                h.iss_source = lambda host, n=peer.rcv_nxt, k=self.rng.randrange(1, 1 << 30): \
                    (setattr(host, "iss_source", self.pick_iss), add(n, k))[1]
            out = h.connect()
            if self.crash is not None and self.crash.get("handshake") and h.name == self.crash["victim"] \
                    and self.crash["at"] is None:
                self.crash["at"] = self.slot(self.now + self.crash["after"])
            ev = None if omit else Call(h.name, self.now, CallKind.CONNECT)
        elif op == "send":
            out = h.send(item[1])
            # SEND changes no state in ESTABLISHED/CLOSE-WAIT/SYN-SENT: always inferable
            ev = None if omit else Call(h.name, self.now, CallKind.SEND, item[1])
        elif op in ("close", "sync-close", "close-early", "close-synrcvd"):
            kind = CallKind.SHUTDOWN if rng.random() < 0.2 else CallKind.CLOSE
            out = h.close()
            # A CLOSE is inferable only from a FIN that is its first segment.
            inferable = bool(out) and bool(out[0].flags & FIN)
            ev = None if omit and inferable else Call(h.name, self.now, kind)
        elif op == "abort":
            out = h.abort()
            inferable = bool(out) and before in ABORT_RST
            ev = None if omit and inferable else Call(h.name, self.now, CallKind.ABORT)
        if ev is not None:
            self.record(ev, h)
        self.emit(h, out)
        if op == "sync-close":  # the peer closes (almost) at once, so that the FINs cross
            oplan = self.plans[peer_of(h.name)]
            if oplan["agenda"] and oplan["agenda"][0][0] == "sync-close":
                oplan["agenda"][0] = ("sync-close", "now")
                oplan["at"] = self.slot(self.now + rng.uniform(0.0, self.delay[0] / 2))
        gap = rng.uniform(0.0, 0.003) if op == "listen" and agenda and agenda[0][0] == "connect" \
            else rng.uniform(0.01, 0.4)
        plan["at"] = self.slot(self.now + gap) if agenda else None


def simulate(rng: random.Random, *, scenario: str | None = None, max_events: int = 120,
             loss: float | None = None, omit_calls: float | None = None, claims: float = 0.0,
             data: tuple[int, int] = (1, 4000), iss_wrap: float = 0.15,
             keepalive: bool | None = None, long_sends: int = 2000,
             wscale: float = 0.0) -> Simulation:
    """Generate a trace that two RFC 9293 hosts could produce, with the hosts' states after every
    event. ``scenario`` is one of :data:`SCENARIOS` (random when None); ``loss`` the chance that
    a segment is lost; ``omit_calls`` the chance that an inferable user call is left out of the
    trace; ``claims`` the chance that an event carries (correct) state claims. The ``long``
    scenario (not drawn at random) is one connection with ``long_sends`` SENDs from A.
    ``wscale`` is the chance that a host offers window scaling (RFC 7323) with a large buffer;
    at 0 no random number is drawn for it, so traces are those of earlier versions."""
    sc = scenario or rng.choice(SCENARIOS)
    if loss is None:
        loss = rng.choice((0.0, 0.0, 0.1, 0.25))
    if omit_calls is None:
        omit_calls = rng.choice((0.0, 0.5, 1.0))
    driver = _Driver(rng, sc, max_events, loss, omit_calls, claims, data, iss_wrap, keepalive)
    driver.long_sends = long_sends
    driver.wscale = wscale
    return driver.run()


# =================================================================================================
# Replay: is every segment of a trace one that its sender could have sent?
# =================================================================================================

@dataclass(slots=True)
class Explanation:
    """The result of :func:`explain`. ``valid`` is True when some run of RFC 9293 hosts produces
    the trace; otherwise ``event`` is the index (in ``trace.events``) of the first event no
    configuration of its host can explain, ``reason`` says why."""

    valid: bool
    event: int | None = None
    host: str | None = None
    reason: str = ""
    roles: dict[int, str] = field(default_factory=dict)
    code: str = ""  # why the event is unexplained: a short code (see Host.could_send)


def timeline(trace: Trace) -> list[tuple[str, str, int, object, float]]:
    """(kind, host, event index, event, time) in processing order: by time; at one instant
    arrivals first, then calls/timeouts/crashes, then sends in file order; a segment arriving
    at the instant it is sent arrives right after its own send."""
    items = []
    for i, ev in enumerate(trace.events):
        if isinstance(ev, Segment):
            t = ev.send_time
            items.append(((t, 2, i, 0), ("send", ev.sender, i, ev, t)))
            if ev.arrive_time is not None:
                at = max(ev.arrive_time, t)
                items.append(((at, 2, i, 1) if at == t else (at, 0, i, 0),
                              ("arrive", ev.receiver, i, ev, at)))
        else:
            kind = "call" if isinstance(ev, Call) else "timeout" if isinstance(ev, Timeout) else "crash"
            items.append(((ev.time, 1, i, 0), (kind, ev.host, i, ev, ev.time)))
    items.sort(key=lambda x: x[0])
    return [entry for _, entry in items]


def _initial_configs(trace: Trace, name: str) -> list[Host]:
    spec = trace.hosts.get(name)
    role = (spec.role or "").lower() if spec else ""
    states = [S.LISTEN] if role == "server" else [S.CLOSED] if role in ("client", "peer") else [S.CLOSED, S.LISTEN]
    out = []
    for st in states:
        h = Host(name, rfc5961=trace.options.rfc5961)
        h._delete_tcb(st)
        out.append(h)
    return out


def _arrival_readings(h: Host, seg: Segment, rfc5961: bool) -> list[Host]:
    """Every configuration ``h`` can be in after ``seg`` arrives: 3.10.7, plus the choices the
    RFC leaves to the host (a listening socket that outlives its connections; reopening from
    TIME-WAIT, 3.6.1 MAY-2; with or without the RFC 5961 mitigation when the trace allows both)."""
    out = []
    base = h.clone()
    base.on_arrival(seg)
    out.append(base)
    flags = seg.flags
    plain_syn = flags & SYN and not flags & (ACK | RST)
    if h.state is S.CLOSED and plain_syn and not h.listening_socket:
        alt = h.clone()
        alt.listening_socket = True
        alt.on_arrival(seg)
        alt.listening_socket = False
        out.append(alt)
    if h.state is S.TIME_WAIT and plain_syn and not h.timewait_reopen and h.rcv_nxt is not None \
            and gt(seg.seq, h.rcv_nxt):
        alt = h.clone()
        alt.timewait_reopen = True
        alt.on_arrival(seg)
        alt.timewait_reopen = False
        out.append(alt)
    if rfc5961 and flags & (SYN | RST) and (h.state in SYNC or h.state is S.SYN_RECEIVED):
        alt = h.clone()
        alt.rfc5961 = False
        alt.on_arrival(seg)
        alt.rfc5961 = True
        out.append(alt)
    return out


def _dedupe(hosts: list[Host], limit: int) -> list[Host]:
    seen = set()
    out = []
    for h in hosts:
        k = h.key() + (h.rcv_wnd,)
        if k not in seen:
            seen.add(k)
            out.append(h)
            if len(out) >= limit:
                break
    return out


def explain(trace: Trace, *, limit: int = 64) -> Explanation:
    """Replay ``trace`` through nondeterministic RFC 9293 hosts (see :meth:`Host.could_send` and
    :func:`_arrival_readings`) and say whether every event is explained."""
    if any(spec.initial is not None for spec in trace.hosts.values()):
        return Explanation(False, None, None, "declared initial TCBs are not supported")
    configs = {n: _initial_configs(trace, n) for n in ("A", "B")}
    rfc5961 = trace.options.rfc5961
    roles: dict[int, str] = {}
    for kind, host, idx, ev, t in timeline(trace):
        current = configs[host]
        for h in current:
            h.now = t
        nxt: list[Host] = []
        if kind == "send":
            if ev.old_duplicate:
                continue
            if ev.arrive_time is not None and ev.arrive_time < ev.send_time:
                return Explanation(False, idx, host, "arrives before it is sent", roles,
                                   "arrival-before-send")
            for h in current:
                for succ, role in h.could_send(ev):
                    nxt.append(succ)
                    roles.setdefault(idx, role)
            if not nxt:
                states = sorted({h.state.value for h in current})
                code = ",".join(sorted({h.why or "?" for h in current}))
                return Explanation(False, idx, host, f"no {'/'.join(states)} host could send it ({code})",
                                   roles, code)
        elif kind == "arrive":
            for h in current:
                nxt.extend(_arrival_readings(h, ev, rfc5961))
        elif kind == "call":
            for h in current:
                h.apply_call(ev)
                nxt.append(h)
        elif kind == "timeout":
            for h in current:
                if h.timer_running(ev.timer):
                    if ev.timer in (Timer.TIME_WAIT, Timer.USER):
                        h._delete_tcb()
                    elif ev.timer is Timer.KEEPALIVE:
                        h.ka_fired = True
                    nxt.append(h)
            if not nxt:
                code = ",".join(sorted({h.why or "?" for h in current}))
                return Explanation(False, idx, host, f"the {ev.timer.value} timer is not running ({code})",
                                   roles, code)
        else:
            for h in current:
                h.crash()
                nxt.append(h)
        configs[host] = _dedupe(nxt, limit)
    return Explanation(True, roles=roles)


def expected_reply(trace: Trace, host: str, upto: int | None = None) -> list[Segment]:
    """What ``host`` is expected to send after the first ``upto`` events of ``trace`` (all when
    None): the replies 3.10.7 calls for to the last segment that reached it and that it has not
    answered yet (RST, ACK, SYN,ACK ...), in the first reading that explains the prefix.
    ``seq`` is None where the value is the host's free choice (its ISS)."""
    prefix = Trace(hosts=trace.hosts, events=trace.events[:upto] if upto is not None else trace.events,
                   options=trace.options)
    hosts = {n: _initial_configs(prefix, n)[0] for n in ("A", "B")}
    pending: list[Segment] = []
    for kind, name, idx, ev, t in timeline(prefix):
        h = hosts[name]
        h.now = t
        if kind == "send":
            if ev.old_duplicate:
                continue
            options = h.could_send(ev)
            if options:
                hosts[name] = options[0][0]
            if name == host:
                pending = []
        elif kind == "arrive":
            replies = h.on_arrival(ev)
            if name == host:
                pending = replies
        elif kind == "call":
            h.apply_call(ev)
        elif kind == "timeout":
            if ev.timer in (Timer.TIME_WAIT, Timer.USER):
                h._delete_tcb()
        else:
            h.crash()
            if name == host:
                pending = []
    return pending
