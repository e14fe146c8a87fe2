"""Sentences of capture checking and import (``tcp-trainer check CAPTURE``, ``import``), in
English and Simplified Chinese. Merged into ``trainer.i18n.ui_text.UI``; same conventions."""

from __future__ import annotations

CAPTURE_UI: dict[str, dict] = {
    "help.check.connection": {
        "en": "for a capture: check only connection N (numbered from 0 as listed) and show its steps",
        "zh_CN": "用于抓包文件：只检查第 N 个连接（从 0 开始，按列出的编号），并显示每一步",
    },
    "help.import": {
        "en": "write one connection of a capture as a trace file the desktop app can open",
        "zh_CN": "把抓包文件中的一个连接写成桌面程序可以打开的轨迹文件",
    },
    "help.import.file": {"en": "capture file (pcap or pcapng)", "zh_CN": "抓包文件（pcap 或 pcapng）"},
    "help.import.connection": {
        "en": "the connection to write (its number in `tcp-trainer check CAPTURE`), default 0",
        "zh_CN": "要写出的连接（即 `tcp-trainer check 抓包文件` 列出的编号），默认为 0",
    },
    "help.import.output": {
        "en": "the trace file to write: .json, or .tcpt for the text notation",
        "zh_CN": "要写入的轨迹文件：.json，或用 .tcpt 表示文本记法",
    },
    "capture.header": {
        "en": ("{file}: {format}, {packets} TCP packet in {connections} connection(s)",
               "{file}: {format}, {packets} TCP packets in {connections} connection(s)"),
        "zh_CN": "{file}：{format}，{packets} 个 TCP 报文，{connections} 个连接",
    },
    "capture.ignored": {"en": "not TCP, ignored: {counts}", "zh_CN": "非 TCP 报文，已忽略：{counts}"},
    "capture.packets": {"en": ("{n} packet", "{n} packets"), "zh_CN": "{n} 个报文"},
    "capture.final": {"en": "A {a}, B {b}", "zh_CN": "A {a}，B {b}"},
    "capture.valid": {"en": "valid", "zh_CN": "有效"},
    "capture.invalid": {
        "en": "invalid at segment {segment} (frame {frame}): {message}",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）无法解释：{message}",
    },
    "capture.inferred_count": {
        "en": "inferred: {lost} lost, {late} late or reordered",
        "zh_CN": "推断：{lost} 个丢失，{late} 个晚到或乱序",
    },
    "capture.warnings": {
        "en": ("{n} packet skipped:", "{n} packets skipped:"),
        "zh_CN": "跳过了 {n} 个报文：",
    },
    "capture.more_warnings": {
        "en": "… and {n} more", "zh_CN": "……另有 {n} 个",
    },
    "capture.cut_short": {
        "en": "the capture was cut short; the connections above are checked up to the cut",
        "zh_CN": "抓包文件不完整；以上连接只检查到截断处为止",
    },
    "capture.summary": {
        "en": "{valid} of {total} connection(s) valid",
        "zh_CN": "{total} 个连接中 {valid} 个有效",
    },
    "capture.no_connections": {"en": "no TCP connections in the capture",
                               "zh_CN": "抓包文件中没有 TCP 连接"},
    "error.no_connection": {
        "en": "{file}: there is no connection {id}: the capture has {count} (numbered 0 to {last})",
        "zh_CN": "{file}：没有编号为 {id} 的连接：该抓包文件共有 {count} 个连接（编号 0 到 {last}）",
    },
    "error.not_a_capture": {
        "en": "{file}: import needs a capture file (pcap or pcapng)",
        "zh_CN": "{file}：import 需要抓包文件（pcap 或 pcapng）",
    },
    "error.cannot_write": {"en": "cannot write {file}: {reason}", "zh_CN": "无法写入 {file}：{reason}"},
    "import.written": {
        "en": "wrote connection {id} ({a} ↔ {b}, {packets} packets) to {file}",
        "zh_CN": "已把连接 {id}（{a} ↔ {b}，{packets} 个报文）写入 {file}",
    },
    "import.title": {
        "en": "{a} ↔ {b} (connection {id} of {file})",
        "zh_CN": "{a} ↔ {b}（{file} 中的连接 {id}）",
    },
    "import.description": {
        "en": "Imported from the capture {file}. Send times are the capture's, in seconds since its "
              "first packet ({start} UTC); arrival times and losses are inferred from the "
              "acknowledgments, because a capture sees each segment at one point only.",
        "zh_CN": "由抓包文件 {file} 导入。发送时间取自抓包，单位为秒，从抓包的第一个报文（{start} UTC）"
                 "起算；到达时间和丢失是根据确认号推断的，因为抓包只能在一个位置看到每个报文段。",
    },
    "infer.lost": {
        "en": "segment {segment} (frame {frame}) never arrived",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）没有到达",
    },
    "infer.lost.resent": {
        "en": "segment {segment} (frame {frame}) was lost: it was sent again before anything "
              "acknowledged it",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）丢失了：在被确认之前它又被重传了",
    },
    "infer.lost.acked-again": {
        "en": "segment {segment} (frame {frame}) was lost: its receiver retransmitted what it "
              "acknowledged, and the acknowledgment was sent again later",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）丢失了：对方重传了它已确认的数据，之后这个确认又被重发",
    },
    "infer.lost.search": {
        "en": "segment {segment} (frame {frame}) never arrived: no explanation in which it "
              "arrives fits what the hosts sent afterwards",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）没有到达：假设它到达，就无法解释双方之后发出的报文",
    },
    "infer.sent-before": {
        "en": "segment {segment} (frame {frame}) was sent before segment {before}: the network "
              "delivered them out of order, and the capture saw them as they arrived",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）其实在第 {before} 个报文段之前发出：网络把它们乱序送达，"
                 "抓包看到的是到达的顺序",
    },
    "infer.arrived-after": {
        "en": "segment {segment} (frame {frame}) arrived only after segment {after} was sent "
              "(they crossed in flight)",
        "zh_CN": "第 {segment} 个报文段（第 {frame} 帧）在第 {after} 个报文段发出之后才到达（二者在途中交错）",
    },
}
