"""Messages for capture-file errors and warnings (``trainer.capture.errors``), per language.

Each template is ``str.format``-ed with the error's parameters. The location
("file, offset 1234: ") is added by ``location()``, never by a template.
"""

from __future__ import annotations

from trainer.i18n.locale import catalog_message, shipped_language

LANGUAGES = ("en", "zh_CN")

CAPTURE_ERRORS: dict[str, dict[str, str]] = {
    # ---- the file cannot be read --------------------------------------------------------
    "file-not-found": {
        "en": "file not found",
        "zh_CN": "找不到文件",
    },
    "file-unreadable": {
        "en": "cannot read the file: {reason}",
        "zh_CN": "无法读取文件：{reason}",
    },
    "empty-file": {
        "en": "the file is empty, not a capture",
        "zh_CN": "文件为空，不是抓包文件",
    },
    "bad-magic": {
        "en": "not a pcap or pcapng capture: the file starts with {found} (a capture starts "
              "with a1b2c3d4, d4c3b2a1, a1b23c4d, 4d3cb2a1 or 0a0d0d0a)",
        "zh_CN": "不是 pcap 或 pcapng 抓包文件：文件以 {found} 开头（抓包文件应以 a1b2c3d4、"
                 "d4c3b2a1、a1b23c4d、4d3cb2a1 或 0a0d0d0a 开头）",
    },
    "truncated-file-header": {
        "en": "the file header is cut short ({size} bytes, {needed} needed)",
        "zh_CN": "文件头不完整（只有 {size} 字节，需要 {needed} 字节）",
    },
    "unsupported-version": {
        "en": "unsupported {format} version {version}",
        "zh_CN": "不支持的 {format} 版本 {version}",
    },
    "truncated-record-header": {
        "en": "the file ends inside a packet record header ({size} bytes left, {needed} needed)",
        "zh_CN": "文件在数据包记录头中间结束（剩余 {size} 字节，需要 {needed} 字节）",
    },
    "record-beyond-end": {
        "en": "a packet record of {length} bytes runs past the end of the file (only "
              "{available} bytes left)",
        "zh_CN": "长度为 {length} 字节的数据包记录超出了文件末尾（只剩 {available} 字节）",
    },
    "record-too-large": {
        "en": "a packet record claims {length} bytes, more than the limit of {limit} bytes "
              "(the file is damaged)",
        "zh_CN": "数据包记录声称有 {length} 字节，超过上限 {limit} 字节（文件已损坏）",
    },
    "truncated-block-header": {
        "en": "the file ends inside a pcapng block header ({size} bytes left, {needed} needed)",
        "zh_CN": "文件在 pcapng 块头中间结束（剩余 {size} 字节，需要 {needed} 字节）",
    },
    "bad-block-length": {
        "en": "invalid total length {length} for a pcapng block of type {block}",
        "zh_CN": "类型为 {block} 的 pcapng 块的总长度 {length} 无效",
    },
    "block-beyond-end": {
        "en": "a pcapng block of {length} bytes runs past the end of the file (only "
              "{available} bytes left)",
        "zh_CN": "长度为 {length} 字节的 pcapng 块超出了文件末尾（只剩 {available} 字节）",
    },
    "block-too-large": {
        "en": "a pcapng block claims {length} bytes, more than the limit of {limit} bytes "
              "(the file is damaged)",
        "zh_CN": "pcapng 块声称有 {length} 字节，超过上限 {limit} 字节（文件已损坏）",
    },
    "block-length-mismatch": {
        "en": "a pcapng block's trailing length {trailer} differs from its leading length "
              "{length} (the file is damaged)",
        "zh_CN": "pcapng 块末尾的长度 {trailer} 与开头的长度 {length} 不一致（文件已损坏）",
    },
    "bad-byte-order-magic": {
        "en": "the pcapng section header has an invalid byte-order magic {found}",
        "zh_CN": "pcapng 节头块的字节序标记 {found} 无效",
    },
    # ---- a bad packet inside a good file (warnings) -------------------------------------
    "unknown-interface": {
        "en": "packet skipped: it names interface {interface}, but the section has "
              "{count} interface(s)",
        "zh_CN": "已跳过数据包：它引用接口 {interface}，但该节只有 {count} 个接口",
    },
    "packet-exceeds-block": {
        "en": "packet skipped: its captured length {length} exceeds its block ({available} bytes)",
        "zh_CN": "已跳过数据包：其捕获长度 {length} 超出了所在块的大小（{available} 字节）",
    },
    "bad-block-option": {
        "en": "malformed options in a pcapng block of type {block}; the options were ignored "
              "from there on",
        "zh_CN": "类型为 {block} 的 pcapng 块中选项格式错误；从该处起的选项已被忽略",
    },
    "truncated-link-header": {
        "en": "packet skipped: the link-layer header (link type {link_type}) is cut short "
              "({size} bytes, {needed} needed)",
        "zh_CN": "已跳过数据包：链路层头（链路类型 {link_type}）不完整（只有 {size} 字节，需要 "
                 "{needed} 字节）",
    },
    "truncated-ip-header": {
        "en": "packet skipped: the IP header is cut short ({size} bytes, {needed} needed)",
        "zh_CN": "已跳过数据包：IP 头不完整（只有 {size} 字节，需要 {needed} 字节）",
    },
    "bad-ip-version": {
        "en": "packet skipped: IP version {found} where {expected} was expected",
        "zh_CN": "已跳过数据包：IP 版本为 {found}，应为 {expected}",
    },
    "bad-ip-header-length": {
        "en": "packet skipped: invalid IPv4 header length {found} bytes",
        "zh_CN": "已跳过数据包：IPv4 头长度 {found} 字节无效",
    },
    "bad-ip-total-length": {
        "en": "packet skipped: IP length {found} does not fit a {header}-byte header and a "
              "{packet}-byte packet",
        "zh_CN": "已跳过数据包：IP 长度 {found} 与 {header} 字节的头部和 {packet} 字节的数据包不符",
    },
    "bad-ipv6-extension": {
        "en": "packet skipped: IPv6 extension header {header} is cut short or runs past "
              "the packet",
        "zh_CN": "已跳过数据包：IPv6 扩展头 {header} 不完整或超出了数据包",
    },
    "fragmented-tcp": {
        "en": "TCP segment in a fragmented IP packet: its payload length is that of the "
              "first fragment only",
        "zh_CN": "TCP 报文段位于分片的 IP 包中：其载荷长度仅为第一个分片的长度",
    },
    "truncated-tcp-header": {
        "en": "packet skipped: the TCP header is cut short ({size} bytes, {needed} needed)",
        "zh_CN": "已跳过数据包：TCP 头不完整（只有 {size} 字节，需要 {needed} 字节）",
    },
    "bad-tcp-data-offset": {
        "en": "packet skipped: invalid TCP data offset {found} (header length in 32-bit words)",
        "zh_CN": "已跳过数据包：TCP 数据偏移 {found} 无效（以 32 位字计的首部长度）",
    },
}

#: The location prefix.
LOCATIONS: dict[str, str] = {
    "en": "{source}, offset {offset}: ",
    "zh_CN": "{source}，偏移 {offset}：",
}


def message(code: str, params: dict, lang: str = "en") -> str:
    """The message for ``code`` without its location; unknown codes show code and params."""
    return catalog_message(CAPTURE_ERRORS, code, params, lang)


def location(source: str, offset: int | None, lang: str = "en") -> str:
    if offset is None:
        return f"{source}: " if shipped_language(lang) == "en" else f"{source}："
    return LOCATIONS[shipped_language(lang)].format(source=source, offset=offset)
