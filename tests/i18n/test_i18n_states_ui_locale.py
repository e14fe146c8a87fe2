"""State and transition explanations, the CLI's own strings, and the language choice."""

from __future__ import annotations

import re
import string

import pytest

from trainer.engine.states import ALL_STATES, State
from trainer.engine.transitions import BY_ID, TRANSITIONS
from trainer.i18n.locale import SUPPORTED, normalize, resolve, system_language
from trainer.i18n.states_text import STATES, TRANSITION_TEXT, state_label, state_text, transition_text
from trainer.i18n.ui_text import UI, role_text, text

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("state", ALL_STATES, ids=[s.value for s in ALL_STATES])
@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_state_is_explained(state, lang):
    info = state_text(state, lang)
    assert info.name == state.value
    for part in (info.meaning, info.enter, info.leave):
        assert len(part) > 20
        if lang == "zh_CN":
            assert CJK.search(part)
    if lang == "zh_CN":
        assert CJK.search(info.gloss)
        assert state_label(state, lang) == f"{state.value}（{info.gloss}）"
    else:
        assert state_label(state, lang) == state.value


def test_state_table_has_exactly_the_eleven_states():
    assert set(STATES) == set(ALL_STATES) and len(STATES) == 11
    for entries in STATES.values():
        assert set(entries) == set(SUPPORTED)


def test_state_text_accepts_names_and_aliases():
    assert state_text("SYN_RCVD", "en").name == "SYN-RECEIVED"
    assert state_text(State.TIME_WAIT, "zh").gloss == "时间等待"


def test_every_transition_is_explained_in_both_languages():
    assert set(TRANSITION_TEXT) == set(BY_ID)
    for t in TRANSITIONS:
        for lang in SUPPORTED:
            line = transition_text(t.id, lang)
            assert line and line != t.id and "\n" not in line
            if lang == "zh_CN":
                assert CJK.search(line), t.id
        # the target state is named in the sentence (in RFC spelling)
        assert t.target.value in transition_text(t.id, "en") or t.target is State.CLOSED, t.id
    assert transition_text("no-such-transition", "en") == "no-such-transition"


def test_ui_strings_exist_in_both_languages_with_the_same_placeholders():
    formatter = string.Formatter()
    for key, entry in UI.items():
        assert set(entry) == set(SUPPORTED), key
        forms = {lang: entry[lang] if isinstance(entry[lang], tuple) else (entry[lang],)
                 for lang in SUPPORTED}
        fields = {lang: {f for form in forms[lang] for _, f, _, _ in formatter.parse(form) if f}
                  for lang in SUPPORTED}
        assert fields["en"] == fields["zh_CN"], key


def test_ui_plurals():
    assert text("count.errors", "en", n=1) == "1 error"
    assert text("count.errors", "en", n=2) == "2 errors"
    assert text("count.errors", "zh_CN", n=2) == "2 个错误"


def test_roles_read_as_words():
    assert role_text("retransmission", "zh_CN") == "重传"
    assert role_text("something-new", "en") == "something-new"


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_SG.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_HK.Big5"}, "zh_CN"),
    ({"LANG": "zh"}, "zh_CN"),
    ({"LANGUAGE": "zh_Hans", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({"LANGUAGE": "fr:zh_CN:en", "LANG": "fr_FR.UTF-8"}, "zh_CN"),
    ({"LANGUAGE": "zh_CN", "LC_ALL": "C"}, "en"),  # gettext ignores LANGUAGE in the C locale
    ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, "zh_CN"),
])
def test_system_language(env, expected):
    assert system_language(env) == expected


def test_normalize_and_resolve(monkeypatch):
    assert normalize("zh-CN") == "zh_CN"
    assert normalize("EN") == "en"
    assert normalize("de") is None
    assert normalize(None) is None
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    assert resolve(None) == "zh_CN"
    assert resolve("en") == "en"
