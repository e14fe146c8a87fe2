"""The eleven connection states of RFC 9293 section 3.3.2, spelled as the RFC spells them."""

from __future__ import annotations

from enum import Enum


class State(str, Enum):
    CLOSED = "CLOSED"
    LISTEN = "LISTEN"
    SYN_SENT = "SYN-SENT"
    SYN_RECEIVED = "SYN-RECEIVED"
    ESTABLISHED = "ESTABLISHED"
    FIN_WAIT_1 = "FIN-WAIT-1"
    FIN_WAIT_2 = "FIN-WAIT-2"
    CLOSE_WAIT = "CLOSE-WAIT"
    CLOSING = "CLOSING"
    LAST_ACK = "LAST-ACK"
    TIME_WAIT = "TIME-WAIT"

    def __str__(self) -> str:  # "SYN-SENT", not "State.SYN_SENT"
        return self.value

    @classmethod
    def parse(cls, text: str) -> "State":
        """Accept the RFC spelling and the common variants (``SYN_SENT``, ``syn-rcvd``, ``ESTAB``).

        Raises ``ValueError`` for anything else (notably the myth ``SYN_SEND``).
        """
        key = text.strip().upper().replace("_", "-")
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise ValueError(f"unknown TCP state {text!r}") from None


_ALIASES = {
    "SYN-RCVD": "SYN-RECEIVED",
    "SYN-RECV": "SYN-RECEIVED",
    "ESTAB": "ESTABLISHED",
    "FIN-WAIT1": "FIN-WAIT-1",
    "FIN-WAIT2": "FIN-WAIT-2",
    "FINWAIT-1": "FIN-WAIT-1",
    "FINWAIT-2": "FIN-WAIT-2",
    "CLOSEWAIT": "CLOSE-WAIT",
    "LASTACK": "LAST-ACK",
    "TIMEWAIT": "TIME-WAIT",
    "TIME-WAIT-2MSL": "TIME-WAIT",
}

#: States in which both sides' sequence numbers are known (RFC 9293 3.5.2, group 3).
SYNCHRONIZED = frozenset({
    State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT,
    State.CLOSING, State.LAST_ACK, State.TIME_WAIT,
})

#: States in which the local user has called CLOSE (no new data may be sent).
SEND_CLOSED = frozenset({
    State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSING, State.LAST_ACK, State.TIME_WAIT,
})

#: States in which the peer's FIN has been received (no more data can arrive).
RECEIVE_CLOSED = frozenset({State.CLOSE_WAIT, State.CLOSING, State.LAST_ACK, State.TIME_WAIT})

ALL_STATES = tuple(State)
