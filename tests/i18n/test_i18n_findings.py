"""Every finding code renders in every language, for every variant, with every parameter."""

from __future__ import annotations

import ast
import itertools
import re
import string
from pathlib import Path

import pytest

from trainer.engine.findings import CODES, Finding, Severity
from trainer.engine.states import ALL_STATES
from trainer.engine.trace import CallKind, Timer
from trainer.i18n import catalog
from trainer.i18n.catalog import candidate_keys, find_template, render, render_finding, rfc_label
from trainer.i18n.findings_text import DERIVED, PRESENCE, TEMPLATES, VALUE_WORDS, VARIANTS
from trainer.i18n.locale import SUPPORTED

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBERS = {"expected": 101, "got": 100, "seq": 4000, "una": 4100, "fin": 5000, "limit": 70000,
           "end": 70100, "rst_seq": 0, "rst_ack": 301, "ack": 777, "snd_nxt": 301,
           "rcv_nxt": 1000, "rcv_wnd": 500}
TIMES = {"sent": 0.25, "arrived": 0.125, "pending": 0.375, "elapsed": 30.5, "required": 60.0}


def sample_value(name: str):
    if name == "host":
        return "B"
    if name in ("state", "claimed", "actual"):
        return "SYN-RECEIVED"
    if name == "flags":
        return "FIN,ACK"
    if name in TIMES:
        return TIMES[name]
    return NUMBERS.get(name, 42)


def selector_domain(values: tuple[str, ...]) -> tuple:
    return (None, 12345) if values is PRESENCE else values


def variant_params():
    """(code, params) for every code and every combination of its selector values."""
    for code, info in CODES.items():
        base = {name: sample_value(name) for name in info.params}
        selectors = VARIANTS.get(code, {})
        domains = [selector_domain(values) for values in selectors.values()]
        for combo in itertools.product(*domains):
            params = dict(base)
            params.update(zip(selectors, combo))
            yield code, params


CASES = list(variant_params())


def test_every_code_has_a_template_in_every_language():
    for code in CODES:
        for lang in SUPPORTED:
            assert TEMPLATES.get(code, {}).get(lang), (code, lang)


def test_every_template_belongs_to_a_code_and_a_known_variant():
    for key in TEMPLATES:
        code, *parts = key.split("/")
        assert code in CODES, key
        selectors = list(VARIANTS.get(code, {}).values())
        assert len(parts) <= len(selectors), key
        for part, values in zip(parts, selectors):
            assert part in values, key


def test_selector_params_are_params_of_their_code():
    for code, selectors in VARIANTS.items():
        assert code in CODES
        assert set(selectors) <= set(CODES[code].params), code


def test_first_selector_value_each_has_its_own_template():
    """hint=syn, rule=zero, reason=listen ... each has its own explanation, not the generic one."""
    for code, selectors in VARIANTS.items():
        first, values = next(iter(selectors.items()))
        for value in values:
            assert f"{code}/{value}" in TEMPLATES, (code, first, value)


@pytest.mark.parametrize("lang", SUPPORTED)
@pytest.mark.parametrize(("code", "params"), CASES,
                         ids=[f"{c}-{'-'.join(str(v) for k, v in p.items() if k in VARIANTS.get(c, {}))}"
                              for c, p in CASES])
def test_renders_every_variant_completely(code, params, lang):
    text = render(code, params, lang, strict=True)  # strict: no fallback, no missing param
    assert text and text != code
    assert "{" not in text and "}" not in text and "?" not in text
    assert "\x02" not in text and "\x03" not in text
    if lang == "zh_CN":
        assert CJK.search(text), text
    else:
        assert not CJK.search(text), text
    key, _ = find_template(code, params, lang)
    assert key in candidate_keys(code, params)


def test_placeholders_are_known_and_the_same_in_both_languages():
    formatter = string.Formatter()
    for key, entry in TEMPLATES.items():
        code = key.split("/")[0]
        allowed = set(CODES[code].params) | {"peer"}
        if code in DERIVED:
            allowed |= set(DERIVED[code](dict(NUMBERS)))
        fields = {}
        for lang in SUPPORTED:
            fields[lang] = {name for _, name, spec, conv in formatter.parse(entry[lang]) if name is not None}
            assert fields[lang] <= allowed, (key, lang, fields[lang] - allowed)
            for _, name, spec, conv in formatter.parse(entry[lang]):
                assert not spec and not conv, (key, lang, name)  # values arrive pre-formatted
        assert fields["en"] == fields["zh_CN"], key


def test_numbers_and_hosts_are_substituted():
    params = {"host": "B", "expected": 101, "got": 100, "hint": "syn"}
    en = render("ack-not-next", params, "en")
    assert "101" in en and "100" in en and en.startswith("B ") and "A's SYN" in en
    zh = render("ack-not-next", params, "zh_CN")
    assert zh == "B 的确认号是 100，但 A 的 SYN 本身要消耗一个序号，所以确认号应为 101 而不是 100。"


def test_display_names_replace_the_letters_with_cjk_spacing():
    params = {"host": "B", "expected": 101, "got": 100, "hint": "syn"}
    zh = render("ack-not-next", params, "zh_CN", names={"A": "客户端", "B": "服务器"})
    assert zh.startswith("服务器的确认号是 100，但客户端的 SYN")
    mixed = render("ack-not-next", params, "zh_CN", names={"A": "client", "B": "服务器"})
    assert mixed.startswith("服务器的确认号") and "但 client 的 SYN" in mixed
    en = render("ack-not-next", params, "en", names={"A": "client", "B": "server"})
    assert en.startswith("Server acknowledges 100, but client's SYN")


def test_states_stay_in_rfc_spelling_in_chinese():
    text = render("claim-mismatch", {"host": "A", "claimed": "SYN-SENT", "actual": "SYN-RECEIVED"},
                  "zh_CN")
    assert "SYN-SENT（同步已发送）" in text and "SYN-RECEIVED（同步已接收）" in text
    text = render("claim-mismatch", {"host": "A", "claimed": "SYN-SENT", "actual": "SYN-RECEIVED"},
                  "en")
    assert "in SYN-SENT here" in text and "in SYN-RECEIVED." in text
    text = render("fin-not-allowed", {"host": "A", "state": "SYN-SENT"}, "zh_CN")
    assert "SYN-SENT 状态" in text and "同步已发送" not in text


def test_value_words_cover_every_call_and_timer_in_both_languages():
    assert set(VALUE_WORDS["call"]) == {c.value for c in CallKind}
    assert set(VALUE_WORDS["timer"]) == {t.value for t in Timer}
    assert set(VARIANTS["call-invalid"]["call"]) == {c.value for c in CallKind}
    assert set(VARIANTS["timer-not-running"]["timer"]) == {t.value for t in Timer}
    assert set(VARIANTS["call-invalid"]["state"]) == {s.value for s in ALL_STATES}
    for words in VALUE_WORDS.values():
        for value, texts in words.items():
            assert set(texts) == set(SUPPORTED), value
            assert CJK.search(texts["zh_CN"]), value


def test_enum_and_flag_params_render_as_their_text():
    from trainer.engine.states import State
    from trainer.engine.trace import Flag

    text = render("send-without-connection", {"host": "A", "flags": Flag.FIN | Flag.ACK}, "en")
    assert "FIN,ACK" in text
    text = render("fin-not-allowed", {"host": "A", "state": State.SYN_SENT}, "en")
    assert "SYN-SENT" in text and "State." not in text
    text = render("call-invalid", {"host": "A", "call": CallKind.CONNECT, "state": State.ESTABLISHED,
                                   "error": "exists"}, "zh_CN")
    assert "connect()（主动打开）" in text


def test_times_render_without_float_noise():
    text = render("timewait-too-short", {"host": "A", "elapsed": 30.0, "required": 60.0}, "en")
    assert "after 30 s" in text and "= 60 s" in text
    text = render("arrival-before-send", {"host": "A", "sent": 0.1 + 0.2, "arrived": 0.05}, "en")
    assert "0.3 s" in text and "0.05 s" in text


def test_unknown_selector_value_falls_back_to_the_generic_sentence():
    text = render("ack-not-next", {"host": "A", "expected": 5, "got": 4, "hint": "new-hint"}, "en")
    assert text == render("ack-not-next", {"host": "A", "expected": 5, "got": 4}, "en")
    assert "{" not in text


def test_lenient_render_survives_missing_params_and_unknown_codes():
    assert "?" in render("ack-not-next", {"hint": "syn"}, "en")
    assert render("no-such-code", {}, "zh_CN") == "no-such-code"
    with pytest.raises(KeyError):
        render("no-such-code", {}, "en", strict=True)
    with pytest.raises(KeyError):
        render("ack-not-next", {"hint": "syn"}, "en", strict=True)


def test_language_tags_are_normalized():
    params = {"host": "B", "expected": 101, "got": 100, "hint": "syn"}
    assert render("ack-not-next", params, "zh") == render("ack-not-next", params, "zh_CN")
    assert render("ack-not-next", params, "fr_FR") == render("ack-not-next", params, "en")


def test_render_finding_uses_code_and_params():
    finding = Finding("ack-not-next", Severity.ERROR, 2, 1, "B",
                      {"host": "B", "expected": 101, "got": 100, "hint": "syn"}, "9293 3.10.7.4")
    assert render_finding(finding, "zh_CN", {"A": "客户端", "B": "服务器"}).startswith("服务器的确认号")


@pytest.mark.parametrize(("rfc", "en", "zh"), [
    ("9293 3.10.7.3", "RFC 9293 §3.10.7.3", "RFC 9293 第 3.10.7.3 节"),
    ("5961 3-4", "RFC 5961 §3-4", "RFC 5961 第 3-4 节"),
    ("RFC 1122 4.2.3.6", "RFC 1122 §4.2.3.6", "RFC 1122 第 4.2.3.6 节"),
    ("9293", "RFC 9293", "RFC 9293"),
    ("", "", ""),
])
def test_rfc_label(rfc, en, zh):
    assert rfc_label(rfc, "en") == en
    assert rfc_label(rfc, "zh_CN") == zh


def test_every_code_default_section_has_a_label():
    for code, info in CODES.items():
        assert rfc_label(info.rfc, "en").startswith("RFC "), code


def test_format_error_codes_are_served_too():
    format_errors = pytest.importorskip("trainer.i18n.format_errors")
    for code, entry in format_errors.FORMAT_ERRORS.items():
        for lang in SUPPORTED:
            found = find_template(code, {}, lang)
            assert found is not None and found[1] == entry[lang], (code, lang)
    assert render("file-not-found", {}, "zh_CN") == format_errors.FORMAT_ERRORS["file-not-found"]["zh_CN"]


def test_catalog_works_without_the_format_error_module(monkeypatch):
    import sys

    monkeypatch.setattr(catalog, "_format_errors_cache", None)
    monkeypatch.setitem(sys.modules, "trainer.i18n.format_errors", None)  # import now fails
    assert render("file-not-found", {}, "en") == "file-not-found"
    assert render("fin-not-allowed", {"host": "A", "state": "LISTEN"}, "en").startswith("A sends a FIN")


def test_no_duplicate_keys_in_the_text_tables():
    """A repeated key in a dict literal silently drops the first entry: catch it."""
    folder = Path(catalog.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                dupes = {k for k in keys if keys.count(k) > 1}
                assert not dupes, (path.name, dupes)
