"""The edges of RFC 9293's state diagram (Figure 5, with its notes), as data.

Every state change the engine makes names one of these ids, so that a checked step can be
drawn on the diagram. ``event`` and ``action`` are the figure's own words (``rcv SYN`` /
``snd SYN,ACK``); they are protocol notation, the same in every language. ``in_figure`` is
False for the transitions the figure leaves out for legibility (notes 2 and 3, 3.10).
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.states import State as S


@dataclass(frozen=True, slots=True)
class Transition:
    id: str
    source: S | None  # None: from any state listed in ``sources``
    target: S
    event: str
    action: str
    rfc: str
    in_figure: bool = True


_T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    _T("passive-open", S.CLOSED, S.LISTEN, "passive OPEN", "create TCB", "9293 3.10.1"),
    _T("active-open", S.CLOSED, S.SYN_SENT, "active OPEN", "create TCB, snd SYN", "9293 3.10.1"),
    _T("listen-close", S.LISTEN, S.CLOSED, "CLOSE", "delete TCB", "9293 3.10.4"),
    _T("listen-send", S.LISTEN, S.SYN_SENT, "SEND", "snd SYN", "9293 3.10.2"),
    _T("listen-rcv-syn", S.LISTEN, S.SYN_RECEIVED, "rcv SYN", "snd SYN,ACK", "9293 3.10.7.2"),
    _T("synsent-close", S.SYN_SENT, S.CLOSED, "CLOSE", "delete TCB", "9293 3.10.4"),
    _T("synsent-rcv-syn", S.SYN_SENT, S.SYN_RECEIVED, "rcv SYN", "snd SYN,ACK", "9293 3.10.7.3"),
    _T("synsent-rcv-synack", S.SYN_SENT, S.ESTABLISHED, "rcv SYN,ACK", "snd ACK", "9293 3.10.7.3"),
    _T("synrcvd-rcv-ack", S.SYN_RECEIVED, S.ESTABLISHED, "rcv ACK of SYN", "x", "9293 3.10.7.4"),
    _T("synrcvd-rcv-rst", S.SYN_RECEIVED, S.LISTEN, "rcv RST", "x", "9293 3.10.7.4"),
    _T("synrcvd-close", S.SYN_RECEIVED, S.FIN_WAIT_1, "CLOSE", "snd FIN", "9293 3.10.4"),
    _T("estab-close", S.ESTABLISHED, S.FIN_WAIT_1, "CLOSE", "snd FIN", "9293 3.10.4"),
    _T("estab-rcv-fin", S.ESTABLISHED, S.CLOSE_WAIT, "rcv FIN", "snd ACK", "9293 3.10.7.4"),
    _T("finwait1-rcv-ack", S.FIN_WAIT_1, S.FIN_WAIT_2, "rcv ACK of FIN", "x", "9293 3.10.7.4"),
    _T("finwait1-rcv-fin", S.FIN_WAIT_1, S.CLOSING, "rcv FIN", "snd ACK", "9293 3.10.7.4"),
    _T("finwait1-rcv-finack", S.FIN_WAIT_1, S.TIME_WAIT, "rcv FIN + ACK of FIN", "snd ACK",
       "9293 3.10.7.4", in_figure=False),
    _T("finwait2-rcv-fin", S.FIN_WAIT_2, S.TIME_WAIT, "rcv FIN", "snd ACK", "9293 3.10.7.4"),
    _T("closewait-close", S.CLOSE_WAIT, S.LAST_ACK, "CLOSE", "snd FIN", "9293 3.10.4"),
    _T("closing-rcv-ack", S.CLOSING, S.TIME_WAIT, "rcv ACK of FIN", "x", "9293 3.10.7.4"),
    _T("lastack-rcv-ack", S.LAST_ACK, S.CLOSED, "rcv ACK of FIN", "x", "9293 3.10.7.4"),
    _T("timewait-timeout", S.TIME_WAIT, S.CLOSED, "Timeout=2MSL", "delete TCB", "9293 3.10.8"),
    # Not drawn in Figure 5 (notes 2 and 3), but part of 3.10:
    _T("synrcvd-rcv-syn", S.SYN_RECEIVED, S.LISTEN, "rcv SYN", "x", "9293 3.10.7.4",
       in_figure=False),
    _T("timewait-rcv-syn", S.TIME_WAIT, S.SYN_RECEIVED, "rcv SYN", "snd SYN,ACK", "9293 3.6.1",
       in_figure=False),
    _T("rcv-rst", None, S.CLOSED, "rcv RST", "delete TCB", "9293 3.5.3", in_figure=False),
    _T("rcv-syn-reset", None, S.CLOSED, "rcv SYN in window", "snd RST", "9293 3.10.7.4",
       in_figure=False),
    _T("abort", None, S.CLOSED, "ABORT", "snd RST", "9293 3.10.5", in_figure=False),
    _T("user-timeout", None, S.CLOSED, "USER TIMEOUT", "delete TCB", "9293 3.10.8",
       in_figure=False),
    _T("crash", None, S.CLOSED, "crash / reboot", "TCB lost", "9293 3.5.1", in_figure=False),
    _T("close-delete", None, S.CLOSED, "CLOSE / ABORT", "delete TCB", "9293 3.10.4",
       in_figure=False),
)

BY_ID: dict[str, Transition] = {t.id: t for t in TRANSITIONS}
