"""The trace model: two hosts and one shared timeline of events.

A trace is what a learner draws or a capture shows: user calls, timeouts, crashes and segments.
A segment leaves its sender at ``send_time`` and reaches the other host at ``arrive_time``
(``None`` when it is lost). Because arrival is independent of the order of sends, segments
that cross in flight (simultaneous open or close) are simply segments whose arrival comes
after a later send.

Hosts are always called ``"A"`` and ``"B"`` inside the engine; ``HostSpec.name`` is what the
user sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntFlag

from trainer.engine.states import State

HOSTS = ("A", "B")


def peer_of(host: str) -> str:
    return "B" if host == "A" else "A"


class Flag(IntFlag):
    """TCP control bits with their header bit values (RFC 9293 3.1)."""

    NONE = 0
    FIN = 0x01
    SYN = 0x02
    RST = 0x04
    PSH = 0x08
    ACK = 0x10
    URG = 0x20
    ECE = 0x40
    CWR = 0x80

    def names(self) -> list[str]:
        """Flag names in the order people write them: ``SYN,ACK``, ``FIN,ACK``, ``RST,ACK``."""
        return list(_flag_names(int(self)))

    def text(self) -> str:
        return ",".join(_flag_names(int(self))) or "NONE"

    @classmethod
    def parse(cls, text: str) -> "Flag":
        """Parse ``SYN,ACK`` / ``syn+ack`` / ``SYN ACK``; raises ValueError naming the bad flag."""
        value = cls.NONE
        for part in text.replace("+", ",").replace("|", ",").replace(" ", ",").split(","):
            part = part.strip().upper()
            if not part:
                continue
            if part not in FLAG_BY_NAME:
                raise ValueError(f"unknown TCP flag {part!r}")
            value |= FLAG_BY_NAME[part]
        return value


FLAG_ORDER = (
    ("SYN", Flag.SYN), ("FIN", Flag.FIN), ("RST", Flag.RST), ("PSH", Flag.PSH),
    ("URG", Flag.URG), ("ECE", Flag.ECE), ("CWR", Flag.CWR), ("ACK", Flag.ACK),
)
FLAG_BY_NAME = dict(FLAG_ORDER)
_NAMES: dict[int, tuple[str, ...]] = {}


def _flag_names(bits: int) -> tuple[str, ...]:
    """The names for a flag value, computed once per value (IntFlag's ``&`` is slow, and a
    20k-segment trace formats 20k flag sets)."""
    names = _NAMES.get(bits)
    if names is None:
        names = _NAMES[bits] = tuple(name for name, bit in FLAG_ORDER if bits & int(bit))
    return names


class CallKind(str, Enum):
    """User calls of RFC 9293 3.10, named as socket programmers know them."""

    LISTEN = "listen"        # passive OPEN
    CONNECT = "connect"      # active OPEN
    SEND = "send"            # SEND n bytes
    CLOSE = "close"          # CLOSE (close())
    SHUTDOWN = "shutdown"    # CLOSE as shutdown(SHUT_WR): the same RFC event, half-close
    ABORT = "abort"          # ABORT (close() with SO_LINGER 0)


class Timer(str, Enum):
    """Timeouts of RFC 9293 3.10.8 and 3.8.4."""

    RETRANSMISSION = "retransmission"
    TIME_WAIT = "time-wait"
    KEEPALIVE = "keepalive"
    USER = "user"


@dataclass(slots=True)
class Segment:
    """One TCP segment as sent by ``sender``.

    ``ack`` is the acknowledgment field; it is ``None`` when no value was given (normally when
    the ACK flag is off). ``length`` is the payload length; ``data`` optionally the bytes.
    ``old_duplicate`` marks a segment left over from an earlier incarnation: its sending is not
    checked against the sender's current state, only its arrival is processed.
    ``claims`` maps a host to the state the learner says it is in after this segment — the
    sender after sending it, the receiver after it arrives (the convention of the RFC's figures).
    """

    sender: str
    send_time: float
    arrive_time: float | None
    flags: Flag
    seq: int
    ack: int | None = None
    win: int | None = None
    length: int = 0
    data: bytes | None = None
    urgent: int | None = None
    old_duplicate: bool = False
    options: dict | None = None
    claims: dict[str, State] | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if self.data is not None and not self.length:
            self.length = len(self.data)  # the payload length follows the bytes when given

    @property
    def receiver(self) -> str:
        return peer_of(self.sender)

    @property
    def lost(self) -> bool:
        return self.arrive_time is None

    @property
    def seg_len(self) -> int:
        """SEG.LEN: payload octets plus one for SYN and one for FIN (RFC 9293 3.4)."""
        flags = int(self.flags)  # plain int: IntFlag arithmetic is slow on hot paths
        return self.length + (flags & 2) // 2 + (flags & 1)

    @property
    def time(self) -> float:
        return self.send_time


@dataclass(slots=True)
class Call:
    """A user call on one host. ``nbytes`` is the size for ``send``."""

    host: str
    time: float
    call: CallKind
    nbytes: int = 0
    claims: dict[str, State] | None = None


@dataclass(slots=True)
class Timeout:
    host: str
    time: float
    timer: Timer
    claims: dict[str, State] | None = None


@dataclass(slots=True)
class Crash:
    """The host crashes or reboots and loses every TCB (RFC 9293 3.5.1)."""

    host: str
    time: float
    claims: dict[str, State] | None = None


Event = Segment | Call | Timeout | Crash


@dataclass(slots=True)
class InitialTcb:
    """A host's declared starting point, for traces that begin mid-connection.

    Any variable left ``None`` is inferred from the first segments that show it.
    ``passive`` says whether a SYN-RECEIVED connection came from LISTEN (RFC 9293 MUST-11).
    """

    state: State
    iss: int | None = None
    irs: int | None = None
    snd_una: int | None = None
    snd_nxt: int | None = None
    snd_wnd: int | None = None
    rcv_nxt: int | None = None
    rcv_wnd: int | None = None
    passive: bool | None = None


@dataclass(slots=True)
class HostSpec:
    name: str = ""
    role: str | None = None  # "client", "server" or "peer"; informs the default initial state
    address: str | None = None  # "10.0.0.1:40000" or "[2001:db8::1]:80"
    initial: InitialTcb | None = None


@dataclass(slots=True)
class TraceOptions:
    """Trace-wide parameters. ``msl`` in seconds; when set, a TIME-WAIT that ends before 2*MSL
    is reported. ``rfc5961`` says whether hosts answer in-window RSTs and SYNs with challenge
    ACKs (RFC 5961) — real stacks do; both behaviours are accepted where the trace shows which."""

    msl: float | None = None
    rfc5961: bool = True


@dataclass(slots=True)
class Trace:
    hosts: dict[str, HostSpec] = field(default_factory=lambda: {"A": HostSpec("A"), "B": HostSpec("B")})
    events: list[Event] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    options: TraceOptions = field(default_factory=TraceOptions)

    def segments(self) -> list[Segment]:
        """The segments in file order; a segment's index here is its ``segment`` number."""
        return [e for e in self.events if isinstance(e, Segment)]

    def host_name(self, host: str) -> str:
        spec = self.hosts.get(host)
        if spec is None:
            return host
        return spec.name or spec.address or host

    def endpoint_label(self, host: str) -> str:
        """What ``check --json`` prints for an endpoint: the address if known, else the name."""
        spec = self.hosts.get(host)
        if spec is None:
            return host
        return spec.address or spec.name or host
