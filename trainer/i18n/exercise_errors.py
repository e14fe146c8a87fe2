"""Messages for exercise-file and answer-file errors (``trainer.practice.errors``), per language.

Each template is ``str.format``-ed with the error's parameters. The location ("file:5:18: ")
is added by ``trainer.i18n.format_errors.location``, never by a template. Two codes nest
another catalog's message: ``trace-notation`` (the trace reader's error, from
``format_errors``) and the ``finding`` parameter of ``blank-unsolvable`` and
``reference-invalid`` (an engine finding, from the finding catalog).
"""

from __future__ import annotations

from trainer.i18n.locale import shipped_language

LANGUAGES = ("en", "zh_CN")

EXERCISE_ERRORS: dict[str, dict[str, str]] = {
    # ---- reading the file ---------------------------------------------------------------
    "file-not-found": {"en": "file not found", "zh_CN": "找不到文件"},
    "file-unreadable": {"en": "cannot read the file: {reason}", "zh_CN": "无法读取文件：{reason}"},
    "file-is-directory": {
        "en": "this is a folder, not a file",
        "zh_CN": "这是一个文件夹，不是文件",
    },
    "file-too-large": {
        "en": "the file is too large for an exercise file ({size} bytes; the limit is {limit})",
        "zh_CN": "文件过大，不像是习题文件（{size} 字节，上限为 {limit} 字节）",
    },
    "not-utf8": {
        "en": "the file is not UTF-8 text: byte {byte} cannot be decoded (save it as UTF-8)",
        "zh_CN": "文件不是 UTF-8 文本：无法解码字节 {byte}（请以 UTF-8 编码保存）",
    },
    "no-exercise-files": {
        "en": "no exercise files (*.toml) here",
        "zh_CN": "这里没有习题文件（*.toml）",
    },
    # ---- TOML syntax --------------------------------------------------------------------
    "toml-invalid-value": {
        "en": "TOML syntax error: expected a value (a \"string\", a number, true/false, "
              "[an array] or {{an inline table}}); text needs double quotes",
        "zh_CN": "TOML 语法错误：此处应为一个值（\"字符串\"、数字、true/false、[数组] 或 "
                 "{{内联表}}）；文字需要用双引号括起来",
    },
    "toml-expected-equals": {
        "en": "TOML syntax error: expected '=' after the key",
        "zh_CN": "TOML 语法错误：键名之后应为 '='",
    },
    "toml-unterminated-string": {
        "en": "TOML syntax error: this string is never closed (a one-line \"string\" must end "
              "on its line; use ''' or \"\"\" for several lines)",
        "zh_CN": "TOML 语法错误：字符串没有结束（单行 \"字符串\" 必须在本行内结束；多行文字请用 "
                 "''' 或 \"\"\"）",
    },
    "toml-unclosed-array": {
        "en": "TOML syntax error: the array is never closed (missing ']' or ',')",
        "zh_CN": "TOML 语法错误：数组没有结束（缺少 ']' 或 ','）",
    },
    "toml-unclosed-table": {
        "en": "TOML syntax error: the inline table is never closed (missing '}}' or ','; an "
              "inline table must fit on one line)",
        "zh_CN": "TOML 语法错误：内联表没有结束（缺少 '}}' 或 ','；内联表必须写在一行内）",
    },
    "toml-duplicate-key": {
        "en": "TOML error: '{key}' is defined twice",
        "zh_CN": "TOML 错误：'{key}' 被定义了两次",
    },
    "toml-duplicate-exercise": {
        "en": "TOML error: [exercise] is defined twice; a file with several exercises writes "
              "each as [[exercise]], with two brackets",
        "zh_CN": "TOML 错误：[exercise] 被定义了两次；包含多道习题的文件要把每道题写成 [[exercise]]"
                 "（两层方括号）",
    },
    "toml-bad-escape": {
        "en": "TOML syntax error: invalid escape in a \"string\" (write \\\\ for a backslash, or "
              "use a 'literal string')",
        "zh_CN": "TOML 语法错误：\"字符串\" 中的转义无效（反斜杠请写成 \\\\，或改用 '字面字符串'）",
    },
    "toml-bad-key": {
        "en": "TOML syntax error: a key must be a bare word (letters, digits, _ and -) or quoted",
        "zh_CN": "TOML 语法错误：键名只能由字母、数字、_ 和 - 组成，否则需要加引号",
    },
    "toml-expected-newline": {
        "en": "TOML syntax error: expected the end of the line after the value",
        "zh_CN": "TOML 语法错误：值之后应当换行",
    },
    "toml-bad-header": {
        "en": "TOML syntax error: a table header must look like [name] or [[name]]",
        "zh_CN": "TOML 语法错误：表头应写成 [名称] 或 [[名称]]",
    },
    "toml-illegal-character": {
        "en": "TOML syntax error: character {found} is not allowed here",
        "zh_CN": "TOML 语法错误：此处不允许出现字符 {found}",
    },
    "toml-invalid-date": {
        "en": "TOML syntax error: invalid date or time",
        "zh_CN": "TOML 语法错误：日期或时间无效",
    },
    "toml-syntax": {"en": "TOML syntax error ({detail})", "zh_CN": "TOML 语法错误（{detail}）"},
    # ---- structure ----------------------------------------------------------------------
    "not-exercises": {
        "en": "not an exercise file: format must be \"tcp-trainer-exercises\", found {found}",
        "zh_CN": "不是习题文件：format 应为 \"tcp-trainer-exercises\"，实际是 {found}",
    },
    "unsupported-version": {
        "en": "unsupported version {found}: this TCP Trainer reads version {supported}",
        "zh_CN": "不支持的版本 {found}：此版本的 TCP Trainer 只能读取第 {supported} 版",
    },
    "missing-key": {
        "en": "'{key}' is missing in {where}",
        "zh_CN": "{where} 中缺少 '{key}'",
    },
    "unknown-key": {
        "en": "unknown key '{key}' in {where} (allowed: {allowed})",
        "zh_CN": "{where} 中有未知的键 '{key}'（允许的键：{allowed}）",
    },
    "wrong-type": {
        "en": "{what} must be {expected}, found {found}",
        "zh_CN": "{what} 应为 {expected}，实际是 {found}",
    },
    "out-of-range": {
        "en": "{what} must be between {min} and {max}, found {found}",
        "zh_CN": "{what} 应在 {min} 到 {max} 之间，实际是 {found}",
    },
    "not-one-of": {
        "en": "{what}: {found} is not allowed (allowed: {allowed})",
        "zh_CN": "{what}：不允许 {found}（允许的值：{allowed}）",
    },
    "missing-language": {
        "en": "{what} needs a text in every language: {lang} is missing "
              "(write {{zh_CN = \"…\", en = \"…\"}})",
        "zh_CN": "{what} 需要提供每种语言的文字：缺少 {lang}（写成 {{zh_CN = \"…\", en = \"…\"}}）",
    },
    "empty-text": {
        "en": "{what}: the {lang} text is empty",
        "zh_CN": "{what}：{lang} 的文字为空",
    },
    "bad-id": {
        "en": "an id is lower-case letters, digits and '-' (at most 64), starting with a letter "
              "or digit; found {found}",
        "zh_CN": "标识符只能由小写字母、数字和 '-' 组成（最多 64 个字符），且以字母或数字开头；实际是 {found}",
    },
    "duplicate-id": {
        "en": "the exercise id \"{id}\" is used twice (first on line {line})",
        "zh_CN": "习题标识符 \"{id}\" 重复使用（第一次出现在第 {line} 行）",
    },
    "duplicate-value": {
        "en": "{what}: \"{found}\" appears twice",
        "zh_CN": "{what}：\"{found}\" 出现了两次",
    },
    "no-exercises": {
        "en": "the file has no exercise: add an [exercise] table or [[exercise]] tables",
        "zh_CN": "文件中没有习题：请添加 [exercise] 表或 [[exercise]] 表",
    },
    "mutually-exclusive": {
        "en": "'{first}' and '{second}' cannot both be given",
        "zh_CN": "'{first}' 与 '{second}' 不能同时给出",
    },
    "one-of-required": {
        "en": "either '{first}' or '{second}' is required",
        "zh_CN": "必须给出 '{first}' 或 '{second}' 之一",
    },
    "penalties-too-high": {
        "en": "the hint penalties add up to {total}; together they may take at most 1 "
              "(the whole score)",
        "zh_CN": "提示扣分合计为 {total}；所有提示合计最多扣 1（即全部得分）",
    },
    # ---- parameters, expressions, templates ---------------------------------------------
    "bad-param-name": {
        "en": "a parameter or measure name is lower-case letters, digits and _ (not a function "
              "name), found '{found}'",
        "zh_CN": "参数名或测量名只能由小写字母、数字和 _ 组成（且不能是函数名），实际是 '{found}'",
    },
    "param-range-empty": {
        "en": "parameter {name}: max ({max}) is below min ({min})",
        "zh_CN": "参数 {name}：max（{max}）小于 min（{min}）",
    },
    "param-too-many-values": {
        "en": "parameter {name}: more than {limit} possible values (use a larger step)",
        "zh_CN": "参数 {name}：可能的取值超过 {limit} 个（请加大 step）",
    },
    "param-step-mixed": {
        "en": "parameter {name}: a range with fractions needs a fractional step, such as "
              "step = 0.01",
        "zh_CN": "参数 {name}：含小数的范围需要给出小数步长，例如 step = 0.01",
    },
    "template-brace": {
        "en": "unmatched '{found}': a field is written {{expression}}; write {{{{ or }}}} for a "
              "brace itself",
        "zh_CN": "'{found}' 不成对：字段应写成 {{表达式}}；花括号本身请写成 {{{{ 或 }}}}",
    },
    "expr-syntax": {
        "en": "expression: '{found}' is not allowed here (numbers, parameter names, + - * / // "
              "% ** and parentheses)",
        "zh_CN": "表达式：此处不允许出现 '{found}'（可用数字、参数名、+ - * / // % ** 和括号）",
    },
    "expr-expected": {
        "en": "expression: expected '{expected}' here, found '{found}'",
        "zh_CN": "表达式：此处应为 '{expected}'，实际是 '{found}'",
    },
    "expr-expected-value": {
        "en": "expression: expected a number, a name or '(' here, found '{found}'",
        "zh_CN": "表达式：此处应为数字、名称或 '('，实际是 '{found}'",
    },
    "expr-too-long": {
        "en": "expression longer than {limit} characters",
        "zh_CN": "表达式超过 {limit} 个字符",
    },
    "expr-too-deep": {
        "en": "expression nested more than {limit} levels deep",
        "zh_CN": "表达式嵌套超过 {limit} 层",
    },
    "expr-unknown-name": {
        "en": "expression: unknown name '{name}' (known: {known})",
        "zh_CN": "表达式：未知的名称 '{name}'（已定义：{known}）",
    },
    "expr-unknown-function": {
        "en": "expression: unknown function '{name}' (available: {allowed})",
        "zh_CN": "表达式：未知的函数 '{name}'（可用：{allowed}）",
    },
    "expr-bad-call": {
        "en": "expression: {name}() cannot take {count} argument(s)",
        "zh_CN": "表达式：{name}() 不能接受 {count} 个参数",
    },
    "expr-division-by-zero": {
        "en": "expression: division by zero (for some parameter values)",
        "zh_CN": "表达式：除数为零（对某些参数取值）",
    },
    "expr-too-large": {
        "en": "expression: the result is larger than {limit}",
        "zh_CN": "表达式：结果大于 {limit}",
    },
    # ---- embedded traces ----------------------------------------------------------------
    "trace-notation": {"en": "in the trace: {message}", "zh_CN": "轨迹中：{message}"},
    "trace-not-shown": {
        "en": "this exercise has no trace",
        "zh_CN": "这道习题没有轨迹",
    },
    # ---- sealed answers -----------------------------------------------------------------
    "unsealed-answer": {
        "en": "exercise \"{id}\" has its answer in plain text; run \"tcp-trainer exercise seal "
              "FILE\" to replace it by a salted hash",
        "zh_CN": "习题 \"{id}\" 的答案是明文；请运行 “tcp-trainer exercise seal 文件” 把它替换为加盐哈希",
    },
    "bad-seal": {
        "en": "key must be a sealed answer \"sha256$SALT$DIGEST\" as written by \"tcp-trainer "
              "exercise seal\", found {found}",
        "zh_CN": "key 应为 “tcp-trainer exercise seal” 写出的加密答案 \"sha256$盐$摘要\"，实际是 {found}",
    },
    "sealed-with-params": {
        "en": "a sealed (hand-given) number cannot depend on random parameters: remove params "
              "or give the answer as a formula",
        "zh_CN": "加密的（手工给出的）数值答案不能依赖随机参数：请删除 params，或把答案写成公式",
    },
    # ---- build --------------------------------------------------------------------------
    "unknown-rule": {
        "en": "unknown rule {found} (allowed: {allowed})",
        "zh_CN": "未知的规则 {found}（允许的规则：{allowed}）",
    },
    "rule-key-not-allowed": {
        "en": "'{key}' does not apply to {rule} (allowed: {allowed})",
        "zh_CN": "'{key}' 不适用于 {rule}（允许的键：{allowed}）",
    },
    "count-bounds": {
        "en": "max ({max}) is below min ({min})",
        "zh_CN": "max（{max}）小于 min（{min}）",
    },
    # ---- fill-in ------------------------------------------------------------------------
    "no-blanks": {
        "en": "a fill-in trace needs at least one blank such as ack=?ack2",
        "zh_CN": "填空题的轨迹至少需要一个空，例如 ack=?ack2",
    },
    "blank-misplaced": {
        "en": "blank ?{name} is not where a value can be asked: use seq=?{name}, ack=?{name}, "
              "the flags word, a word for the arrival, or A:?{name} in the claims",
        "zh_CN": "空 ?{name} 的位置无法提问：只能写成 seq=?{name}、ack=?{name}、标志位、到达时间，"
                 "或状态声明中的 A:?{name}",
    },
    "blank-repeated": {
        "en": "blank ?{name} appears twice; every blank needs its own name",
        "zh_CN": "空 ?{name} 出现了两次；每个空需要不同的名称",
    },
    "blank-in-string": {
        "en": "blank ?{name} is inside a quoted string",
        "zh_CN": "空 ?{name} 位于带引号的字符串中",
    },
    "blank-unsolvable": {
        "en": "the engine cannot fill in {names}: {finding}",
        "zh_CN": "引擎无法推出 {names} 的值：{finding}",
    },
    "blank-not-determined": {
        "en": "blank ?{name} is not determined by the rules: {other} would be accepted too",
        "zh_CN": "空 ?{name} 的答案不唯一：按照规则，{other} 也是正确的",
    },
    "blank-too-many-combinations": {
        "en": "too many flag and arrival blanks to try (more than {limit} combinations)",
        "zh_CN": "标志位和到达时间的空太多，无法逐一尝试（超过 {limit} 种组合）",
    },
    # ---- find-the-bug -------------------------------------------------------------------
    "bug-count": {
        "en": "bugs = {expected}, but the engine finds {found} error(s) (event:rule): {where}",
        "zh_CN": "bugs = {expected}，但引擎找到 {found} 处错误（事件:规则）：{where}",
    },
    "rule-missing": {
        "en": "rules must include the rule of every planted error; missing: {codes}",
        "zh_CN": "rules 必须包含每个错误所违反的规则；缺少：{codes}",
    },
    "not-an-error-code": {
        "en": "{found} is not a rule the engine reports as an error",
        "zh_CN": "{found} 不是引擎会报告为错误的规则",
    },
    # ---- predict-next -------------------------------------------------------------------
    "event-out-of-range": {
        "en": "event {found} does not exist: the trace has {count} events",
        "zh_CN": "事件 {found} 不存在：轨迹只有 {count} 个事件",
    },
    "checkpoint-not-segment": {
        "en": "event {event} is not a segment, so it cannot be asked as the next segment",
        "zh_CN": "事件 {event} 不是报文段，不能作为“下一个报文段”来提问",
    },
    "checkpoints-out-of-order": {
        "en": "checkpoints must follow the trace: event {event} comes before the previous one",
        "zh_CN": "检查点必须按轨迹顺序排列：事件 {event} 在前一个检查点之前",
    },
    "distractor-valid": {
        "en": "the distractor {found} is also a valid next segment, so the question would "
              "have two right answers",
        "zh_CN": "干扰项 {found} 也是合法的下一个报文段，题目会有两个正确答案",
    },
    "distractor-same": {
        "en": "the distractor {found} is the real segment",
        "zh_CN": "干扰项 {found} 与真实的报文段相同",
    },
    "distractor-not-segment": {
        "en": "a distractor is one segment written like B>A ACK seq=300 ack=101, found {found}",
        "zh_CN": "干扰项应是一个报文段，写法如 B>A ACK seq=300 ack=101，实际是 {found}",
    },
    "reference-invalid": {
        "en": "the trace must follow RFC 9293, but the engine reports: {finding}",
        "zh_CN": "轨迹必须符合 RFC 9293，但引擎报告：{finding}",
    },
    # ---- calculate ----------------------------------------------------------------------
    "measure-not-found": {
        "en": "measure {name} never happens in the scenario",
        "zh_CN": "测量 {name} 在场景中从未发生",
    },
    "needs-trace": {
        "en": "measure {name} needs a scenario (or trace) to read times from",
        "zh_CN": "测量 {name} 需要一个场景（scenario 或 trace）来读取时间",
    },
    # ---- choice -------------------------------------------------------------------------
    "single-needs-one": {
        "en": "a single-choice question has exactly one right option, found {found} "
              "(set multiple = true for more)",
        "zh_CN": "单选题恰好有一个正确选项，实际有 {found} 个（多选题请设置 multiple = true）",
    },
    "too-many-options": {
        "en": "at most {limit} options",
        "zh_CN": "最多 {limit} 个选项",
    },
    "unknown-option": {
        "en": "no option has the id {found} (ids: {allowed})",
        "zh_CN": "没有标识符为 {found} 的选项（现有：{allowed}）",
    },
    # ---- answer files -------------------------------------------------------------------
    "answer-not-json": {
        "en": "not an answer file: it is not JSON",
        "zh_CN": "不是答卷文件：不是合法的 JSON",
    },
    "answer-not-answers": {
        "en": "not a TCP Trainer answer file (format must be \"tcp-trainer-answers\")",
        "zh_CN": "不是 TCP Trainer 答卷文件（format 应为 \"tcp-trainer-answers\"）",
    },
    "answer-unsupported-version": {
        "en": "unsupported answer-file version {found} (this TCP Trainer reads {supported})",
        "zh_CN": "不支持的答卷文件版本 {found}（此版本只能读取第 {supported} 版）",
    },
    "answer-tampered": {
        "en": "the answer file was changed after TCP Trainer wrote it (integrity check failed)",
        "zh_CN": "答卷文件在 TCP Trainer 写出之后被修改过（完整性校验失败）",
    },
    "answer-bad-field": {
        "en": "the answer file has a missing or invalid '{field}'",
        "zh_CN": "答卷文件中的 '{field}' 缺失或无效",
    },
}


def _nested_finding(finding, lang: str) -> str:
    if not isinstance(finding, dict):
        return "—"
    if "trace_code" in finding:
        from trainer.i18n.format_errors import message as format_message

        return format_message(finding["trace_code"], finding.get("params") or {}, lang)
    from trainer.i18n.catalog import render

    return render(finding.get("code", "?"), finding.get("params") or {}, lang,
                  finding.get("names") or {})


def message(code: str, params: dict, lang: str = "en") -> str:
    """The message for ``code`` without its location; unknown codes show code and params."""
    templates = EXERCISE_ERRORS.get(code)
    if templates is None:
        return f"{code} {params}"
    lang = shipped_language(lang)
    values = dict(params)
    if code == "trace-notation":
        from trainer.i18n.format_errors import message as format_message

        values = {"message": format_message(params["code"], params["params"], lang)}
    elif "finding" in values:
        values["finding"] = _nested_finding(values["finding"], lang)
    return templates[lang].format(**values)
