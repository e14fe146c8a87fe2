"""argparse's own messages (missing or unknown arguments, bad choices...) in Chinese.

argparse builds its sentences with ``gettext`` through module-level ``_`` and ``ngettext``
names; ``install(lang)`` points them at this table, so that ``tcp-trainer check`` without a
file, or with a bad ``--format``, answers in the user's language like every other message.
English passes through unchanged. Only the messages a user can provoke are listed; the rest
are programming errors and stay in English."""

from __future__ import annotations

import argparse
import gettext

from trainer.i18n.locale import normalize

ZH_CN = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项不明确：%(option)s 可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "忽略了显式给出的参数值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
}

_ORIGINAL = (argparse._, getattr(argparse, "ngettext", gettext.ngettext))


def install(lang: str | None) -> None:
    """Make argparse speak ``lang`` (``zh_CN``), or restore its own English."""
    if normalize(lang or "") != "zh_CN":
        argparse._, argparse.ngettext = _ORIGINAL
        return

    def translate(message: str) -> str:
        return ZH_CN.get(message, message)

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return ZH_CN.get(singular if n == 1 else plural, singular if n == 1 else plural)

    argparse._ = translate
    argparse.ngettext = ntranslate
