<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SequenceDiagram</name>
    <message>
        <source>flags and fields, e.g. SYN,ACK seq=300 ack=101 len=0</source>
        <translation>标志和字段，例如 SYN,ACK seq=300 ack=101 len=0</translation>
    </message>
    <message>
        <source>Enter: apply · Esc: cancel · relative numbers (from each host&apos;s ISS)</source>
        <translation>回车：应用 · Esc：取消 · 使用相对序号（从各主机的 ISS 起算）</translation>
    </message>
    <message>
        <source>Enter: apply · Esc: cancel · absolute numbers</source>
        <translation>回车：应用 · Esc：取消 · 使用绝对序号</translation>
    </message>
    <message>
        <source>Edit the segment in the trace notation: flags, then seq=, ack=, len=, win=, data=…</source>
        <translation>用轨迹记法编辑报文段：先写标志，再写 seq=、ack=、len=、win=、data=…</translation>
    </message>
    <message>
        <source>+%1 s</source>
        <translation>+%1 秒</translation>
    </message>
    <message>
        <source>%n segment(s)</source>
        <extracomment>Chip outlines at the origin, by (host, width): square on the band side, round outside.</extracomment>
        <translation>%n 个报文段</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>keep-alive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>RST reply</source>
        <translation>RST 回应</translation>
    </message>
    <message>
        <source>abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>old duplicate</source>
        <translation>旧重复报文段</translation>
    </message>
    <message>
        <source>challenge ACK</source>
        <translation>挑战 ACK</translation>
    </message>
    <message>
        <source>duplicate ACK</source>
        <translation>重复 ACK</translation>
    </message>
    <message>
        <source>window probe</source>
        <translation>窗口探测</translation>
    </message>
    <message>
        <source>retransmission timeout</source>
        <translation>重传超时</translation>
    </message>
    <message>
        <source>2MSL timeout</source>
        <translation>2MSL 超时</translation>
    </message>
    <message>
        <source>keep-alive timeout</source>
        <translation>保活超时</translation>
    </message>
    <message>
        <source>user timeout</source>
        <translation>用户超时</translation>
    </message>
    <message>
        <source>RTO</source>
        <translation>RTO</translation>
    </message>
    <message>
        <source>2MSL</source>
        <translation>2MSL</translation>
    </message>
    <message>
        <source>user timer</source>
        <translation>用户计时器</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>peer</source>
        <translation>对等端</translation>
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
        <source>crash ⚡</source>
        <extracomment>Socket call names are code and read the same in every language.</extracomment>
        <translation>崩溃 ⚡</translation>
    </message>
    <message>
        <source>Mark segment as arrived</source>
        <extracomment>A one-line hint about what the mouse would do here (for a status bar).</extracomment>
        <translation>标记报文段为已到达</translation>
    </message>
    <message>
        <source>Mark segment as lost</source>
        <translation>标记报文段为丢失</translation>
    </message>
    <message>
        <source>Mark as old duplicate</source>
        <translation>标记为旧重复报文段</translation>
    </message>
    <message>
        <source>Unmark old duplicate</source>
        <translation>取消旧重复报文段标记</translation>
    </message>
    <message>
        <source>Insert %1</source>
        <translation>插入 %1</translation>
    </message>
    <message>
        <source>Insert crash of %1</source>
        <translation>插入 %1 崩溃</translation>
    </message>
    <message>
        <source>Suggest seq/ack</source>
        <translation>建议 seq/ack</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Drag from one lifeline to the other to send a segment.
Right-click a lifeline to add a user call, a timeout or a crash.</source>
        <translation>从一条生命线拖到另一条生命线即可发送报文段。
右键单击生命线可添加用户调用、超时或崩溃。</translation>
    </message>
    <message>
        <source>Drag up or down to change this time; pull the arrival back across the middle to lose the segment</source>
        <translation>上下拖动可修改这个时间；把到达端拖回中线另一侧则该报文段丢失</translation>
    </message>
    <message>
        <source>Drag to the other lifeline to send a segment from %1</source>
        <translation>拖到另一条生命线，从 %1 发送报文段</translation>
    </message>
    <message>
        <source>Click to select, drag to move, double-click to edit</source>
        <translation>单击选中，拖动移动，双击编辑</translation>
    </message>
    <message>
        <source>Move segment end</source>
        <translation>移动报文段端点</translation>
    </message>
    <message>
        <source>Move segment</source>
        <translation>移动报文段</translation>
    </message>
    <message>
        <source>Move event</source>
        <translation>移动事件</translation>
    </message>
    <message>
        <source>Add segment</source>
        <translation>添加报文段</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Edit segment</source>
        <translation>编辑报文段</translation>
    </message>
    <message>
        <source>Edit segment…</source>
        <translation>编辑报文段…</translation>
    </message>
    <message>
        <source>Mark as arrived</source>
        <translation>标记为已到达</translation>
    </message>
    <message>
        <source>Mark as lost</source>
        <translation>标记为丢失</translation>
    </message>
    <message>
        <source>Old duplicate</source>
        <translation>旧重复报文段</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Insert user call on %1</source>
        <translation>在 %1 上插入用户调用</translation>
    </message>
    <message>
        <source>Insert timeout on %1</source>
        <translation>在 %1 上插入超时</translation>
    </message>
    <message>
        <source>Relative sequence numbers</source>
        <translation>相对序号</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit the whole trace</source>
        <translation>显示整个轨迹</translation>
    </message>
    <message>
        <source>relative numbers:</source>
        <translation>相对序号：</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>sent at %1 s, lost</source>
        <translation>%1 秒发出，丢失</translation>
    </message>
    <message>
        <source>sent at %1 s, arrives at %2 s</source>
        <translation>%1 秒发出，%2 秒到达</translation>
    </message>
    <message>
        <source>Old duplicate from an earlier connection</source>
        <translation>来自先前连接的旧重复报文段</translation>
    </message>
    <message>
        <source>%1 at %2 s</source>
        <translation>%1，%2 秒</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
</context>
</TS>
