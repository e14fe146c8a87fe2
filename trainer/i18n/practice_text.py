"""Sentences of practice and exams, per language: grading verdicts, requirement descriptions,
topic and kind names, and the output of the ``exercise`` and ``grade`` commands.

``text(key, lang, **params)`` renders one (English when a language is missing); a missing
parameter shows as ``?`` rather than failing, because verdicts are shown to learners.
"""

from __future__ import annotations

from trainer.i18n.locale import shipped_language

PRACTICE: dict[str, dict[str, str]] = {
    # ---- verdict marks ----------------------------------------------------------------------
    "mark.right": {"en": "✓", "zh_CN": "✓"},
    "mark.wrong": {"en": "✗", "zh_CN": "✗"},
    "mark.partial": {"en": "½", "zh_CN": "½"},
    "mark.info": {"en": "·", "zh_CN": "·"},
    # ---- answers ------------------------------------------------------------------------------
    "answer.none": {"en": "Not answered.", "zh_CN": "未作答。"},
    "answer.malformed": {
        "en": "The answer cannot be read (it does not have the shape this kind of exercise "
              "expects).",
        "zh_CN": "无法读取答案（答案的格式不符合这类习题的要求）。",
    },
    # ---- fill-in ------------------------------------------------------------------------------
    "fillin.missing": {
        "en": "?{name} ({field}): not filled in; the answer is {solution}.",
        "zh_CN": "?{name}（{field}）：未填写；答案是 {solution}。",
    },
    "fillin.right": {"en": "?{name} ({field}) = {given}: right.",
                     "zh_CN": "?{name}（{field}）= {given}：正确。"},
    "fillin.right-alternative": {
        "en": "?{name} ({field}) = {given}: right (it follows the rules too; the usual answer "
              "is {solution}).",
        "zh_CN": "?{name}（{field}）= {given}：正确（同样符合规则；通常的答案是 {solution}）。",
    },
    "fillin.wrong": {
        "en": "?{name} ({field}) = {given}: wrong; the answer is {solution}.",
        "zh_CN": "?{name}（{field}）= {given}：错误；答案是 {solution}。",
    },
    "fillin.blank-empty": {
        "en": "?{name} ({field}): empty; the answer is {solution}.",
        "zh_CN": "?{name}（{field}）：为空；答案是 {solution}。",
    },
    "fillin.not-a-number": {
        "en": "?{name} ({field}): '{found}' is not a sequence number (a whole number from 0 to "
              "4294967295); the answer is {solution}.",
        "zh_CN": "?{name}（{field}）：'{found}' 不是序号（应为 0 到 4294967295 之间的整数）；"
                 "答案是 {solution}。",
    },
    "fillin.not-flags": {
        "en": "?{name} ({field}): '{found}' is not a set of TCP flags such as SYN,ACK; the "
              "answer is {solution}.",
        "zh_CN": "?{name}（{field}）：'{found}' 不是 TCP 标志位组合（例如 SYN,ACK）；答案是 {solution}。",
    },
    "fillin.syn-send": {
        "en": "'{found}' is not a TCP state: the state after sending a SYN is SYN-SENT "
              "(\"SYN sent\"), not \"SYN_SEND\". The answer is {solution}.",
        "zh_CN": "'{found}' 不是 TCP 状态：发送 SYN 之后的状态是 SYN-SENT（“SYN 已发送”），"
                 "而不是 “SYN_SEND”。答案是 {solution}。",
    },
    "fillin.not-a-state": {
        "en": "?{name} ({field}): '{found}' is not one of the eleven RFC 9293 states; the "
              "answer is {solution}.",
        "zh_CN": "?{name}（{field}）：'{found}' 不是 RFC 9293 的 11 种状态之一；答案是 {solution}。",
    },
    "fillin.not-an-arrival": {
        "en": "?{name} ({field}): answer 'lost' or an arrival time in seconds, not '{found}'; "
              "the answer is {solution}.",
        "zh_CN": "?{name}（{field}）：应填 lost 或以秒为单位的到达时间，而不是 '{found}'；"
                 "答案是 {solution}。",
    },
    "field.seq": {"en": "sequence number", "zh_CN": "序号"},
    "field.ack": {"en": "acknowledgment number", "zh_CN": "确认号"},
    "field.flags": {"en": "flags", "zh_CN": "标志位"},
    "field.arrival": {"en": "arrival", "zh_CN": "到达"},
    "field.claim": {"en": "state", "zh_CN": "状态"},
    # ---- find-the-bug -------------------------------------------------------------------------
    "findbug.found": {
        "en": "Event {event}: found, and the rule is right: “{rule_name}”.",
        "zh_CN": "事件 {event}：找到了，违反的规则也正确：“{rule_name}”。",
    },
    "findbug.wrong-rule": {
        "en": "Event {event}: the right event, but the rule it breaks is “{rule_name}”, not "
              "“{given}”.",
        "zh_CN": "事件 {event}：事件找对了，但它违反的规则是“{rule_name}”，而不是“{given}”。",
    },
    "findbug.missed": {
        "en": "Event {event}: missed; it breaks the rule “{rule_name}”.",
        "zh_CN": "事件 {event}：漏掉了；它违反的规则是“{rule_name}”。",
    },
    "findbug.false-mark": {
        "en": "Event {event}: marked (“{given}”), but it follows RFC 9293 (a wrong mark costs "
              "half of what finding an error earns).",
        "zh_CN": "事件 {event}：被标记为错误（“{given}”），但它符合 RFC 9293（每个误标扣除找出一处错误"
                 "所得分数的一半）。",
    },
    # ---- rules a find-the-bug learner names (error finding codes) ----------------------
    "rule.arrival-before-send": {
        "en": "a segment arrives before it is sent",
        "zh_CN": "报文段在发送之前就到达了",
    },
    "rule.send-without-connection": {"en": "sending without a connection", "zh_CN": "没有连接却发送报文段"},
    "rule.synack-without-syn": {
        "en": "SYN,ACK without a SYN received",
        "zh_CN": "未收到 SYN 就发送 SYN,ACK",
    },
    "rule.syn-not-allowed": {
        "en": "SYN in a state that cannot send one",
        "zh_CN": "在不能发送 SYN 的状态下发送 SYN",
    },
    "rule.flags-invalid": {"en": "impossible flag combination", "zh_CN": "不可能的标志位组合"},
    "rule.reopen-iss-too-small": {
        "en": "reopening TIME-WAIT with too small an ISN",
        "zh_CN": "在 TIME-WAIT 中重新打开连接时初始序号过小",
    },
    "rule.syn-seq-not-iss": {
        "en": "a retransmitted SYN must reuse the ISN",
        "zh_CN": "重传的 SYN 必须使用原来的初始序号",
    },
    "rule.ack-flag-missing": {"en": "ACK flag missing", "zh_CN": "缺少 ACK 标志"},
    "rule.ack-not-next": {"en": "wrong acknowledgment number", "zh_CN": "确认号错误"},
    "rule.seq-not-next": {"en": "wrong sequence number", "zh_CN": "序号错误"},
    "rule.retransmit-acked": {
        "en": "retransmits what was already acknowledged",
        "zh_CN": "重传了已被确认的数据",
    },
    "rule.data-after-fin": {"en": "new data after its own FIN", "zh_CN": "发送 FIN 之后又发送新数据"},
    "rule.fin-seq-changed": {
        "en": "a retransmitted FIN must keep its sequence number",
        "zh_CN": "重传的 FIN 必须保持原来的序号",
    },
    "rule.fin-not-allowed": {
        "en": "FIN in a state that cannot send one",
        "zh_CN": "在不能发送 FIN 的状态下发送 FIN",
    },
    "rule.data-not-allowed": {
        "en": "data before the connection is established",
        "zh_CN": "连接建立之前发送数据",
    },
    "rule.send-before-synchronized": {
        "en": "sending in SYN-SENT before the peer's SYN",
        "zh_CN": "在 SYN-SENT 状态下、收到对方 SYN 之前发送报文段",
    },
    "rule.rst-unprovoked": {"en": "RST with nothing to reset", "zh_CN": "无缘无故发送 RST"},
    "rule.rst-seq-wrong": {"en": "wrong sequence number in a RST", "zh_CN": "RST 的序号错误"},
    "rule.rst-ack-wrong": {
        "en": "wrong acknowledgment number in a RST,ACK",
        "zh_CN": "RST,ACK 的确认号错误",
    },
    "rule.rst-ack-required": {"en": "this RST must be RST,ACK", "zh_CN": "这个 RST 必须带 ACK"},
    "rule.timer-not-running": {
        "en": "a timeout of a timer that is not running",
        "zh_CN": "未启动的计时器超时",
    },
    "rule.claim-mismatch": {"en": "wrong state", "zh_CN": "状态错误"},
    # ---- predict-next -------------------------------------------------------------------------
    "predict.state-missing": {
        "en": "After event {event}, {host} is in {actual} (not answered).",
        "zh_CN": "事件 {event} 之后，{host} 处于 {actual}（未作答）。",
    },
    "predict.state-unknown": {
        "en": "After event {event}: '{found}' is not an RFC 9293 state; {host} is in {actual}.",
        "zh_CN": "事件 {event} 之后：'{found}' 不是 RFC 9293 的状态；{host} 处于 {actual}。",
    },
    "predict.state-right": {
        "en": "After event {event}, {host} is in {actual}: right.",
        "zh_CN": "事件 {event} 之后，{host} 处于 {actual}：正确。",
    },
    "predict.state-wrong": {
        "en": "After event {event}, {host} is in {actual}, not {given}.",
        "zh_CN": "事件 {event} 之后，{host} 处于 {actual}，而不是 {given}。",
    },
    "predict.segment-missing": {
        "en": "Event {event}: not answered; the next segment is {actual}.",
        "zh_CN": "事件 {event}：未作答；下一个报文段是 {actual}。",
    },
    "predict.segment-right": {
        "en": "Event {event}: {chosen} — right.",
        "zh_CN": "事件 {event}：{chosen}——正确。",
    },
    "predict.segment-wrong": {
        "en": "Event {event}: {chosen} cannot come next; the next segment is {actual}. Why:",
        "zh_CN": "事件 {event}：{chosen} 不可能是下一个报文段；下一个报文段是 {actual}。原因：",
    },
    "predict.segment-also-valid": {
        "en": "Event {event}: {chosen} would follow the rules too (the trace continues with "
              "{actual}).",
        "zh_CN": "事件 {event}：{chosen} 同样符合规则（轨迹中接下来的是 {actual}）。",
    },
    # ---- build --------------------------------------------------------------------------------
    "build.unreadable": {
        "en": "The trace cannot be read:",
        "zh_CN": "无法读取轨迹：",
    },
    "build.valid": {
        "en": "The trace follows RFC 9293.",
        "zh_CN": "轨迹符合 RFC 9293。",
    },
    "build.invalid": {
        "en": "The trace breaks RFC 9293 ({count} error(s)):",
        "zh_CN": "轨迹违反 RFC 9293（{count} 处错误）：",
    },
    "build.met": {"en": "Requirement met: {requirement}", "zh_CN": "满足要求：{requirement}"},
    "build.unmet": {"en": "Requirement not met: {requirement}",
                    "zh_CN": "未满足要求：{requirement}"},
    "build.requirement": {"en": "Requirement: {requirement}", "zh_CN": "要求：{requirement}"},
    "req.host.A": {"en": "A", "zh_CN": "A"},
    "req.host.B": {"en": "B", "zh_CN": "B"},
    "req.host.any": {"en": "at least one host", "zh_CN": "至少一方"},
    "req.host.both": {"en": "both hosts", "zh_CN": "双方都"},
    "req.host.never-any": {"en": "either host", "zh_CN": "双方都"},
    "req.host.together": {"en": "the two hosts together", "zh_CN": "双方合计"},
    "req.passes-through": {"en": "{state} is reached by {host}",
                           "zh_CN": "{host}经过 {state} 状态"},
    "req.never-in": {"en": "{state} is never reached by {host}",
                     "zh_CN": "{host}从未进入 {state} 状态"},
    "req.ends-in": {"en": "the last state of {host} is {states}",
                    "zh_CN": "{host}最终处于 {states} 状态"},
    "req.sends": {"en": "{bounds} segment(s){data}{flags}{without}{lost} sent by {host}{state}",
                  "zh_CN": "{host}{state}发送{bounds} 个{data}{lost}报文段{flags}{without}"},
    "req.calls": {"en": "{call} called by {host} ({bounds} time(s))",
                  "zh_CN": "{host}调用 {call}（{bounds} 次）"},
    "req.transition": {"en": "the transition “{transition}” taken by {host} ({bounds} time(s))",
                       "zh_CN": "{host}经历状态转换“{transition}”（{bounds} 次）"},
    "req.flags": {"en": " with {flags}", "zh_CN": "（标志位含 {flags}）"},
    "req.without": {"en": " without {without}", "zh_CN": "（不含 {without}）"},
    "req.state": {"en": " in {state}", "zh_CN": "在 {state} 状态下"},
    "req.data.yes": {"en": " carrying data", "zh_CN": "携带数据的"},
    "req.data.no": {"en": " without data", "zh_CN": "不带数据的"},
    "req.lost.yes": {"en": " that is lost", "zh_CN": "丢失的"},
    "req.lost.no": {"en": " that arrives", "zh_CN": "到达对方的"},
    "req.bounds.at-least": {"en": "at least {min}", "zh_CN": "至少 {min}"},
    "req.bounds.at-most": {"en": "at most {max}", "zh_CN": "至多 {max}"},
    "req.bounds.exactly": {"en": "exactly {min}", "zh_CN": "恰好 {min}"},
    "req.bounds.between": {"en": "{min} to {max}", "zh_CN": "{min} 到 {max}"},
    "req.or": {"en": " or ", "zh_CN": " 或 "},
    "req.count": {"en": " (found {count})", "zh_CN": "（实际：{count}）"},
    # ---- calculate ----------------------------------------------------------------------------
    "calculate.right": {
        "en": "{given}{unit}: right (the answer is {correct}{unit}).",
        "zh_CN": "{given}{unit}：正确（答案是 {correct}{unit}）。",
    },
    "calculate.wrong": {
        "en": "{given}{unit}: wrong; the answer is {correct}{unit} (accepted within ±{tolerance}).",
        "zh_CN": "{given}{unit}：错误；答案是 {correct}{unit}（允许误差 ±{tolerance}）。",
    },
    "calculate.sealed-right": {"en": "{given}{unit}: right.", "zh_CN": "{given}{unit}：正确。"},
    "calculate.sealed-wrong": {"en": "{given}{unit}: wrong.", "zh_CN": "{given}{unit}：错误。"},
    "calculate.not-a-number": {
        "en": "'{found}' is not a number.",
        "zh_CN": "'{found}' 不是数字。",
    },
    # ---- choice -------------------------------------------------------------------------------
    "choice.right": {"en": "Your choice {given}: right.", "zh_CN": "你的选择 {given}：正确。"},
    "choice.wrong": {"en": "Your choice {given}: wrong.", "zh_CN": "你的选择 {given}：错误。"},
    "choice.none": {"en": "No option chosen.", "zh_CN": "没有选择任何选项。"},
    "choice.picked": {"en": "({option}, your choice) {option_text}",
                      "zh_CN": "（{option}，你的选择）{option_text}"},
    "choice.not-picked": {"en": "({option}) {option_text}", "zh_CN": "（{option}）{option_text}"},
    # ---- names --------------------------------------------------------------------------------
    "kind.build": {"en": "build the trace", "zh_CN": "构造轨迹"},
    "kind.fill-in": {"en": "fill in", "zh_CN": "填空"},
    "kind.find-the-bug": {"en": "find the bug", "zh_CN": "找错"},
    "kind.predict-next": {"en": "predict the next step", "zh_CN": "预测下一步"},
    "kind.calculate": {"en": "calculate", "zh_CN": "计算"},
    "kind.choice": {"en": "choice", "zh_CN": "选择"},
    "topic.handshake": {"en": "three-way handshake", "zh_CN": "三次握手"},
    "topic.teardown": {"en": "connection release", "zh_CN": "连接释放（四次挥手）"},
    "topic.seq-numbers": {"en": "sequence and acknowledgment numbers", "zh_CN": "序号与确认号"},
    "topic.states": {"en": "connection states", "zh_CN": "连接状态"},
    "topic.time-wait": {"en": "TIME-WAIT and 2MSL", "zh_CN": "TIME-WAIT 与 2MSL"},
    "topic.simultaneous": {"en": "simultaneous open and close", "zh_CN": "同时打开与同时关闭"},
    "topic.half-close": {"en": "half-close", "zh_CN": "半关闭"},
    "topic.rst": {"en": "resets (RST)", "zh_CN": "复位（RST）"},
    "topic.keepalive": {"en": "keep-alive", "zh_CN": "保活机制"},
    "topic.syn-queue": {"en": "SYN queue and SYN-ACK retransmission",
                        "zh_CN": "半连接队列与 SYN-ACK 重传"},
    "topic.header": {"en": "TCP header fields and flags", "zh_CN": "TCP 首部字段与标志位"},
    "topic.wireshark": {"en": "Wireshark and relative sequence numbers",
                        "zh_CN": "Wireshark 与相对序号"},
    "topic.sockets": {"en": "socket calls and transitions", "zh_CN": "套接字调用与状态转换"},
    "topic.timing": {"en": "timing calculations", "zh_CN": "时间计算"},
    "topic.retransmission": {"en": "loss and retransmission", "zh_CN": "丢失与重传"},
    # ---- reports ------------------------------------------------------------------------------
    "report.score": {"en": "Score: {score} of {points}", "zh_CN": "得分：{score} / {points}"},
    "report.hints": {
        "en": "{n} hint(s) used: −{percent}%",
        "zh_CN": "使用了 {n} 个提示：扣 {percent}%",
    },
    "report.solution": {"en": "Explanation: {text}", "zh_CN": "解析：{text}"},
    "report.event": {"en": "event {n}", "zh_CN": "事件 {n}"},
    # ---- the exercise and grade commands ------------------------------------------------------
    "cli.valid": {
        "en": "{file}: {n} exercise(s), valid",
        "zh_CN": "{file}：{n} 道习题，格式正确",
    },
    "cli.sealed": {
        "en": "{file}: sealed {n} answer(s)",
        "zh_CN": "{file}：已加密 {n} 个答案",
    },
    "cli.nothing-to-seal": {
        "en": "{file}: no plain answers to seal",
        "zh_CN": "{file}：没有需要加密的明文答案",
    },
    "cli.exported": {
        "en": "exported {n} exercise(s) to {target}",
        "zh_CN": "已导出 {n} 道习题到 {target}",
    },
    "cli.skipped": {
        "en": "skipped {id} ({kind}): {reason}",
        "zh_CN": "跳过 {id}（{kind}）：{reason}",
    },
    "skip.kind": {
        "en": "{format} has no question type for this kind",
        "zh_CN": "{format} 没有能表达这类习题的题型",
    },
    "skip.gift-blanks": {
        "en": "GIFT allows one blank per question and this exercise has several",
        "zh_CN": "GIFT 每道题只允许一个空，而这道习题有多个空",
    },
    "skip.sealed-number": {
        "en": "its answer is a sealed number, which cannot be recovered for export",
        "zh_CN": "它的答案是加密的数值，导出时无法还原",
    },
    "skip.no-key": {
        "en": "its sealed key matches no selection of its options",
        "zh_CN": "它的加密答案与任何选项组合都不匹配",
    },
    "cli.graded": {
        "en": "graded {students} student(s) × {exercises} exercise(s); wrote {csv}",
        "zh_CN": "已评分 {students} 名学生 × {exercises} 道习题；结果写入 {csv}",
    },
    "cli.bad-submission": {"en": "{file}: {reason}", "zh_CN": "{file}：{reason}"},
    "cli.unknown-exercise": {
        "en": "{file}: answer to unknown exercise \"{id}\" ignored",
        "zh_CN": "{file}：忽略了对未知习题 \"{id}\" 的作答",
    },
    "cli.other-version": {
        "en": "{file}: answered a different version of the exercise file (graded against this one)",
        "zh_CN": "{file}：作答时使用的习题文件版本不同（按当前版本评分）",
    },
    "cli.duplicate-student": {
        "en": "{file}: a second answer file for student \"{student}\" (both are listed)",
        "zh_CN": "{file}：学生 \"{student}\" 的第二份答卷（两份都会列出）",
    },
    "cli.no-submissions": {
        "en": "no answer files (*.tcpanswers, *.json) in {folder}",
        "zh_CN": "{folder} 中没有答卷文件（*.tcpanswers、*.json）",
    },
    "cli.total": {"en": "TOTAL", "zh_CN": "TOTAL"},
}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def text(key: str, lang: str, /, **params) -> str:
    entry = PRACTICE[key]
    template = entry.get(shipped_language(lang)) or entry["en"]
    return template.format_map(_Lenient(params))


def pick(texts: dict | None, lang: str) -> str:
    """An author's bilingual text in ``lang`` (English if it lacks one)."""
    if not texts:
        return ""
    return texts.get(shipped_language(lang)) or texts.get("en") or ""


def topic_name(topic: str, lang: str) -> str:
    key = "topic." + topic
    return text(key, lang) if key in PRACTICE else topic


def rule_name(code: str, lang: str) -> str:
    """A short name for a rule the engine reports (a finding code), for find-the-bug."""
    key = "rule." + code
    return text(key, lang) if key in PRACTICE else code


def kind_name(kind: str, lang: str) -> str:
    key = "kind." + kind
    return text(key, lang) if key in PRACTICE else kind
