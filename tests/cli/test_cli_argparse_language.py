"""argparse's own errors follow the chosen language, and English is left as argparse has it."""

from __future__ import annotations

import argparse

import pytest

from trainer.cli import main
from trainer.i18n.argparse_text import ZH_CN, install


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    install("en")


def run(capsys, *argv):
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    return stop.value.code, capsys.readouterr().err


def test_missing_argument_in_chinese(capsys):
    code, err = run(capsys, "check", "--lang", "zh_CN")
    assert code == 2
    assert "tcp-trainer check：错误：缺少以下必需的参数：FILE" in err and err.startswith("用法：")


def test_bad_choice_in_chinese(capsys):
    code, err = run(capsys, "show", "x", "--format", "yaml", "--lang", "zh_CN")
    assert code == 2 and "参数 --format：无效的选择：'yaml'（可选：'text', 'json'）" in err


def test_english_is_argparse_own(capsys):
    code, err = run(capsys, "check", "--lang", "en")
    assert code == 2 and "error: the following arguments are required: FILE" in err


def test_every_translated_message_is_one_argparse_uses():
    import inspect
    import re

    used = {m for _, m in re.findall(r"_\((['\"])(.*?)\1\)", inspect.getsource(argparse))}
    used = {m.encode().decode("unicode_escape") for m in used}
    assert set(ZH_CN) <= used
    for english, chinese in ZH_CN.items():  # the same %-placeholders, so formatting works
        assert re.findall(r"%\(\w+\)[rs]|%[rs]", english) == re.findall(r"%\(\w+\)[rs]|%[rs]",
                                                                         chinese)
