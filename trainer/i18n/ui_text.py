"""The command line's own strings, in each language.

``text(key, lang, **params)`` renders one. An entry whose value is a pair ``(one, many)`` is
chosen by the ``n`` parameter (English plurals; Chinese needs one form).
"""

from __future__ import annotations

from trainer.i18n.locale import DEFAULT, normalize

UI: dict[str, dict[str, str | tuple[str, str]]] = {
    # ---- argparse help -----------------------------------------------------------------------
    "prog.description": {
        "en": "TCP Trainer: learn how TCP connections are established and closed, and check "
              "traces of your own against RFC 9293.",
        "zh_CN": "TCP Trainer：学习 TCP 连接的建立与释放，并按照 RFC 9293 检查你自己画出的报文轨迹。",
    },
    "prog.epilog": {
        "en": "Run \"tcp-trainer COMMAND --help\" for the options of one command.",
        "zh_CN": "运行 “tcp-trainer 命令 --help” 查看某个命令的选项。",
    },
    "help.commands": {"en": "commands", "zh_CN": "命令"},
    "help.usage": {"en": "usage: ", "zh_CN": "用法："},
    "help.positionals": {"en": "arguments", "zh_CN": "参数"},
    "help.options": {"en": "options", "zh_CN": "选项"},
    "help.version": {"en": "show the version and exit", "zh_CN": "显示版本号并退出"},
    "help.help": {"en": "show this help and exit", "zh_CN": "显示本帮助并退出"},
    "help.lang": {
        "en": "language of the output: zh_CN or en (default: from the system locale)",
        "zh_CN": "输出语言：zh_CN 或 en（默认取自系统区域设置）",
    },
    "help.color": {
        "en": "colour the output: auto (only on a terminal, and not when NO_COLOR is set), "
              "always or never",
        "zh_CN": "彩色输出：auto（仅在终端上且未设置 NO_COLOR 时）、always 或 never",
    },
    "help.check": {
        "en": "check a trace file against RFC 9293 (exit 0 valid, 1 invalid, 2 unreadable)",
        "zh_CN": "按照 RFC 9293 检查轨迹文件（退出码 0 有效，1 无效，2 无法读取）",
    },
    "help.check.file": {
        "en": "the trace: text notation (.tcpt) or JSON",
        "zh_CN": "轨迹文件：文本记法（.tcpt）或 JSON",
    },
    "help.check.json": {
        "en": "print the result as JSON (stable shape, see README)",
        "zh_CN": "以 JSON 输出结果（格式固定，见 README）",
    },
    "help.scenarios": {"en": "list the built-in scenarios", "zh_CN": "列出内置场景"},
    "help.gui": {"en": "open the desktop app (the default command)",
                 "zh_CN": "打开桌面程序（默认命令）"},
    "help.gui.files": {"en": "trace files to open", "zh_CN": "要打开的轨迹文件"},
    "help.render": {"en": "render the main window with a trace to a PNG image (no display needed)",
                    "zh_CN": "把载入轨迹的主窗口渲染成 PNG 图片（无需显示器）"},
    "help.render.file": {"en": "trace file (text notation or JSON)",
                         "zh_CN": "轨迹文件（文本记法或 JSON）"},
    "help.render.output": {"en": "the PNG file to write", "zh_CN": "要写入的 PNG 文件"},
    "help.render.size": {"en": "window size in pixels, default 1280x800",
                         "zh_CN": "窗口尺寸（像素），默认 1280x800"},
    "help.show": {"en": "print one built-in scenario", "zh_CN": "显示一个内置场景"},
    "help.show.name": {
        "en": "the scenario's name (see \"tcp-trainer scenarios\")",
        "zh_CN": "场景名称（见 “tcp-trainer scenarios”）",
    },
    "help.show.format": {
        "en": "text: the scenario in text notation; json: the trace as JSON",
        "zh_CN": "text：以文本记法显示场景；json：以 JSON 显示轨迹",
    },
    # ---- check: human output -----------------------------------------------------------------
    "check.file": {"en": "File: {file}", "zh_CN": "文件：{file}"},
    "check.connection": {"en": "Connection {id}", "zh_CN": "连接 {id}"},
    "check.endpoint": {"en": "{letter} = {name}", "zh_CN": "{letter} = {name}"},
    "col.step": {"en": "#", "zh_CN": "#"},
    "col.time": {"en": "time", "zh_CN": "时间"},
    "col.event": {"en": "event", "zh_CN": "事件"},
    "col.transition": {"en": "transition", "zh_CN": "状态转换"},
    "check.initial": {"en": "start", "zh_CN": "初始"},
    "event.call": {"en": "{host}: {call}", "zh_CN": "{host} 调用 {call}"},
    "event.timeout": {"en": "{host}: timeout, {timer}", "zh_CN": "{host}：超时（{timer}）"},
    "event.crash": {"en": "{host}: crashes / reboots", "zh_CN": "{host}：崩溃 / 重启"},
    "event.lost": {"en": "(lost)", "zh_CN": "（丢失）"},
    "event.old_duplicate": {"en": "(old duplicate)", "zh_CN": "（旧的重复报文段）"},
    "event.bytes": {"en": "{n} bytes", "zh_CN": "{n} 字节"},
    "severity.error": {"en": "error", "zh_CN": "错误"},
    "severity.warning": {"en": "warning", "zh_CN": "警告"},
    "severity.info": {"en": "note", "zh_CN": "说明"},
    "check.history": {"en": "{host}: {states}", "zh_CN": "{host}：{states}"},
    "check.history_header": {"en": "State sequence", "zh_CN": "状态变化"},
    "check.inferred": {"en": "Inferred from the trace", "zh_CN": "由轨迹推断"},
    "check.unplaced": {"en": "Findings for the whole trace", "zh_CN": "针对整个轨迹的问题"},
    "check.no_events": {"en": "(the trace has no events)", "zh_CN": "（轨迹中没有事件）"},
    "count.errors": {"en": ("{n} error", "{n} errors"), "zh_CN": "{n} 个错误"},
    "count.warnings": {"en": ("{n} warning", "{n} warnings"), "zh_CN": "{n} 个警告"},
    "verdict.valid": {
        "en": "Valid: every step follows RFC 9293 ({errors}, {warnings}).",
        "zh_CN": "有效：每一步都符合 RFC 9293（{errors}，{warnings}）。",
    },
    "verdict.invalid": {
        "en": "Invalid: {errors}, {warnings}.",
        "zh_CN": "无效：{errors}，{warnings}。",
    },
    # ---- roles of hosts (HostSpec.role) -----------------------------------------------------
    "role.host.client": {"en": "client", "zh_CN": "客户端"},
    "role.host.server": {"en": "server", "zh_CN": "服务器"},
    "role.host.peer": {"en": "peer", "zh_CN": "对等方"},
    # ---- roles of sent segments (Step.role) --------------------------------------------------
    "role.retransmission": {"en": "retransmission", "zh_CN": "重传"},
    "role.keepalive": {"en": "keep-alive", "zh_CN": "保活"},
    "role.reply-rst": {"en": "RST reply", "zh_CN": "复位回应"},
    "role.challenge-ack": {"en": "challenge ACK", "zh_CN": "挑战 ACK"},
    "role.dup-ack": {"en": "duplicate ACK", "zh_CN": "重复确认"},
    "role.window-probe": {"en": "window probe", "zh_CN": "零窗口探测"},
    "role.old-duplicate": {"en": "old duplicate", "zh_CN": "旧的重复报文段"},
    "role.abort": {"en": "RST by ABORT", "zh_CN": "ABORT 发出的复位"},
    # ---- what the checker inferred (CheckResult.inferred, by "event") ------------------------
    "infer.initial-state": {
        "en": "{host} starts in {state} (inferred from its first events)",
        "zh_CN": "根据最早的事件推断 {host} 的初始状态为 {state}",
    },
    "infer.initial-tcb": {
        "en": "{host} starts with {values} (inferred from its first segments)",
        "zh_CN": "根据最早的报文段推断 {host} 的初始变量：{values}",
    },
    "infer.window-scale-unknown": {
        "en": "{host}'s connection began before the trace: the window scale its SYNs set up "
              "(RFC 7323) is unknown, so its window sizes are not checked",
        "zh_CN": "{host} 的连接在轨迹开始之前就已建立：SYN 协商的窗口扩大因子（RFC 7323）未知，"
                 "因此不检查它的窗口大小",
    },
    "infer.call": {
        "en": "step {step}: {host} must have called {call}; the trace does not show the call",
        "zh_CN": "第 {step} 步：轨迹中没有写出这个调用，但 {host} 此前一定调用过 {call}",
    },
    "infer.timeout": {
        "en": "step {step}: {host}'s {timer} must have expired before this",
        "zh_CN": "第 {step} 步：{host} 的 {timer} 在此之前一定已经超时",
    },
    "infer.implicit-listen": {
        "en": "step {step}: {host} was listening: it had no connection, yet it answers the SYN "
              "with SYN,ACK",
        "zh_CN": "第 {step} 步：{host} 当时处于监听状态：它没有连接，却用 SYN,ACK 回应了 SYN",
    },
    "infer.timewait-reopen": {
        "en": "step {step}: {host} accepts a new SYN in TIME-WAIT and reopens the connection "
              "(RFC 9293 3.6.1, MAY-2)",
        "zh_CN": "第 {step} 步：{host} 在 TIME-WAIT 中接受了新的 SYN，重新打开连接（RFC 9293 第 "
                 "3.6.1 节，MAY-2）",
    },
    "infer.syn-reset-rfc793": {
        "en": "step {step}: {host} does not use the RFC 5961 mitigation: it answers an in-window "
              "SYN with a RST and closes",
        "zh_CN": "第 {step} 步：{host} 没有采用 RFC 5961 的防护：它对窗口内的 SYN 回复 RST 并关闭连接",
    },
    "infer.rst-without-rfc5961": {
        "en": "step {step}: {host} does not use the RFC 5961 mitigation: it accepts any "
              "in-window RST",
        "zh_CN": "第 {step} 步：{host} 没有采用 RFC 5961 的防护：它接受任何落在窗口内的 RST",
    },
    # ---- scenarios ---------------------------------------------------------------------------
    "scenarios.header": {"en": "Built-in scenarios", "zh_CN": "内置场景"},
    "scenarios.none": {"en": "No built-in scenarios are installed.", "zh_CN": "没有安装内置场景。"},
    "scenarios.hint": {
        "en": "Show one with: tcp-trainer show NAME",
        "zh_CN": "查看某个场景：tcp-trainer show 名称",
    },
    "col.name": {"en": "name", "zh_CN": "名称"},
    "col.title": {"en": "title", "zh_CN": "标题"},
    "show.title": {"en": "Title: {title}", "zh_CN": "标题：{title}"},
    "show.description": {"en": "Description: {description}", "zh_CN": "说明：{description}"},
    # ---- errors ------------------------------------------------------------------------------
    "error.prefix": {"en": "error", "zh_CN": "错误"},
    "error.cannot_read": {"en": "cannot read {file}: {reason}", "zh_CN": "无法读取 {file}：{reason}"},
    "error.not_found": {"en": "no such file", "zh_CN": "文件不存在"},
    "error.is_directory": {"en": "it is a directory, not a file", "zh_CN": "这是一个目录，不是文件"},
    "error.permission": {"en": "permission denied", "zh_CN": "没有读取权限"},
    "error.not_utf8": {
        "en": "not a UTF-8 text file (byte {position})",
        "zh_CN": "不是 UTF-8 编码的文本文件（第 {position} 字节）",
    },
    "error.unknown_scenario": {
        "en": "there is no built-in scenario called \"{name}\"",
        "zh_CN": "没有名为 “{name}” 的内置场景",
    },
    "error.did_you_mean": {"en": "did you mean: {names}?", "zh_CN": "你要找的是不是：{names}？"},
    "error.available": {"en": "available: {names}", "zh_CN": "可用的场景：{names}"},
    "error.internal": {
        "en": "internal error, please report it: {error}",
        "zh_CN": "内部错误，请报告此问题：{error}",
    },
    "error.debug_hint": {
        "en": "(run with TCP_TRAINER_DEBUG=1 to see the full traceback)",
        "zh_CN": "（设置环境变量 TCP_TRAINER_DEBUG=1 后重新运行可查看完整的回溯信息）",
    },
    "error.interrupted": {"en": "interrupted", "zh_CN": "已中断"},
    # ---- exercises and grading (trainer.practice.cli_commands) --------------------------------
    "help.exercise": {
        "en": "work with exercise files: validate, seal answers, export to Moodle",
        "zh_CN": "处理习题文件：检查格式、加密答案、导出到 Moodle",
    },
    "help.exercise.validate": {
        "en": "check exercise files and report every problem with its line and column "
              "(exit 0 valid, 2 invalid)",
        "zh_CN": "检查习题文件，报告每个问题所在的行和列（退出码 0 正确，2 有错误）",
    },
    "help.exercise.seal": {
        "en": "replace plain answers (answer = ...) by salted hashes, in place",
        "zh_CN": "把明文答案（answer = ...）就地替换为加盐哈希",
    },
    "help.exercise.export": {
        "en": "export the exercises that Moodle XML or GIFT can express; the others are listed "
              "as skipped",
        "zh_CN": "导出 Moodle XML 或 GIFT 能够表达的习题；其余习题会列为已跳过",
    },
    "help.exercise.file": {"en": "an exercise file (.toml), or a folder of them",
                           "zh_CN": "习题文件（.toml），或包含习题文件的文件夹"},
    "help.exercise.one-file": {"en": "an exercise file (.toml)", "zh_CN": "习题文件（.toml）"},
    "help.exercise.moodle": {"en": "write Moodle XML", "zh_CN": "输出 Moodle XML"},
    "help.exercise.gift": {"en": "write GIFT", "zh_CN": "输出 GIFT 格式"},
    "help.exercise.output": {
        "en": "the file to write (default: standard output)",
        "zh_CN": "要写入的文件（默认输出到标准输出）",
    },
    "help.exercise.seed": {
        "en": "the parameter seed of the exported variant (default 0)",
        "zh_CN": "导出版本所用的参数种子（默认为 0）",
    },
    "help.grade": {
        "en": "grade a folder of answer files into a CSV table (exit 1 if some files were "
              "rejected)",
        "zh_CN": "为一个文件夹中的答卷评分并输出 CSV 表格（有答卷被拒绝时退出码为 1）",
    },
    "help.grade.exercises": {
        "en": "the exercise file, or a folder of them",
        "zh_CN": "习题文件，或包含习题文件的文件夹",
    },
    "help.grade.submissions": {
        "en": "a folder of answer files (*.tcpanswers), or one answer file",
        "zh_CN": "包含答卷文件（*.tcpanswers）的文件夹，或单个答卷文件",
    },
    "help.grade.csv": {
        "en": "the CSV file to write: one row per student and exercise, and a TOTAL row",
        "zh_CN": "要写入的 CSV 文件：每名学生每道习题一行，另有一行 TOTAL 合计",
    },
    "error.exercise-action": {
        "en": "say what to do: tcp-trainer exercise validate|seal|export FILE",
        "zh_CN": "请指明操作：tcp-trainer exercise validate|seal|export 文件",
    },
}

from trainer.i18n.capture_text import CAPTURE_UI  # noqa: E402 - one UI table, kept in two files

UI.update(CAPTURE_UI)


def text(key: str, lang: str, /, **params) -> str:
    """The UI string ``key`` in ``lang`` (English if missing there), formatted with ``params``."""
    entry = UI[key]
    value = entry.get(normalize(lang) or DEFAULT) or entry[DEFAULT]
    if isinstance(value, tuple):
        value = value[0] if params.get("n") == 1 else value[1]
    return value.format(**params) if params else value


def role_text(role: str, lang: str) -> str:
    """How a segment's role (``Step.role``) reads; the role itself when it has no entry."""
    key = f"role.{role}"
    return text(key, lang) if key in UI else role
