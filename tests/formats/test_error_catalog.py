"""Every error code the formats can raise has an English and a Chinese message."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

import trainer.formats
from trainer.formats.errors import ERROR_PARAMS, TraceFormatError
from trainer.formats.json_trace import _SYNTAX_CODES
from trainer.i18n.format_errors import FORMAT_ERRORS, LANGUAGES, LOCATIONS

FORMATS_DIR = Path(trainer.formats.__file__).parent
#: The formats' modules, and the shared file reader they raise through (``read_limited``).
SOURCES = [*sorted(FORMATS_DIR.glob("*.py")), FORMATS_DIR.parent / "located_error.py"]
RAISING = {"TraceFormatError", "Problem", "_Located", "fail", "fail_at", "fail_after",
           "_fail", "_wrong", "_fail_in", "error"}
CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")


def _codes_in_source() -> dict[str, str]:
    """Code-like string constants passed to the raising helpers, with where they are."""
    found = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in RAISING:
                continue
            values = [*node.args, *(k.value for k in node.keywords)]
            for value in values:
                for sub in ast.walk(value):
                    if (isinstance(sub, ast.Constant) and isinstance(sub.value, str)
                            and CODE.fullmatch(sub.value)):
                        found[sub.value] = f"{path.name}:{sub.lineno}"
    # codes chosen from tables or passed as default arguments
    found.update({code: "json_trace.py _SYNTAX_CODES" for _, code in _SYNTAX_CODES})
    found.setdefault("bad-arrival", "notation.py _arrival")
    return found


def _sample_params(code: str) -> dict:
    return {name: f"<{name}>" for name in ERROR_PARAMS[code]}


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_code_raised_in_the_source_is_registered():
    raised = _codes_in_source()
    unregistered = {code: where for code, where in raised.items() if code not in ERROR_PARAMS}
    assert not unregistered


def test_every_registered_code_is_raised_somewhere():
    assert sorted(set(ERROR_PARAMS) - set(_codes_in_source())) == []


def test_catalog_and_registry_have_the_same_codes():
    assert sorted(FORMAT_ERRORS) == sorted(ERROR_PARAMS)


def test_codes_do_not_collide_with_checker_findings():
    """The i18n catalog looks codes up in one namespace shared with the checker's findings."""
    from trainer.engine.findings import CODES

    assert sorted(set(CODES) & set(ERROR_PARAMS)) == []


@pytest.mark.parametrize("code", sorted(ERROR_PARAMS))
def test_every_code_has_both_languages_and_formats(code):
    templates = FORMAT_ERRORS[code]
    assert set(templates) == set(LANGUAGES) == {"en", "zh_CN"}
    params = _sample_params(code)
    for lang, template in templates.items():
        assert _fields(template) <= set(params), (lang, template)
        text = template.format(**params)
        assert text and "{" not in text.replace("{...}", ""), (lang, text)
    assert _fields(templates["en"]) == _fields(templates["zh_CN"])
    assert re.search(r"[\u4e00-\u9fff]", templates["zh_CN"]), "the Chinese text is not Chinese"
    error = TraceFormatError(code, params, source="f.trace", line=3, column=7)
    assert error.render("en").startswith("f.trace:3:7: ")
    assert error.render("zh_CN").startswith("f.trace 第 3 行第 7 列：")


def test_wrong_code_or_params_is_a_programming_error():
    with pytest.raises(ValueError):
        TraceFormatError("no-such-code", {})
    with pytest.raises(ValueError):
        TraceFormatError("expected-integer", {"what": "seq"})
    with pytest.raises(ValueError):
        TraceFormatError("missing-event", {"extra": 1})


def test_location_prefixes():
    e = TraceFormatError("unknown-host", {"found": "C"}, source="a.trace", line=2, column=5)
    assert str(e) == "a.trace:2:5: unknown host 'C': the two hosts are always A and B"
    assert e.render("zh_CN") == "a.trace 第 2 行第 5 列：未知的主机 'C'：两台主机只能是 A 和 B"
    assert e.message("zh_CN") == "未知的主机 'C'：两台主机只能是 A 和 B"
    e = TraceFormatError("file-not-found", {}, source="a.trace")
    assert (str(e), e.render("zh_CN")) == ("a.trace: file not found", "a.trace：找不到文件")
    e = TraceFormatError("json-syntax", {}, source="a.json", line=4)
    assert (str(e), e.render("zh_CN")) == ("a.json:4: JSON syntax error",
                                           "a.json 第 4 行：JSON 语法错误")
    assert set(LOCATIONS) == set(LANGUAGES)


def test_language_fallbacks():
    e = TraceFormatError("missing-event", {}, source="x", line=1, column=1)
    assert e.render("fr") == e.render("en") == str(e)
    assert e.render("zh") == e.render("zh-CN") == e.render("zh_CN")


def test_error_attributes_and_pickling():
    e = TraceFormatError("out-of-range", {"what": "seq", "found": "-1", "min": 0, "max": 9},
                         source="s", line=1, column=2, offset=1, path=None)
    copy = pickle.loads(pickle.dumps(e))
    assert (copy.code, copy.params, copy.source, copy.line, copy.column, copy.offset) == (
        "out-of-range", {"what": "seq", "found": "-1", "min": 0, "max": 9}, "s", 1, 2, 1)
    assert str(copy) == str(e) == "s:1:2: seq must be between 0 and 9, found '-1'"
    assert isinstance(e, Exception)
