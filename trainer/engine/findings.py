"""Finding codes: what the checker can say about a trace, as data.

The engine never builds sentences. A finding is a code, its parameters, where it happened
(step, segment, host), a severity, and the RFC section that holds the rule. The message catalog
in ``trainer.i18n`` renders every code here in each language; a test checks that it does.

Severities:
- ``error``: something a real TCP endpoint could not have done (or a wrong state claim).
  A trace with an error finding is not valid.
- ``warning``: allowed but suspicious or against a SHOULD (a user call returning an error,
  a TIME-WAIT cut short).
- ``info``: an explanation of what a host did with an arriving segment (dropped it, will
  answer with a RST or a challenge ACK). These teach; they never make a trace invalid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class CodeInfo:
    severity: Severity
    rfc: str  # default section, "9293 3.10.7.3"; a finding may name a more specific one
    params: tuple[str, ...]
    summary: str  # English gist for developers; user text lives in the catalog


@dataclass(slots=True)
class Finding:
    code: str
    severity: Severity
    step: int
    segment: int | None
    host: str | None
    params: dict = field(default_factory=dict)
    rfc: str = ""

    def as_dict(self) -> dict:
        return {
            "code": self.code, "severity": self.severity.value, "step": self.step,
            "segment": self.segment, "host": self.host, "params": dict(self.params),
            "rfc": self.rfc,
        }


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

# Parameter conventions: ``host`` is "A"/"B"; ``state`` an RFC state name; numbers are plain ints.
# ``hint`` parameters take one of a few fixed words so that the catalog can explain *why*.
CODES: dict[str, CodeInfo] = {
    # ---- the timeline itself -------------------------------------------------------------
    "arrival-before-send": CodeInfo(
        E, "9293 3.9.2", ("host", "sent", "arrived"),
        "a segment arrives before it was sent"),
    # ---- what a host sends ---------------------------------------------------------------
    "send-without-connection": CodeInfo(
        E, "9293 3.10.7.1", ("host", "flags"),
        "a host with no connection (CLOSED) sends something other than a SYN or a RST reply"),
    "synack-without-syn": CodeInfo(
        E, "9293 3.10.7.2", ("host", "state", "pending"),
        "SYN,ACK sent although no SYN has been received; pending=time the peer's SYN arrives "
        "later (or null)"),
    "syn-not-allowed": CodeInfo(
        E, "9293 3.10.1", ("host", "state"),
        "SYN sent in a state where OPEN returns 'connection already exists'"),
    "flags-invalid": CodeInfo(
        E, "9293 3.5.2", ("host", "flags"),
        "a flag combination no RFC 9293 host sends: RST with SYN or FIN, or SYN with FIN"),
    "reopen-iss-too-small": CodeInfo(
        E, "9293 3.6.1", ("host", "iss", "previous"),
        "a TIME-WAIT connection reopened by a new SYN must choose an ISS above every sequence "
        "number of the previous incarnation (MAY-2, condition 1)"),
    "syn-seq-not-iss": CodeInfo(
        E, "9293 3.8.1", ("host", "expected", "got"),
        "a retransmitted SYN or SYN,ACK must reuse the ISS"),
    "ack-flag-missing": CodeInfo(
        E, "9293 3.1", ("host", "state"),
        "once the peer's SYN has been received every segment (but a RST) carries ACK"),
    "ack-not-next": CodeInfo(
        E, "9293 3.10.7.4", ("host", "expected", "got", "hint"),
        "ack must equal RCV.NXT; hint: syn (forgot SYN takes a number), fin (forgot FIN), "
        "data (forgot the payload length), ahead (acks what has not arrived yet), "
        "behind (acks less than received), other"),
    "seq-not-next": CodeInfo(
        E, "9293 3.4", ("host", "expected", "got", "hint"),
        "new data, FIN or a pure ACK must start at SND.NXT; hint: syn, fin, data, ahead, "
        "behind, other"),
    "retransmit-acked": CodeInfo(
        E, "9293 3.10.7.4", ("host", "seq", "una"),
        "retransmits sequence space the peer has already acknowledged (removed from the "
        "retransmission queue)"),
    "data-after-fin": CodeInfo(
        E, "9293 3.10.2", ("host", "fin"),
        "new data or a second FIN after the host's FIN (SEND returns 'connection closing')"),
    "fin-seq-changed": CodeInfo(
        E, "9293 3.8.1", ("host", "expected", "got"),
        "a retransmitted FIN must sit at the same sequence number"),
    "fin-not-allowed": CodeInfo(
        E, "9293 3.10.4", ("host", "state"),
        "FIN sent in a state where CLOSE cannot produce one (LISTEN, SYN-SENT)"),
    "data-not-allowed": CodeInfo(
        E, "9293 3.10.2", ("host", "state"),
        "data sent before ESTABLISHED outside a SYN (SEND is queued until ESTABLISHED)"),
    "send-before-synchronized": CodeInfo(
        E, "9293 3.10.7.3", ("host", "state"),
        "in SYN-SENT the host has no RCV.NXT yet: it can only (re)send its SYN or a RST reply"),
    "rst-unprovoked": CodeInfo(
        E, "9293 3.5.2", ("host", "state"),
        "RST from a host that has no connection to abort and nothing to reply to"),
    "rst-seq-wrong": CodeInfo(
        E, "9293 3.5.2", ("host", "expected", "got", "rule"),
        "RST sequence number; rule: from-ack (SEQ=SEG.ACK of the offending segment), "
        "zero (SEQ=0 when it had no ACK), snd-nxt (SEQ=SND.NXT on ABORT)"),
    "rst-ack-wrong": CodeInfo(
        E, "9293 3.5.2", ("host", "expected", "got"),
        "RST,ACK acknowledgment must be SEG.SEQ+SEG.LEN of the segment it answers "
        "(RCV.NXT on ABORT)"),
    "rst-ack-required": CodeInfo(
        E, "9293 3.10.7.1", ("host", "expected"),
        "a RST answering a segment without ACK must be RST,ACK with ack=SEG.SEQ+SEG.LEN"),
    "beyond-window": CodeInfo(
        W, "9293 3.8.6", ("host", "limit", "end"),
        "data beyond SND.UNA+SND.WND, the window the peer offered"),
    "wscale-not-offered": CodeInfo(
        W, "7323 2.2", ("host",),
        "a SYN,ACK carries the Window Scale option although the SYN it answers did not "
        "(scaling is not in effect)"),
    "wscale-too-large": CodeInfo(
        W, "7323 2.3", ("host", "shift"),
        "a Window Scale shift above 14; the peer uses 14 instead"),
    "ack-without-flag": CodeInfo(
        W, "9293 3.1", ("host", "got"),
        "an acknowledgment number is given but the ACK flag is off (receivers ignore it)"),
    "call-invalid": CodeInfo(
        W, "9293 3.10", ("host", "call", "state", "error"),
        "a user call the RFC answers with an error; error: exists, not-exist, closing"),
    "timer-not-running": CodeInfo(
        E, "9293 3.10.8", ("host", "timer", "state"),
        "a timeout fires for a timer that is not running in this state"),
    "timewait-too-short": CodeInfo(
        W, "9293 3.6.1", ("host", "elapsed", "required"),
        "TIME-WAIT left before 2*MSL (MUST-13)"),
    "claim-mismatch": CodeInfo(
        E, "9293 3.3.2", ("host", "claimed", "actual"),
        "the state the learner claims differs from the state the RFC gives"),
    # ---- what a host does with an arriving segment (explanations) ------------------------
    "rcv-closed-reset": CodeInfo(
        I, "9293 3.10.7.1", ("host", "rst_seq", "rst_ack"),
        "segment reaches a host with no connection: it answers with a RST "
        "(rst_ack null means plain RST)"),
    "rcv-rst-ignored": CodeInfo(
        I, "9293 3.5.3", ("host", "reason"),
        "an arriving RST is ignored; reason: listen, out-of-window, no-ack, bad-ack, closed"),
    "rcv-challenge-ack": CodeInfo(
        I, "5961 3-4", ("host", "reason"),
        "RFC 5961 challenge ACK due; reason: rst-inexact (RST in window but not RCV.NXT), "
        "syn (SYN in a synchronized state)"),
    "rcv-unacceptable": CodeInfo(
        I, "9293 3.10.7.4", ("host", "seq", "rcv_nxt", "rcv_wnd"),
        "segment fails the acceptability test: dropped, an ACK is due"),
    "rcv-bad-ack": CodeInfo(
        I, "9293 3.10.7.4", ("host", "ack", "snd_nxt", "state", "reply"),
        "segment acknowledges something not yet sent; reply: rst (unsynchronized states) "
        "or ack (synchronized states)"),
    "rcv-out-of-order": CodeInfo(
        I, "9293 3.10.7.4", ("host", "seq", "rcv_nxt"),
        "segment beyond RCV.NXT: held until the gap is filled, a duplicate ACK is due"),
    "rcv-dropped": CodeInfo(
        I, "9293 3.10.7", ("host", "state", "reason"),
        "segment dropped without reply; reason: no-ack (synchronized state, ACK off), "
        "listen-no-syn, synsent-no-syn"),
    "rcv-fin-retransmitted": CodeInfo(
        I, "9293 3.10.7.4", ("host",),
        "a retransmitted FIN reached TIME-WAIT: it is re-ACKed and 2MSL restarts"),
}


_BY_STATE = {"CLOSED": "9293 3.10.7.1", "LISTEN": "9293 3.10.7.2", "SYN-SENT": "9293 3.10.7.3"}
_CALL_SECTION = {"listen": "9293 3.10.1", "connect": "9293 3.10.1", "send": "9293 3.10.2",
                 "close": "9293 3.10.4", "shutdown": "9293 3.10.4", "abort": "9293 3.10.5"}
_REASON_SECTION = {"closed": "9293 3.10.7.1", "listen": "9293 3.10.7.2", "no-ack": "9293 3.10.7.3",
                   "bad-ack": "9293 3.10.7.3", "out-of-window": "9293 3.10.7.4",
                   "listen-no-syn": "9293 3.10.7.2", "synsent-no-syn": "9293 3.10.7.3"}


def rfc_for(code: str, params: dict) -> str:
    """The most specific RFC section for this finding: arrival rules live in the subsection of
    the receiving state (3.10.7.1-4), user-call errors in the call's own subsection."""
    if code == "call-invalid":
        return _CALL_SECTION.get(params.get("call"), CODES[code].rfc)
    if code == "rcv-bad-ack":
        return _BY_STATE.get(params.get("state"), CODES[code].rfc)
    if code == "rcv-dropped":
        if params.get("reason") == "no-ack":
            return "9293 3.10.7.4"
        return _REASON_SECTION.get(params.get("reason"), CODES[code].rfc)
    if code == "rcv-rst-ignored":
        return _REASON_SECTION.get(params.get("reason"), CODES[code].rfc)
    return CODES[code].rfc
