<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuthoringWindow</name>
    <message>
        <source>New Exercise — %1</source>
        <extracomment>An exercise file was saved (its path).</extracomment>
        <translation>新建习题 — %1</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>习题</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>题型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>编号(&amp;I)：</translation>
    </message>
    <message>
        <source>Lower-case letters, digits and “-”; answer files refer to it</source>
        <translation>小写字母、数字和“-”；答卷文件按它引用习题</translation>
    </message>
    <message>
        <source>&amp;Topics:</source>
        <translation>知识点(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Difficulty:</source>
        <translation>难度(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation>分值(&amp;P)：</translation>
    </message>
    <message>
        <source>Keep the state claims written in the trace (they show learners states)</source>
        <translation>保留轨迹中写明的状态（它们会把状态告诉学习者）</translation>
    </message>
    <message>
        <source>Texts, in both languages</source>
        <translation>文字（中英文都要写）</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <source>P&amp;rompt:</source>
        <translation>题干(&amp;R)：</translation>
    </message>
    <message>
        <source>E&amp;xplanation:</source>
        <translation>解析(&amp;X)：</translation>
    </message>
    <message>
        <source>Shown after grading</source>
        <translation>评分后显示</translation>
    </message>
    <message>
        <source>Hints, shown one at a time</source>
        <translation>提示（逐条显示）</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>扣分比例</translation>
    </message>
    <message>
        <source>Add &amp;Hint</source>
        <translation>添加提示(&amp;H)</translation>
    </message>
    <message>
        <source>Remove Hint</source>
        <translation>删除提示</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>事件(&amp;E)：</translation>
    </message>
    <message>
        <source>Select an event (click it in the diagram or choose its number), then click the fields learners fill in.</source>
        <translation>选择一个事件（在图中点击它，或选择它的编号），再点击要让学习者填写的字段。</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>ack</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>标志位</translation>
    </message>
    <message>
        <source>arrival</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>A&apos;s state</source>
        <translation>A 的状态</translation>
    </message>
    <message>
        <source>B&apos;s state</source>
        <translation>B 的状态</translation>
    </message>
    <message>
        <source>Plant mistakes in the selected event. Every error the engine then finds is a bug learners must find.</source>
        <translation>在选中的事件中埋入错误。引擎随后发现的每一处错误，都是学习者要找出的错误。</translation>
    </message>
    <message>
        <source>ack + 1</source>
        <translation>确认号 + 1</translation>
    </message>
    <message>
        <source>seq + 1</source>
        <translation>序号 + 1</translation>
    </message>
    <message>
        <source>Drop the ACK flag</source>
        <translation>去掉 ACK 标志</translation>
    </message>
    <message>
        <source>Claim:</source>
        <translation>声明状态：</translation>
    </message>
    <message>
        <source>Add the Claim</source>
        <translation>添加状态声明</translation>
    </message>
    <message>
        <source>Undo All Plants</source>
        <translation>撤销所有埋入的错误</translation>
    </message>
    <message>
        <source>Rules learners choose from (the planted ones are always offered):</source>
        <translation>供学习者选择的规则（埋入错误对应的规则总会列出）：</translation>
    </message>
    <message>
        <source>At the selected event, ask learners for:</source>
        <translation>在选中的事件处，让学习者回答：</translation>
    </message>
    <message>
        <source>A&apos;s state once the event is processed</source>
        <translation>处理完该事件后 A 的状态</translation>
    </message>
    <message>
        <source>B&apos;s state once the event is processed</source>
        <translation>处理完该事件后 B 的状态</translation>
    </message>
    <message>
        <source>the segment itself, among wrong ones</source>
        <translation>该报文段本身（混在错误选项中）</translation>
    </message>
    <message>
        <source>Wrong segments offered (separated by “;”):</source>
        <translation>作为干扰项的错误报文段（用“;”分隔）：</translation>
    </message>
    <message>
        <source>Learners must build a valid trace that meets the ticked requirements; these are met by this trace.</source>
        <translation>学习者必须构造一条合法且满足所勾选要求的轨迹；这条轨迹满足这些要求。</translation>
    </message>
    <message>
        <source>Learners start from this trace&apos;s hosts (no events)</source>
        <translation>学习者从这条轨迹的主机设置开始（没有事件）</translation>
    </message>
    <message>
        <source>Several options are right</source>
        <translation>多个选项正确</translation>
    </message>
    <message>
        <source>Show the trace with the question</source>
        <translation>随题目显示轨迹</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Feedback (中文)</source>
        <translation>反馈（中文）</translation>
    </message>
    <message>
        <source>Feedback (English)</source>
        <translation>反馈（English）</translation>
    </message>
    <message>
        <source>Add &amp;Option</source>
        <translation>添加选项(&amp;O)</translation>
    </message>
    <message>
        <source>Remove Option</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>答案(&amp;A)：</translation>
    </message>
    <message>
        <source>Decimals:</source>
        <translation>小数位数：</translation>
    </message>
    <message>
        <source>Unit (中文, English):</source>
        <translation>单位（中文、English）：</translation>
    </message>
    <message>
        <source>The answer is sealed (salted and hashed) when the file is saved. Answers computed from parameters and measures: edit the file by hand.</source>
        <translation>保存文件时答案会被加密（加盐哈希）。由参数和测量值计算的答案：请手动编辑文件。</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Exercise File</source>
        <translation>习题文件</translation>
    </message>
    <message>
        <source>Pre&amp;view as Learner</source>
        <translation>以学习者身份预览(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>%1: what learners answer</source>
        <translation>%1：学习者回答什么</translation>
    </message>
    <message>
        <source>?%1 — event %2, %3</source>
        <translation>?%1 — 事件 %2，%3</translation>
    </message>
    <message>
        <source>No blanks yet.</source>
        <translation>还没有空。</translation>
    </message>
    <message>
        <source>event %1: %2</source>
        <translation>事件 %1：%2</translation>
    </message>
    <message>
        <source>No mistakes planted yet.</source>
        <translation>还没有埋入错误。</translation>
    </message>
    <message>
        <source>event %1: the segment (%2 wrong ones)</source>
        <translation>事件 %1：报文段本身（%2 个错误选项）</translation>
    </message>
    <message>
        <source>No checkpoints yet.</source>
        <translation>还没有检查点。</translation>
    </message>
    <message>
        <source>new exercise</source>
        <translation>新习题</translation>
    </message>
    <message>
        <source>✔ The exercise is valid.</source>
        <translation>✔ 习题有效。</translation>
    </message>
    <message>
        <source>Preview as Learner</source>
        <translation>以学习者身份预览</translation>
    </message>
    <message>
        <source>Save Exercise File</source>
        <translation>保存习题文件</translation>
    </message>
    <message>
        <source>Exercise files (*.toml)</source>
        <translation>习题文件 (*.toml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot Save the Exercise</source>
        <translation>无法保存习题</translation>
    </message>
    <message>
        <source>The file could not be written to %1:
%2</source>
        <translation>无法写入文件 %1：
%2</translation>
    </message>
    <message>
        <source>✔ Saved %1</source>
        <translation>✔ 已保存 %1</translation>
    </message>
</context>
<context>
    <name>BuildAnswer</name>
    <message>
        <source>Your trace must be valid and meet these requirements:</source>
        <translation>你的轨迹必须合法，并满足下列要求：</translation>
    </message>
    <message>
        <source>Draw in the diagram: drag from one lifeline to the other to send a segment, double-click an arrow to edit it, right-click for user calls, timeouts and more. Or write the trace as text.</source>
        <translation>在图中绘制：从一条生命线拖到另一条生命线即发送一个报文段，双击箭头可编辑它，右键可插入用户调用、超时等。也可以用文本记法书写轨迹。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>文本(&amp;T)</translation>
    </message>
    <message>
        <source>Show the trace in the text notation</source>
        <translation>以文本记法显示轨迹</translation>
    </message>
    <message>
        <source>Start &amp;Over</source>
        <translation>重新开始(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CalculateAnswer</name>
    <message>
        <source>&amp;Answer:</source>
        <translation>答案(&amp;A)：</translation>
    </message>
    <message>
        <source>Give %1 decimal place(s); a decimal comma is fine too.</source>
        <translation>保留 %1 位小数；用逗号作小数点也可以。</translation>
    </message>
    <message>
        <source>Give a whole number.</source>
        <translation>请填写整数。</translation>
    </message>
</context>
<context>
    <name>ChoiceAnswer</name>
    <message>
        <source>Choose every right answer:</source>
        <translation>选出所有正确答案：</translation>
    </message>
    <message>
        <source>Choose one answer:</source>
        <translation>选出一个答案：</translation>
    </message>
</context>
<context>
    <name>ExamWindow</name>
    <message>
        <source>No exercise matches these topics.</source>
        <extracomment>True when an exam starts, False when it is submitted or the window closes.</extracomment>
        <translation>没有符合这些知识点的习题。</translation>
    </message>
    <message>
        <source>Answered: %1 of %2</source>
        <translation>已作答：%1 / %2</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>用时：%1</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>剩余时间：%1</translation>
    </message>
    <message>
        <source>Submit your answers? They cannot be changed afterwards.</source>
        <translation>提交答案吗？提交后不能再修改。</translation>
    </message>
    <message>
        <source>%1 question(s) are not answered yet.</source>
        <translation>还有 %1 道题没有作答。</translation>
    </message>
    <message>
        <source>Submit the Exam</source>
        <translation>交卷</translation>
    </message>
    <message>
        <source>History Not Saved</source>
        <translation>未能保存到历史记录</translation>
    </message>
    <message>
        <source>This result could not be stored in the history:
%1</source>
        <translation>这次成绩无法保存到历史记录中：
%1</translation>
    </message>
    <message>
        <source>Score: %1 of %2 (%3 %)</source>
        <translation>得分：%1 / %2（%3 %）</translation>
    </message>
    <message>
        <source>Time: %1 of %2</source>
        <translation>用时：%1 / %2</translation>
    </message>
    <message>
        <source>The time ran out: the answers on screen were submitted.</source>
        <translation>时间到：已自动提交屏幕上的答案。</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>习题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>By topic, weakest first:</source>
        <translation>按知识点（最薄弱的在前）：</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Your Name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Your name, as your instructor knows it:</source>
        <translation>你的姓名（老师认识的写法）：</translation>
    </message>
    <message>
        <source>Save Answers</source>
        <translation>保存答卷</translation>
    </message>
    <message>
        <source>Answer files (*.tcpanswers)</source>
        <translation>答卷文件 (*.tcpanswers)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot Save Answers</source>
        <translation>无法保存答卷</translation>
    </message>
    <message>
        <source>The answers could not be saved to %1:
%2</source>
        <translation>无法把答卷保存到 %1：
%2</translation>
    </message>
    <message>
        <source>Open Exercise File</source>
        <translation>打开习题文件</translation>
    </message>
    <message>
        <source>Exercise files (*.toml)</source>
        <translation>习题文件 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot Open Exercise File</source>
        <translation>无法打开习题文件</translation>
    </message>
    <message>
        <source>%1 (%2 exercises)</source>
        <translation>%1（%2 道题）</translation>
    </message>
    <message>
        <source>Exam — %1</source>
        <translation>考试 — %1</translation>
    </message>
    <message>
        <source>A new exam</source>
        <translation>新的考试</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>A whole &amp;set:</source>
        <translation>整套习题(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>A &amp;random draw from every exercise</source>
        <translation>从全部习题中随机抽题(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Number of questions:</source>
        <translation>题目数量(&amp;N)：</translation>
    </message>
    <message>
        <source>T&amp;opics (none ticked: all):</source>
        <translation>知识点(&amp;O)（不勾选即全部）：</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>时间限制(&amp;T)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限时</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>你的姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>for the answer file you hand in</source>
        <translation>用于你要提交的答卷文件</translation>
    </message>
    <message>
        <source>During the exam nothing is checked and the diagram suggests no numbers. When you submit, or when the time is up, every answer is graded and explained.</source>
        <translation>考试期间不会判题，图中也不会自动填写序号。交卷或时间到时，所有答案才会评分并给出解析。</translation>
    </message>
    <message>
        <source>&amp;Start the Exam</source>
        <translation>开始考试(&amp;S)</translation>
    </message>
    <message>
        <source>No checking until you submit.</source>
        <translation>交卷前不判题。</translation>
    </message>
    <message>
        <source>S&amp;ubmit…</source>
        <translation>交卷(&amp;U)…</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 上一题(&amp;P)</translation>
    </message>
    <message>
        <source>Ne&amp;xt ▶</source>
        <translation>下一题(&amp;X) ▶</translation>
    </message>
    <message>
        <source>&amp;Save Answers…</source>
        <translation>保存答卷(&amp;S)…</translation>
    </message>
    <message>
        <source>Save an answer file to hand in to your instructor</source>
        <translation>保存答卷文件，交给老师</translation>
    </message>
    <message>
        <source>&amp;New Exam</source>
        <translation>新的考试(&amp;N)</translation>
    </message>
    <message>
        <source>Select a question to review it.</source>
        <translation>选择一道题查看。</translation>
    </message>
    <message>
        <source>Leave the Exam</source>
        <translation>离开考试</translation>
    </message>
    <message>
        <source>The exam is still running. Submit it now and close?</source>
        <translation>考试仍在进行。现在交卷并关闭吗？</translation>
    </message>
</context>
<context>
    <name>FillInAnswer</name>
    <message>
        <source>Fill in every blank. A state is written as in RFC 9293, for example SYN-SENT; an arrival is a time in seconds or “lost”.</source>
        <translation>填写每个空。状态按 RFC 9293 的写法，例如 SYN-SENT；到达填时间（秒）或 “lost”（丢失）。</translation>
    </message>
    <message>
        <source>A sequence number</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>An acknowledgment number</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>Flags, such as SYN or FIN,ACK</source>
        <translation>标志位，例如 SYN 或 FIN,ACK</translation>
    </message>
    <message>
        <source>The arrival time in seconds, or “lost”</source>
        <translation>到达时间（秒），或 “lost”（丢失）</translation>
    </message>
    <message>
        <source>The host&apos;s state, such as SYN-SENT</source>
        <translation>主机的状态，例如 SYN-SENT</translation>
    </message>
</context>
<context>
    <name>FindBugAnswer</name>
    <message>
        <source>This trace has %1 mistake(s). Tick each wrong event and choose the rule it breaks.</source>
        <translation>这条轨迹中有 %1 处错误。勾选每个有错误的事件，并选择它违反的规则。</translation>
    </message>
    <message>
        <source>— which rule? —</source>
        <translation>— 违反哪条规则？—</translation>
    </message>
    <message>
        <source>This event is wrong</source>
        <translation>这个事件有错误</translation>
    </message>
</context>
<context>
    <name>PracticeMenu</name>
    <message>
        <source>&amp;Practice</source>
        <translation>练习(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Practice…</source>
        <translation>练习(&amp;P)…</translation>
    </message>
    <message>
        <source>Exercises with instant checking and hints</source>
        <translation>即时判题、带提示的练习</translation>
    </message>
    <message>
        <source>&amp;Exam…</source>
        <translation>考试(&amp;E)…</translation>
    </message>
    <message>
        <source>A timed exam, graded when you submit</source>
        <translation>限时考试，交卷后评分</translation>
    </message>
    <message>
        <source>P&amp;rogress…</source>
        <translation>学习进度(&amp;R)…</translation>
    </message>
    <message>
        <source>Your results over time, weakest topics first</source>
        <translation>你历次的成绩，最薄弱的知识点在前</translation>
    </message>
    <message>
        <source>&amp;New Exercise…</source>
        <translation>新建习题(&amp;N)…</translation>
    </message>
    <message>
        <source>Write an exercise starting from the current trace</source>
        <translation>从当前轨迹出发编写一道习题</translation>
    </message>
</context>
<context>
    <name>PracticeWindow</name>
    <message>
        <source>Practice — %1</source>
        <translation>练习 — %1</translation>
    </message>
    <message>
        <source>&amp;Exercises:</source>
        <translation>习题(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an exercise file (.toml) from your instructor</source>
        <translation>打开老师给的习题文件（.toml）</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>知识点(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Difficulty:</source>
        <translation>难度(&amp;D)：</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>习题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>题型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>Pick an exercise on the left (Enter or a click opens it).</source>
        <translation>在左侧选择一道习题（按回车或单击打开）。</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 上一题(&amp;P)</translation>
    </message>
    <message>
        <source>Ne&amp;xt ▶</source>
        <translation>下一题(&amp;X) ▶</translation>
    </message>
    <message>
        <source>New &amp;Numbers</source>
        <translation>换一组数(&amp;N)</translation>
    </message>
    <message>
        <source>The same exercise with other parameters</source>
        <translation>同一道题，换一组参数</translation>
    </message>
    <message>
        <source>All exercises</source>
        <translation>全部习题</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>全部知识点</translation>
    </message>
    <message>
        <source>Any difficulty</source>
        <translation>任意难度</translation>
    </message>
    <message>
        <source>History Not Saved</source>
        <translation>未能保存到历史记录</translation>
    </message>
    <message>
        <source>This result could not be stored in the history:
%1</source>
        <translation>这次成绩无法保存到历史记录中：
%1</translation>
    </message>
    <message>
        <source>Open Exercise File</source>
        <translation>打开习题文件</translation>
    </message>
    <message>
        <source>Exercise files (*.toml)</source>
        <translation>习题文件 (*.toml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot Open Exercise File</source>
        <translation>无法打开习题文件</translation>
    </message>
</context>
<context>
    <name>PredictAnswer</name>
    <message>
        <source>Your answers; the diagram shows the whole trace.</source>
        <translation>你的答案；图中显示完整的轨迹。</translation>
    </message>
    <message>
        <source>Every checkpoint is answered.</source>
        <translation>所有检查点都已作答。</translation>
    </message>
    <message>
        <source>Checkpoint %1 of %2</source>
        <translation>检查点 %1 / %2</translation>
    </message>
    <message>
        <source>Event %1 has just been processed:
%2
Which state is %3 in now?</source>
        <translation>刚刚处理完事件 %1：
%2
此时 %3 处于什么状态？</translation>
    </message>
    <message>
        <source>Which segment is event %1, the next one?</source>
        <translation>事件 %1，也就是下一个报文段，是哪一个？</translation>
    </message>
    <message>
        <source>&amp;Finish the checkpoints</source>
        <translation>完成检查点(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Next checkpoint</source>
        <translation>下一个检查点(&amp;N)</translation>
    </message>
    <message>
        <source>Locks this answer and shows more of the trace</source>
        <translation>锁定这个答案，并显示更多轨迹</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（未作答）</translation>
    </message>
    <message>
        <source>%1. After event %2, %3: %4</source>
        <translation>%1. 事件 %2 之后，%3：%4</translation>
    </message>
    <message>
        <source>%1. Event %2: option %3</source>
        <translation>%1. 事件 %2：选项 %3</translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <source>score (%)</source>
        <extracomment>Line colours, one per topic on the chart (distinct on light and dark backgrounds).</extracomment>
        <translation>得分（%）</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Progress — %1</source>
        <translation>学习进度 — %1</translation>
    </message>
    <message>
        <source>Your topics, weakest first (select rows to chart them):</source>
        <translation>你的各知识点，最薄弱的在前（选中行即可在图中显示）：</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>知识点</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Last practised</source>
        <translation>最近练习</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>History file: %1</source>
        <translation>历史记录文件：%1</translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>Scores over time, per topic (colours as in the table)</source>
        <translation>各知识点的得分变化（颜色与表格一致）</translation>
    </message>
    <message>
        <source>No results yet. Practise or take an exam, and your scores appear here.</source>
        <translation>还没有成绩。做练习或参加考试后，你的得分会显示在这里。</translation>
    </message>
</context>
<context>
    <name>QuestionPanel</name>
    <message>
        <source>%1 · %2 · difficulty %3 · %4 points</source>
        <extracomment>Practice: the answer was checked (the Grade). Exam: the answer changed (and went to the session). A hint was taken.</extracomment>
        <translation>%1 · %2 · 难度 %3 · %4 分</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>判题(&amp;C)</translation>
    </message>
    <message>
        <source>Grade the answer now (Ctrl+Enter)</source>
        <translation>立即评判答案（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Hint %1:</source>
        <translation>提示 %1：</translation>
    </message>
    <message>
        <source>&amp;Hint %1 of %2 (costs %3 % of the points)</source>
        <translation>提示(&amp;H) %1 / %2（扣除 %3 % 的分数）</translation>
    </message>
    <message>
        <source>No more hints</source>
        <translation>没有更多提示了</translation>
    </message>
    <message>
        <source>No hints</source>
        <translation>没有提示</translation>
    </message>
    <message>
        <source>Answer, then press Check.</source>
        <translation>作答后按“判题”。</translation>
    </message>
    <message>
        <source>Hints used: %1 (−%2 %)</source>
        <translation>使用提示：%1 条（−%2 %）</translation>
    </message>
    <message>
        <source>Score: %1 of %2</source>
        <translation>得分：%1 / %2</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解析</translation>
    </message>
</context>
</TS>
