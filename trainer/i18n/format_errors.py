"""Messages for trace-file errors (``trainer.formats.errors``), per language.

Each template is ``str.format``-ed with the error's parameters; ``{found}`` is an excerpt of
the file and is shown in single quotes. The location ("file:5:18: ") is added by
``location()``, never by a template.
"""

from __future__ import annotations

from trainer.i18n.locale import catalog_message, shipped_language

LANGUAGES = ("en", "zh_CN")

FORMAT_ERRORS: dict[str, dict[str, str]] = {
    # ---- reading the file ---------------------------------------------------------------
    "file-not-found": {
        "en": "file not found",
        "zh_CN": "找不到文件",
    },
    "file-unreadable": {
        "en": "cannot read the file: {reason}",
        "zh_CN": "无法读取文件：{reason}",
    },
    "file-too-large": {
        "en": "the file is too large for a trace ({size} bytes; the limit is {limit} bytes)",
        "zh_CN": "文件过大，不像是轨迹文件（{size} 字节，上限为 {limit} 字节）",
    },
    "not-utf8": {
        "en": "the file is not UTF-8 text: byte {byte} cannot be decoded "
              "(save the file with UTF-8 encoding)",
        "zh_CN": "文件不是 UTF-8 文本：无法解码字节 {byte}（请以 UTF-8 编码重新保存文件）",
    },
    # ---- JSON syntax --------------------------------------------------------------------
    "json-expected-value": {
        "en": "JSON syntax error: expected a value (number, \"string\", true, false, null, "
              "{{...}} or [...])",
        "zh_CN": "JSON 语法错误：此处应为一个值（数字、\"字符串\"、true、false、null、{{...}} 或 [...]）",
    },
    "json-expected-key": {
        "en": "JSON syntax error: expected a key in double quotes (is there a comma too many "
              "before '}}'?)",
        "zh_CN": "JSON 语法错误：此处应为用双引号括起的键名（是否在 '}}' 之前多写了一个逗号？）",
    },
    "json-expected-colon": {
        "en": "JSON syntax error: expected ':' after the key",
        "zh_CN": "JSON 语法错误：键名之后应为冒号 ':'",
    },
    "json-expected-comma": {
        "en": "JSON syntax error: expected ',' before the next item, or a closing bracket",
        "zh_CN": "JSON 语法错误：下一项之前应有逗号 ','，或者应在此处用右括号结束",
    },
    "json-trailing-comma": {
        "en": "JSON syntax error: JSON does not allow a comma before a closing bracket",
        "zh_CN": "JSON 语法错误：JSON 不允许在右括号之前多写逗号",
    },
    "json-unterminated-string": {
        "en": "JSON syntax error: this string is never closed (missing '\"')",
        "zh_CN": "JSON 语法错误：字符串没有结束（缺少右双引号 '\"'）",
    },
    "json-bad-escape": {
        "en": "JSON syntax error: invalid escape in a string (valid are \\\" \\\\ \\/ \\b \\f "
              "\\n \\r \\t and \\uXXXX)",
        "zh_CN": "JSON 语法错误：字符串中的转义无效（可用的转义为 \\\" \\\\ \\/ \\b \\f \\n \\r "
                 "\\t 和 \\uXXXX）",
    },
    "json-control-character": {
        "en": "JSON syntax error: a tab or line break inside a string must be written as \\t "
              "or \\n",
        "zh_CN": "JSON 语法错误：字符串中的制表符或换行必须写成 \\t 或 \\n",
    },
    "json-extra-data": {
        "en": "JSON syntax error: unexpected text after the end of the JSON document",
        "zh_CN": "JSON 语法错误：JSON 文档结束之后还有多余的内容",
    },
    "json-syntax": {
        "en": "JSON syntax error",
        "zh_CN": "JSON 语法错误",
    },
    # ---- JSON structure -----------------------------------------------------------------
    "json-not-object": {
        "en": "a trace file must hold one JSON object {{...}}, found '{found}'",
        "zh_CN": "轨迹文件的顶层必须是一个 JSON 对象 {{...}}，实际是 '{found}'",
    },
    "duplicate-key": {
        "en": "the key \"{key}\" appears twice in the same object",
        "zh_CN": "同一个对象中键 \"{key}\" 出现了两次",
    },
    "not-a-trace": {
        "en": "this JSON file is not a TCP Trainer trace: it needs "
              "\"format\": \"tcp-trainer-trace\"",
        "zh_CN": "此 JSON 文件不是 TCP Trainer 轨迹：缺少 \"format\": \"tcp-trainer-trace\"",
    },
    "unsupported-version": {
        "en": "trace format version {found} is not supported (this TCP Trainer reads version "
              "{supported}; a newer TCP Trainer may open the file)",
        "zh_CN": "不支持轨迹格式版本 {found}（当前的 TCP Trainer 只能读取版本 {supported}，"
                 "请尝试用更新的 TCP Trainer 打开）",
    },
    "missing-key": {
        "en": "\"{key}\" is missing in {where}",
        "zh_CN": "{where} 中缺少 \"{key}\"",
    },
    "unknown-key": {
        "en": "unknown key \"{key}\" in {where} (a typo? allowed keys: {allowed})",
        "zh_CN": "{where} 中有未知的键 \"{key}\"（是否拼写错误？允许的键：{allowed}）",
    },
    "expected-object": {
        "en": "{what} must be an object {{...}}, found '{found}'",
        "zh_CN": "{what} 应为对象 {{...}}，实际是 '{found}'",
    },
    "expected-array": {
        "en": "{what} must be a list [...], found '{found}'",
        "zh_CN": "{what} 应为列表 [...]，实际是 '{found}'",
    },
    "expected-string": {
        "en": "{what} must be a string in double quotes, found '{found}'",
        "zh_CN": "{what} 应为双引号括起的字符串，实际是 '{found}'",
    },
    "expected-true": {
        "en": "{what} can only be true; leave it out instead of writing false",
        "zh_CN": "{what} 只能是 true；不需要时请直接省略，不要写 false",
    },
    "unknown-event-type": {
        "en": "unknown event type '{found}' (expected \"segment\", \"call\", \"timeout\" or "
              "\"crash\")",
        "zh_CN": "未知的事件类型 '{found}'（应为 \"segment\"、\"call\"、\"timeout\" 或 \"crash\"）",
    },
    "arrive-or-lost": {
        "en": "a segment needs an arrival time \"arrive\" or \"lost\": true",
        "zh_CN": "报文段必须给出到达时间 \"arrive\"，或者标明 \"lost\": true",
    },
    "bytes-not-allowed": {
        "en": "\"bytes\" belongs to a send call only, not to {call}",
        "zh_CN": "只有 send 调用才能带 \"bytes\"，{call} 调用不能带",
    },
    "unknown-call": {
        "en": "unknown call '{found}' (expected listen, connect, send, close, shutdown or abort)",
        "zh_CN": "未知的调用 '{found}'（应为 listen、connect、send、close、shutdown 或 abort）",
    },
    # ---- values -------------------------------------------------------------------------
    "expected-boolean": {
        "en": "{what} must be true or false, found '{found}'",
        "zh_CN": "{what} 应为 true 或 false，实际是 '{found}'",
    },
    "expected-integer": {
        "en": "{what} must be a whole number, found '{found}'",
        "zh_CN": "{what} 应为整数，实际是 '{found}'",
    },
    "expected-number": {
        "en": "{what} must be a number, found '{found}'",
        "zh_CN": "{what} 应为数字，实际是 '{found}'",
    },
    "out-of-range": {
        "en": "{what} must be between {min} and {max}, found '{found}'",
        "zh_CN": "{what} 应在 {min} 到 {max} 之间，实际是 '{found}'",
    },
    "arrive-and-lost": {
        "en": "a segment cannot both arrive and be lost: give an arrival time or 'lost', "
              "not both",
        "zh_CN": "报文段不能既到达又丢失：到达时间与 lost 只能给出其中之一",
    },
    "unknown-flag": {
        "en": "unknown TCP flag '{found}' (flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR)",
        "zh_CN": "未知的 TCP 标志 '{found}'（可用的标志为 SYN、ACK、FIN、RST、PSH、URG、ECE、CWR）",
    },
    "duplicate-flag": {
        "en": "the flag '{found}' is given twice",
        "zh_CN": "标志 '{found}' 重复出现",
    },
    "unknown-state": {
        "en": "unknown TCP state '{found}': use an RFC 9293 name such as SYN-SENT, "
              "SYN-RECEIVED, ESTABLISHED or TIME-WAIT",
        "zh_CN": "未知的 TCP 状态 '{found}'：请使用 RFC 9293 中的状态名，如 SYN-SENT、"
                 "SYN-RECEIVED、ESTABLISHED 或 TIME-WAIT",
    },
    "unknown-host": {
        "en": "unknown host '{found}': the two hosts are always A and B",
        "zh_CN": "未知的主机 '{found}'：两台主机只能是 A 和 B",
    },
    "same-host": {
        "en": "a segment goes from one host to the other, not from {host} to {host}",
        "zh_CN": "报文段应从一台主机发往另一台主机，不能从 {host} 发给 {host} 自己",
    },
    "unknown-timer": {
        "en": "unknown timer '{found}' (expected retransmission, time-wait, keepalive or user)",
        "zh_CN": "未知的定时器 '{found}'（应为 retransmission、time-wait、keepalive 或 user）",
    },
    "unknown-role": {
        "en": "unknown role '{found}' (expected client, server or peer)",
        "zh_CN": "未知的角色 '{found}'（应为 client、server 或 peer）",
    },
    "invalid-address": {
        "en": "invalid address '{found}': write an IPv4 address like 10.0.0.1:40000 or an IPv6 "
              "address in brackets like [2001:db8::1]:80",
        "zh_CN": "地址 '{found}' 无效：IPv4 地址请写成 10.0.0.1:40000 的形式，IPv6 地址请加方括号，"
                 "如 [2001:db8::1]:80",
    },
    "invalid-hex": {
        "en": "{what} must be hexadecimal digits 0-9 a-f in pairs, one pair per byte "
              "(like 68656c6c6f), found '{found}'",
        "zh_CN": "{what} 应为成对的十六进制数字 0-9 a-f，每两位表示一个字节（如 68656c6c6f），"
                 "实际是 '{found}'",
    },
    "invalid-language": {
        "en": "invalid language tag '{found}' (use a tag such as en or zh_CN)",
        "zh_CN": "语言标记 '{found}' 无效（请使用 en、zh_CN 这样的标记）",
    },
    "len-data-mismatch": {
        "en": "the length {len} does not match the data, which is {data_len} bytes long",
        "zh_CN": "长度 {len} 与数据不符：数据实际为 {data_len} 字节",
    },
    "ack-value-missing": {
        "en": "ACK flag set but no ack value: give the acknowledgment number (ack=...)",
        "zh_CN": "设置了 ACK 标志，却没有给出 ack 的值：请写出确认号（ack=...）",
    },
    "missing-initial-state": {
        "en": "host {host}: initial connection variables need the state they belong to, "
              "for example state=ESTABLISHED",
        "zh_CN": "主机 {host}：给出初始连接变量时必须同时给出所处的状态，例如 state=ESTABLISHED",
    },
    "duplicate-field": {
        "en": "{field} is given twice",
        "zh_CN": "{field} 重复给出",
    },
    # ---- text notation ------------------------------------------------------------------
    "unknown-keyword": {
        "en": "unknown keyword '{found}': a line starts with a time (like 0.000), title:, "
              "description:, host or option",
        "zh_CN": "未知的关键字 '{found}'：每行应以时间（如 0.000）、title:、description:、host 或 "
                 "option 开头",
    },
    "missing-colon": {
        "en": "'{keyword}' must be followed by ':', as in {keyword}: text",
        "zh_CN": "'{keyword}' 之后应有冒号，例如 {keyword}: 文本",
    },
    "expected-time": {
        "en": "expected a time in seconds like 0.050 (or +0.100 for 'after the previous line'), "
              "found '{found}'",
        "zh_CN": "此处应为以秒为单位的时间，如 0.050（或 +0.100，表示比上一行晚 0.1 秒），"
                 "实际是 '{found}'",
    },
    "time-out-of-range": {
        "en": "the time '{found}' is out of range: times lie between 0 and {max} seconds",
        "zh_CN": "时间 '{found}' 超出范围：时间必须在 0 到 {max} 秒之间",
    },
    "missing-event": {
        "en": "the time must be followed by an event, such as A>B SYN seq=100 or A connect",
        "zh_CN": "时间之后应写出一个事件，例如 A>B SYN seq=100 或 A connect",
    },
    "missing-call": {
        "en": "say what host {host} does: listen, connect, send N, close, shutdown, abort, "
              "crash or timeout T",
        "zh_CN": "请写出主机 {host} 做了什么：listen、connect、send N、close、shutdown、abort、"
                 "crash 或 timeout T",
    },
    "unknown-action": {
        "en": "unknown action '{found}' (expected listen, connect, send N, close, shutdown, "
              "abort, crash or timeout T; a segment is written A>B)",
        "zh_CN": "未知的动作 '{found}'（应为 listen、connect、send N、close、shutdown、abort、crash "
                 "或 timeout T；报文段应写成 A>B 的形式）",
    },
    "unexpected-word": {
        "en": "unexpected '{found}' here",
        "zh_CN": "此处不应出现 '{found}'",
    },
    "missing-value": {
        "en": "{what} needs a value",
        "zh_CN": "{what} 缺少取值",
    },
    "missing-field": {
        "en": "the segment has no {field}= value; every segment needs one",
        "zh_CN": "该报文段缺少 {field}= 的值，每个报文段都必须给出",
    },
    "unknown-field": {
        "en": "unknown field '{found}' (known fields: {allowed})",
        "zh_CN": "未知的字段 '{found}'（可用的字段：{allowed}）",
    },
    "unterminated-string": {
        "en": "this string is never closed: a '\"' is missing before the end of the line",
        "zh_CN": "字符串没有结束：行尾之前缺少右双引号 '\"'",
    },
    "bad-escape": {
        "en": "invalid escape '{found}' in a string (use \\n, \\t, \\r, \\\\, \\\", \\xNN or "
              "\\uNNNN)",
        "zh_CN": "字符串中的转义 '{found}' 无效（可用 \\n、\\t、\\r、\\\\、\\\"、\\xNN 或 \\uNNNN）",
    },
    "misplaced-quote": {
        "en": "a double quote may only start a value, as in label=\"text\"",
        "zh_CN": "双引号只能出现在取值的开头，例如 label=\"文本\"",
    },
    "unterminated-claims": {
        "en": "the state claims are never closed: ']' is missing",
        "zh_CN": "状态声明没有结束：缺少右方括号 ']'",
    },
    "bad-claim": {
        "en": "expected a state claim HOST:STATE such as A:SYN-SENT, found '{found}'",
        "zh_CN": "此处应为“主机:状态”形式的状态声明，如 A:SYN-SENT，实际是 '{found}'",
    },
    "unterminated-header": {
        "en": "this RFC-style field is never closed: '>' is missing",
        "zh_CN": "RFC 风格的字段没有结束：缺少 '>'",
    },
    "bad-arrival": {
        "en": "after '@' expected an arrival time like @0.050, or @+0.05 for 'after sending', "
              "found '{found}'",
        "zh_CN": "'@' 之后应为到达时间，如 @0.050，或 @+0.05（表示发送后 0.05 秒到达），"
                 "实际是 '{found}'",
    },
    "bad-data": {
        "en": "data must be a quoted string like data=\"hello\" or hexadecimal like "
              "data=0x68656c6c6f, found '{found}'",
        "zh_CN": "data 应为带引号的字符串（如 data=\"hello\"）或十六进制（如 data=0x68656c6c6f），"
                 "实际是 '{found}'",
    },
}

#: The location prefix, by what is known: line and column, line only, or just the file.
LOCATIONS: dict[str, dict[str, str]] = {
    "en": {
        "line-column": "{source}:{line}:{column}: ",
        "line": "{source}:{line}: ",
        "file": "{source}: ",
    },
    "zh_CN": {
        "line-column": "{source} 第 {line} 行第 {column} 列：",
        "line": "{source} 第 {line} 行：",
        "file": "{source}：",
    },
}


def message(code: str, params: dict, lang: str = "en") -> str:
    """The message for ``code`` without its location; unknown codes show code and params."""
    return catalog_message(FORMAT_ERRORS, code, params, lang)


def location(source: str, line: int | None, column: int | None, lang: str = "en") -> str:
    templates = LOCATIONS[shipped_language(lang)]
    if line is not None and column is not None:
        return templates["line-column"].format(source=source, line=line, column=column)
    if line is not None:
        return templates["line"].format(source=source, line=line)
    return templates["file"].format(source=source)
