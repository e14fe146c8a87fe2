<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Learn how TCP connections are established and closed, and check traces you build against RFC 9293.</source>
        <translation>学习 TCP 连接的建立与释放，并按照 RFC 9293 检查你自己构造的报文轨迹。</translation>
    </message>
    <message>
        <source>Draw a trace in the sequence diagram or write it in the text pane: every step is replayed through two RFC 9293 endpoints, and every place where a real TCP could not have behaved as the trace says is explained, with the section of the RFC that holds the rule.</source>
        <translation>在时序图中画出轨迹，或在文本窗格中写出轨迹：每一步都由两个按 RFC 9293 实现的端点重放；凡是真实的 TCP 不可能按轨迹所述行事的地方，都会给出解释，并指明规定该规则的 RFC 章节。</translation>
    </message>
    <message>
        <source>Works offline. Qt %1.</source>
        <translation>无需联网即可使用。Qt %1。</translation>
    </message>
    <message>
        <source>About TCP Trainer</source>
        <translation>关于 TCP Trainer</translation>
    </message>
</context>
<context>
    <name>CaptureImporter</name>
    <message>
        <source>Capture Cut Short</source>
        <extracomment>What the file dialog offers (the readers also recognise a capture by its magic). True while an import runs: a second one (a drop during the first) is refused.</extracomment>
        <translation>抓包文件不完整</translation>
    </message>
    <message>
        <source>The capture ends in the middle of a record; the connections are checked up to the cut.</source>
        <translation>抓包文件在一条记录的中间结束；各连接只检查到截断处为止。</translation>
    </message>
    <message>
        <source>No TCP Connections</source>
        <translation>没有 TCP 连接</translation>
    </message>
    <message>
        <source>%1 holds no TCP connection; nothing was imported.</source>
        <translation>%1 中没有 TCP 连接；没有导入任何内容。</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>正在读取“%1”…</translation>
    </message>
    <message>
        <source>Import Capture</source>
        <translation>导入抓包文件</translation>
    </message>
    <message>
        <source>Cannot Import Capture</source>
        <translation>无法导入抓包文件</translation>
    </message>
    <message>
        <source>The capture could not be read; nothing was changed.</source>
        <translation>无法读取该抓包文件；没有做任何更改。</translation>
    </message>
    <message>
        <source>Checking connection %1 (%2 packets)…</source>
        <translation>正在检查连接 %1（%2 个报文）…</translation>
    </message>
    <message>
        <source>Connection %1 could not be checked: %2</source>
        <translation>无法检查连接 %1：%2</translation>
    </message>
</context>
<context>
    <name>ConnectionPicker</name>
    <message>
        <source>Checked %1 of %2</source>
        <translation>已检查 %1 / %2</translation>
    </message>
    <message>
        <source>No connection matches the filter.</source>
        <translation>没有与筛选条件匹配的连接。</translation>
    </message>
    <message>
        <source>Connection %1: %2 → %3</source>
        <translation>连接 %1：%2 → %3</translation>
    </message>
    <message>
        <source>%1 packets from %2 s to %3 s (first frame %4)</source>
        <translation>%1 个报文，从 %2 秒到 %3 秒（首帧为第 %4 帧）</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Cannot check it: %1</source>
        <translation>无法检查：%1</translation>
    </message>
    <message>
        <source>Final states: A %1, B %2.</source>
        <translation>最终状态：A 为 %1，B 为 %2。</translation>
    </message>
    <message>
        <source>Valid: RFC 9293 explains every segment.</source>
        <translation>有效：每个报文段都能用 RFC 9293 解释。</translation>
    </message>
    <message>
        <source>… and %1 more inferred</source>
        <translation>……另有 %1 条推断</translation>
    </message>
    <message>
        <source>Import Capture — %1</source>
        <translation>导入抓包文件 — %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3 TCP packets in %4 connections. Choose the one to open as a trace; final states and verdicts appear as each is checked.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）：%3 个 TCP 报文，共 %4 个连接。请选择要作为轨迹打开的连接；每个连接检查完毕后会显示其最终状态和结论。</translation>
    </message>
    <message>
        <source>Not TCP, ignored: %1.</source>
        <translation>非 TCP 报文，已忽略：%1。</translation>
    </message>
    <message>
        <source>Unreadable packets skipped: %1.</source>
        <translation>跳过了无法读取的报文：%1 个。</translation>
    </message>
    <message>
        <source>The capture is cut short: the connections are checked up to the cut.</source>
        <translation>抓包文件不完整：各连接只检查到截断处为止。</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>address, port, state, valid or invalid…</source>
        <translation>地址、端口、状态、有效或无效…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>ConnectionTable</name>
    <message>
        <source>A → B</source>
        <translation>A → B</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>报文数</translation>
    </message>
    <message>
        <source>Start (s)</source>
        <translation>开始（秒）</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Final states</source>
        <translation>最终状态</translation>
    </message>
    <message>
        <source>Inferred</source>
        <translation>推断</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>The connection&apos;s number, as “tcp-trainer check” lists it</source>
        <translation>连接编号，与“tcp-trainer check”列出的一致</translation>
    </message>
    <message>
        <source>A is the endpoint that sent the connection&apos;s first captured segment</source>
        <translation>A 是发出该连接第一个被抓到的报文段的一端</translation>
    </message>
    <message>
        <source>Seconds after the capture&apos;s first packet</source>
        <translation>从抓包的第一个报文起算的秒数</translation>
    </message>
    <message>
        <source>Closed: a RST was seen, or a FIN went each way</source>
        <translation>已关闭：出现了 RST，或双方都发出了 FIN</translation>
    </message>
    <message>
        <source>Each host&apos;s state after the last segment, per RFC 9293</source>
        <translation>按照 RFC 9293，最后一个报文段之后双方各自所处的状态</translation>
    </message>
    <message>
        <source>Segments inferred lost, or to have arrived late, from the acknowledgments</source>
        <translation>根据确认号推断为丢失或晚到的报文段</translation>
    </message>
    <message>
        <source>Whether RFC 9293 explains every segment</source>
        <translation>是否每个报文段都能用 RFC 9293 解释</translation>
    </message>
    <message>
        <source>closed</source>
        <extracomment>Checked summaries reach the GUI in batches at most this often (seconds). An integer column&apos;s values line up on the right.</extracomment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>Cannot check</source>
        <translation>无法检查</translation>
    </message>
    <message>
        <source>A %1 · B %2</source>
        <translation>A %1 · B %2</translation>
    </message>
    <message>
        <source>%1 lost</source>
        <translation>%1 个丢失</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>%1 个晚到</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Step %1 · t = %2 s</source>
        <translation>第 %1 步 · t = %2 秒</translation>
    </message>
    <message>
        <source>Valid — every step follows RFC 9293</source>
        <translation>有效——每一步都符合 RFC 9293</translation>
    </message>
    <message>
        <source>Invalid — some steps break RFC 9293 (see the errors below)</source>
        <translation>无效——有些步骤不符合 RFC 9293（见下方的错误）</translation>
    </message>
    <message>
        <source>Empty trace — add segments in the diagram or the text pane</source>
        <translation>空轨迹——请在时序图或文本窗格中添加报文段</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>All findings are filtered out.</source>
        <translation>所有检查结果都已被筛选隐藏。</translation>
    </message>
    <message>
        <source>Nothing to report.</source>
        <translation>没有需要报告的内容。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Show errors: what a real TCP could not have done</source>
        <translation>显示错误：真实的 TCP 不可能做出的行为</translation>
    </message>
    <message>
        <source>Show warnings: allowed, but suspicious</source>
        <translation>显示警告：协议允许，但值得怀疑</translation>
    </message>
    <message>
        <source>Show notes: what a host does with a segment, explained</source>
        <translation>显示说明：主机如何处理到达的报文段</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>User call on %1</source>
        <extracomment>Control bits in the order the form shows them. TCB rows: label (RFC spelling, never translated) and index into a host&apos;s ``Step.tcb``.</extracomment>
        <translation>%1 上的用户调用</translation>
    </message>
    <message>
        <source>Timeout on %1</source>
        <translation>%1 上的超时</translation>
    </message>
    <message>
        <source>Crash of %1</source>
        <translation>%1 崩溃</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选中任何内容</translation>
    </message>
    <message>
        <source>Segment %1: %2 → %3</source>
        <translation>报文段 %1：%2 → %3</translation>
    </message>
    <message>
        <source>Source port (%1) → destination port (%2), from the hosts&apos; addresses</source>
        <translation>源端口（%1）→ 目的端口（%2），取自主机地址</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>Relative to %1&apos;s ISS</source>
        <translation>相对于 %1 的初始序号（ISS）</translation>
    </message>
    <message>
        <source>Sequence number: the first octet this segment occupies</source>
        <translation>序号：本报文段所占用的第一个字节的编号</translation>
    </message>
    <message>
        <source>Acknowledgment number: the next octet the sender expects</source>
        <translation>确认号：发送方期望收到的下一个字节的编号</translation>
    </message>
    <message>
        <source>Before the first step</source>
        <translation>第一步之前</translation>
    </message>
    <message>
        <source>After step %1 (t = %2 s)</source>
        <translation>第 %1 步之后（t = %2 秒）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>absolute: %1</source>
        <translation>绝对值：%1</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <source>Toggle the %1 flag</source>
        <translation>切换 %1 标志</translation>
    </message>
    <message>
        <source>sequence number</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>acknowledgment number</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>payload length</source>
        <translation>数据长度</translation>
    </message>
    <message>
        <source>send time</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>arrival time</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>old duplicate</source>
        <translation>旧的重复报文段</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>计时器</translation>
    </message>
    <message>
        <source>Select a segment, user call or timeout in the diagram (or click a finding) to see and edit its fields here.</source>
        <translation>在时序图中选中一个报文段、用户调用或超时（或点击一条检查结果），即可在此查看并编辑它的各个字段。</translation>
    </message>
    <message>
        <source>TCP header</source>
        <translation>TCP 首部</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>传送</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Acknowledgment number</source>
        <translation>确认号</translation>
    </message>
    <message>
        <source>Data offset</source>
        <translation>数据偏移</translation>
    </message>
    <message>
        <source>Control bits</source>
        <translation>控制位</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Payload length</source>
        <translation>数据长度</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Arrives at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>The segment never arrives</source>
        <translation>该报文段永远不会到达</translation>
    </message>
    <message>
        <source>Old duplicate from an earlier connection</source>
        <translation>来自早先连接的旧的重复报文段</translation>
    </message>
    <message>
        <source>Its sending is not checked, only its arrival</source>
        <translation>不检查它的发送，只处理它的到达</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>User call</source>
        <translation>用户调用</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Crash or reboot</source>
        <translation>崩溃或重启</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Bytes to send</source>
        <translation>发送字节数</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>计时器</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>New trace: blank or from a built-in scenario</source>
        <translation>新建轨迹：空白轨迹或内置场景</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a trace file</source>
        <translation>打开轨迹文件</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Capture…</source>
        <translation>导入抓包文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Open one connection of a pcap or pcapng capture as a new trace</source>
        <translation>把 pcap 或 pcapng 抓包文件中的一个连接作为新轨迹打开</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the trace</source>
        <translation>保存轨迹</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Sequence &amp;Diagram as Image…</source>
        <translation>将时序图导出为图像(&amp;D)…</translation>
    </message>
    <message>
        <source>State &amp;Graph as Image…</source>
        <translation>将状态图导出为图像(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Mark &amp;Lost</source>
        <translation>标记为丢失(&amp;L)</translation>
    </message>
    <message>
        <source>The selected segment never arrives</source>
        <translation>选中的报文段永远不会到达</translation>
    </message>
    <message>
        <source>Mark Old D&amp;uplicate</source>
        <translation>标记为旧的重复报文段(&amp;U)</translation>
    </message>
    <message>
        <source>The selected segment is left over from an earlier connection</source>
        <translation>选中的报文段是早先连接遗留下来的</translation>
    </message>
    <message>
        <source>&amp;Insert at Cursor</source>
        <translation>在当前时刻插入(&amp;I)</translation>
    </message>
    <message>
        <source>User &amp;Call</source>
        <translation>用户调用(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Timeout</source>
        <translation>超时(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;rash</source>
        <translation>崩溃(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Suggest Seq/Ack</source>
        <translation>建议序号和确认号(&amp;S)</translation>
    </message>
    <message>
        <source>Fill in the sequence and acknowledgment numbers RFC 9293 expects</source>
        <translation>填入 RFC 9293 所要求的序号和确认号</translation>
    </message>
    <message>
        <source>Suggest Numbers &amp;While Drawing</source>
        <translation>绘制时自动建议序号(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Relative Sequence Numbers</source>
        <translation>相对序号(&amp;R)</translation>
    </message>
    <message>
        <source>Show sequence numbers relative to each host&apos;s ISS, as Wireshark does</source>
        <translation>像 Wireshark 一样，显示相对于各主机初始序号（ISS）的序号</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间轴(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>State Graph</source>
        <translation>状态图</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Undo History</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <extracomment>Suffixes a dropped or opened file may have; anything else is still tried when opened. Save As&apos;s proposal for an imported, never saved trace (cleared when the path changes).</extracomment>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <source>Loading the state graph…</source>
        <translation>正在加载状态图…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>RFC 9293 &amp;Quick Reference</source>
        <translation>RFC 9293 速查(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About TCP Trainer</source>
        <translation>关于 TCP Trainer(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>%1 Crashes or Reboots</source>
        <translation>%1 崩溃或重启</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>No events</source>
        <translation>没有事件</translation>
    </message>
    <message>
        <source>✔ Valid</source>
        <translation>✔ 有效</translation>
    </message>
    <message>
        <source>✘ Invalid · errors: %1</source>
        <translation>✘ 无效 · 错误：%1</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>“%1” has changes that are not saved. Save them first?</source>
        <translation>“%1”有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <source>Cannot List the Scenarios</source>
        <translation>无法列出内置场景</translation>
    </message>
    <message>
        <source>Cannot Open the Scenario</source>
        <translation>无法打开该场景</translation>
    </message>
    <message>
        <source>Open Trace</source>
        <translation>打开轨迹</translation>
    </message>
    <message>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>The file could not be opened; nothing was changed.</source>
        <translation>无法打开该文件；当前内容没有任何改动。</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Packet captures (%1)</source>
        <translation>抓包文件 (%1)</translation>
    </message>
    <message>
        <source>Import Capture</source>
        <translation>导入抓包文件</translation>
    </message>
    <message>
        <source>Imported connection %1 of %2 (%3 packets)</source>
        <translation>已导入 %2 中的连接 %1（%3 个报文）</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Save Trace As</source>
        <translation>轨迹另存为</translation>
    </message>
    <message>
        <source>Cannot Save File</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <source>The trace could not be saved to %1.</source>
        <translation>无法将轨迹保存到 %1。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Trace files (*.tcptrace *.json *.tcpt *.txt *.trace)</source>
        <translation>轨迹文件 (*.tcptrace *.json *.tcpt *.txt *.trace)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>TCP Trainer trace (*.tcptrace)</source>
        <translation>TCP Trainer 轨迹 (*.tcptrace)</translation>
    </message>
    <message>
        <source>Text notation (*.tcpt)</source>
        <translation>文本记法 (*.tcpt)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>No Recent Files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <source>diagram</source>
        <translation>时序图</translation>
    </message>
    <message>
        <source>state-graph</source>
        <translation>状态图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>The image could not be written to %1.</source>
        <translation>无法将图像写入 %1。</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Print Trace</source>
        <translation>打印轨迹</translation>
    </message>
    <message>
        <source>Cannot Print</source>
        <translation>无法打印</translation>
    </message>
</context>
<context>
    <name>NewTraceDialog</name>
    <message>
        <source>Blank trace</source>
        <translation>空白轨迹</translation>
    </message>
    <message>
        <source>Two hosts, A and B, and no events yet. Add segments, user calls and timeouts in the diagram, or type them in the text pane.</source>
        <translation>两台主机 A 和 B，还没有任何事件。可以在时序图中添加报文段、用户调用和超时，也可以在文本窗格中直接输入。</translation>
    </message>
    <message>
        <source>New Trace</source>
        <translation>新建轨迹</translation>
    </message>
    <message>
        <source>Start from a blank trace, or from one of the figures of RFC 9293 to study and change it:</source>
        <translation>从空白轨迹开始，或者从 RFC 9293 的某个插图开始，研究并修改它：</translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <source>How it is entered:</source>
        <translation>如何进入：</translation>
    </message>
    <message>
        <source>How it is left:</source>
        <translation>如何离开：</translation>
    </message>
    <message>
        <source>A TCP connection is always in one of these eleven states (RFC 9293 section 3.3.2, Figure 5). State names keep the RFC&apos;s spelling in every language.</source>
        <translation>TCP 连接在任何时刻都处于以下十一种状态之一（RFC 9293 第 3.3.2 节，图 5）。状态名称在各种语言中都保留 RFC 的写法。</translation>
    </message>
    <message>
        <source>RFC 9293 Quick Reference — Connection States</source>
        <translation>RFC 9293 速查——连接状态</translation>
    </message>
</context>
<context>
    <name>TextPane</name>
    <message>
        <source>Edit in text</source>
        <translation>在文本中编辑</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>The diagram still shows the last trace that could be read.</source>
        <translation>时序图仍显示最后一次能够正确读取的轨迹。</translation>
    </message>
    <message>
        <source>Go to error</source>
        <translation>转到错误处</translation>
    </message>
    <message>
        <source>Revert to the diagram</source>
        <translation>恢复为时序图中的轨迹</translation>
    </message>
    <message>
        <source>Trace in text notation</source>
        <translation>文本记法表示的轨迹</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>No steps</source>
        <extracomment>Time between two steps at 1× speed.</extracomment>
        <translation>没有步骤</translation>
    </message>
    <message>
        <source>Start · %1 steps</source>
        <translation>开始 · 共 %1 步</translation>
    </message>
    <message>
        <source>Step %1 / %2 · t = %3 s</source>
        <translation>第 %1 步 / %2 · t = %3 秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>First Step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Step Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Step Forward</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Last Step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减慢</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <source>Playback speed (%1 slower, %2 faster)</source>
        <translation>播放速度（%1 减慢，%2 加快）</translation>
    </message>
    <message>
        <source>Drag to move through the steps of the check</source>
        <translation>拖动以逐步查看检查过程</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
</context>
</TS>
