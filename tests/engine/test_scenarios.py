"""The built-in scenarios (resources/scenarios/*.tcpt) against the checker.

Every scenario is a worked example the app presents as correct, so each one must parse, be
valid (no error and no warning findings), claim both hosts' states on every event line, and
have every claim confirmed by the checker. The claims and the state histories below are
written from RFC 9293 (figures 6-13, sections 3.5-3.6, 3.8.1, 3.8.4, 3.10) and the standard
textbook account, not copied from the engine: they are assertions that the engine models the
RFC faithfully. Where the engine disagrees with the RFC, the scenario stays RFC-true and the
test is marked ``xfail(strict=True)`` with the rule it breaks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.engine.checker import check
from trainer.engine.findings import Severity
from trainer.engine.states import State
from trainer.engine.trace import Segment
from trainer.formats import format_notation, parse_notation

SCENARIO_DIR = Path(__file__).parents[2] / "resources" / "scenarios"
FILES = sorted(SCENARIO_DIR.glob("*.tcpt"))
NAMES = [f.stem for f in FILES]
LANGUAGES = ("en", "zh_CN")

CLOSED, LISTEN = State.CLOSED, State.LISTEN
SYN_SENT, SYN_RCVD, ESTAB = State.SYN_SENT, State.SYN_RECEIVED, State.ESTABLISHED
FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT = State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT
CLOSING, LAST_ACK, TIME_WAIT = State.CLOSING, State.LAST_ACK, State.TIME_WAIT

# The active closer's and the passive closer's side of a normal close (Figure 12).
_ACTIVE_CLOSE = [FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED]
_PASSIVE_CLOSE = [CLOSE_WAIT, LAST_ACK, CLOSED]

#: name -> (A's state history, B's state history): the state before the first event, then
#: every state entered (``CheckResult.state_history``).
EXPECTED_HISTORY: dict[str, tuple[list[State], list[State]]] = {
    # Figure 6: CLOSED/LISTEN -> SYN-SENT/SYN-RECEIVED -> ESTABLISHED.
    "rfc9293-fig6-basic-handshake": (
        [CLOSED, SYN_SENT, ESTAB],
        [LISTEN, SYN_RCVD, ESTAB]),
    # Figure 7: "Each TCP peer's connection state cycles from CLOSED to SYN-SENT to
    # SYN-RECEIVED to ESTABLISHED."
    "rfc9293-fig7-simultaneous-open": (
        [CLOSED, SYN_SENT, SYN_RCVD, ESTAB],
        [CLOSED, SYN_SENT, SYN_RCVD, ESTAB]),
    # Figure 8: B goes back to LISTEN on A's RST, then completes the real handshake.
    "rfc9293-fig8-old-duplicate-syn": (
        [CLOSED, SYN_SENT, ESTAB],
        [LISTEN, SYN_RCVD, LISTEN, SYN_RCVD, ESTAB]),
    # Figure 9: A reboots (CLOSED), reopens; B aborts on A's RST, its server listens again.
    "rfc9293-fig9-half-open-discovery": (
        [ESTAB, CLOSED, SYN_SENT, ESTAB],
        [ESTAB, CLOSED, LISTEN, SYN_RCVD, ESTAB]),
    # Figure 10: A has rebooted; B aborts on A's RST.
    "rfc9293-fig10-active-side-half-open": (
        [ESTAB, CLOSED],
        [ESTAB, CLOSED]),
    # Figure 11: A never leaves LISTEN; B returns to it.
    "rfc9293-fig11-old-duplicate-syn-two-passive": (
        [LISTEN],
        [LISTEN, SYN_RCVD, LISTEN]),
    # Figure 12.
    "rfc9293-fig12-normal-close": (
        [ESTAB, *_ACTIVE_CLOSE],
        [ESTAB, *_PASSIVE_CLOSE]),
    # Figure 13: both FIN-WAIT-1 -> CLOSING -> TIME-WAIT -> (2 MSL) CLOSED.
    "rfc9293-fig13-simultaneous-close": (
        [ESTAB, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED],
        [ESTAB, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED]),
    "four-way-close-client-first": (
        [CLOSED, SYN_SENT, ESTAB, *_ACTIVE_CLOSE],
        [LISTEN, SYN_RCVD, ESTAB, *_PASSIVE_CLOSE]),
    "four-way-close-server-first": (
        [CLOSED, SYN_SENT, ESTAB, *_PASSIVE_CLOSE],
        [LISTEN, SYN_RCVD, ESTAB, *_ACTIVE_CLOSE]),
    # Figure 5, note 2: FIN-WAIT-1 -> TIME-WAIT when FIN and ACK of FIN arrive together.
    "three-way-close": (
        [CLOSED, SYN_SENT, ESTAB, FIN_WAIT_1, TIME_WAIT, CLOSED],
        [LISTEN, SYN_RCVD, ESTAB, *_PASSIVE_CLOSE]),
    "half-close-server-sends": (
        [CLOSED, SYN_SENT, ESTAB, *_ACTIVE_CLOSE],
        [LISTEN, SYN_RCVD, ESTAB, *_PASSIVE_CLOSE]),
    "data-in-fin-wait-2": (
        [ESTAB, *_ACTIVE_CLOSE],
        [ESTAB, *_PASSIVE_CLOSE]),
    # The retransmitted FIN and the second ACK change no state.
    "lost-final-ack": (
        [ESTAB, *_ACTIVE_CLOSE],
        [ESTAB, *_PASSIVE_CLOSE]),
    "time-wait-2msl": (
        [ESTAB, *_ACTIVE_CLOSE],
        [ESTAB, *_PASSIVE_CLOSE]),
    "fin-with-data": (
        [CLOSED, SYN_SENT, ESTAB, *_PASSIVE_CLOSE],
        [LISTEN, SYN_RCVD, ESTAB, *_ACTIVE_CLOSE]),
    # Retransmissions change no state.
    "lost-syn": (
        [CLOSED, SYN_SENT, ESTAB],
        [LISTEN, SYN_RCVD, ESTAB]),
    "lost-syn-ack": (
        [CLOSED, SYN_SENT, ESTAB],
        [LISTEN, SYN_RCVD, ESTAB]),
    "connect-timeout": (
        [CLOSED, SYN_SENT, CLOSED],
        [LISTEN]),
    "syn-with-data": (
        [CLOSED, SYN_SENT, ESTAB],
        [LISTEN, SYN_RCVD, ESTAB]),
    "rst-to-closed-port": (
        [CLOSED, SYN_SENT, CLOSED],
        [CLOSED]),
    "abort": (
        [ESTAB, CLOSED],
        [ESTAB, CLOSED]),
    "rst-challenge-ack": (
        [ESTAB, CLOSED],
        [ESTAB, CLOSED]),
    "keepalive-idle": (
        [ESTAB],
        [ESTAB]),
    "keepalive-dead-peer": (
        [ESTAB, CLOSED],
        [ESTAB, CLOSED]),
    "keepalive-peer-rebooted": (
        [ESTAB, CLOSED],
        [ESTAB, CLOSED]),
    "delayed-ack": (
        [ESTAB],
        [ESTAB]),
    "lost-data-retransmission": (
        [ESTAB],
        [ESTAB]),
}

#: Scenarios the engine gets wrong today, with the RFC rule it breaks. The scenario files stay
#: RFC-true; fix the engine and delete the entry (strict xfail makes the fix visible).
ENGINE_DISAGREES: dict[str, str] = {}


def _param(name: str, *, engine_checked: bool = False):
    marks = ()
    if engine_checked and name in ENGINE_DISAGREES:
        marks = pytest.mark.xfail(strict=True, reason=ENGINE_DISAGREES[name])
    return pytest.param(name, id=name, marks=marks)


ALL = [_param(n) for n in NAMES]
CHECKED = [_param(n, engine_checked=True) for n in NAMES]


def _read(name: str) -> str:
    return (SCENARIO_DIR / f"{name}.tcpt").read_text(encoding="utf-8")


def _load(name: str):
    return parse_notation(_read(name), f"{name}.tcpt")


def _describe(findings) -> list[str]:
    return [f"step {f.step} seg {f.segment}: {f.severity.value} {f.code} {f.params}"
            for f in findings]


# ---- the set of scenarios ---------------------------------------------------------------------

def test_scenarios_exist():
    assert len(FILES) >= 20


def test_every_scenario_has_expected_histories():
    assert sorted(EXPECTED_HISTORY) == sorted(NAMES)
    assert set(ENGINE_DISAGREES) <= set(NAMES)


@pytest.mark.parametrize("name", ALL)
def test_file_name_is_kebab_case(name):
    assert name == name.lower()
    assert all(part and part.isascii() and part.isalnum() for part in name.split("-")), name


def test_scenario_module_lists_the_same_files():
    scenarios = pytest.importorskip("trainer.scenarios")
    assert scenarios.scenario_names() == NAMES


# ---- each scenario ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_title_and_description_in_both_languages(name):
    trace = _load(name)
    for lang in LANGUAGES:
        assert trace.title.get(lang, "").strip(), f"title.{lang} missing"
        assert trace.description.get(lang, "").strip(), f"description.{lang} missing"
    # The Chinese texts really are Chinese, the English ones are not.
    assert any("\u4e00" <= c <= "\u9fff" for c in trace.title["zh_CN"])
    assert any("\u4e00" <= c <= "\u9fff" for c in trace.description["zh_CN"])
    assert not any("\u4e00" <= c <= "\u9fff" for c in trace.title["en"] + trace.description["en"])


@pytest.mark.parametrize("name", ALL)
def test_hosts_are_described(name):
    trace = _load(name)
    for host in ("A", "B"):
        spec = trace.hosts[host]
        assert spec.name and spec.name.isascii(), host
        assert spec.role in ("client", "server", "peer"), host
        assert spec.address, host


@pytest.mark.parametrize("name", ALL)
def test_every_event_claims_both_hosts(name):
    trace = _load(name)
    for i, event in enumerate(trace.events):
        claims = event.claims or {}
        assert set(claims) == {"A", "B"}, f"event {i} ({type(event).__name__}) claims {claims}"


@pytest.mark.parametrize("name", ALL)
def test_every_segment_has_an_explicit_slanted_arrival(name):
    trace = _load(name)
    text = _read(name)
    event_lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert len(event_lines) == len(trace.events)
    for line, event in zip(event_lines, trace.events):
        if isinstance(event, Segment):
            assert " @" in line or " lost" in line, line
            assert event.arrive_time is None or event.arrive_time > event.send_time, line


@pytest.mark.parametrize("name", CHECKED)
def test_checker_accepts_scenario_and_confirms_every_claim(name):
    result = check(_load(name))
    mismatches = [f for f in result.findings if f.code == "claim-mismatch"]
    assert not mismatches, _describe(mismatches)
    assert result.valid, _describe(result.errors())
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    assert not warnings, _describe(warnings)


@pytest.mark.parametrize("name", ALL)
def test_state_history(name):
    result = check(_load(name))
    expected_a, expected_b = EXPECTED_HISTORY[name]
    assert result.state_history("A") == expected_a
    assert result.state_history("B") == expected_b


@pytest.mark.parametrize("name", ALL)
def test_round_trip_is_stable(name):
    trace = _load(name)
    text = format_notation(trace)
    again = parse_notation(text, f"{name} (formatted)")
    assert again == trace
    assert format_notation(again) == text


# ---- what particular scenarios teach --------------------------------------------------------

def _entered(result, host: str, state: State) -> float:
    i = 0 if host == "A" else 1
    return next(s.time for s in result.steps if s.states[i] is state)


def test_time_wait_lasts_two_msl():
    trace = _load("time-wait-2msl")
    assert trace.options.msl == 30
    result = check(trace)
    left = next(s.time for s in result.steps if s.kind == "timeout" and s.host == "A")
    assert left - _entered(result, "A", TIME_WAIT) >= 2 * trace.options.msl


@pytest.mark.parametrize("name", ["lost-syn", "lost-syn-ack", "connect-timeout"])
def test_retransmitted_syn_keeps_its_isn(name):
    syns = [e for e in _load(name).events if isinstance(e, Segment) and e.sender == "A"
            and e.flags.names() == ["SYN"]]
    assert len(syns) >= 2
    assert {s.seq for s in syns} == {1000}
    roles = [s.role for s in check(_load(name)).steps if s.kind == "send" and s.host == "A"]
    assert "retransmission" in roles


@pytest.mark.parametrize("name", ["keepalive-idle", "keepalive-dead-peer",
                                  "keepalive-peer-rebooted"])
def test_keepalive_probes_are_recognised(name):
    result = check(_load(name))
    probes = [s for s in result.steps if s.kind == "send" and s.host == "A"
              and s.role == "keepalive"]
    assert probes
    # RFC 1122 4.2.3.6 / RFC 9293 MUST-28: no probe before two idle hours.
    assert all(s.time >= 7200 for s in probes)
