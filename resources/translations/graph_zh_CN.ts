<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StateGraph</name>
    <message>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>host %1: %2</source>
        <translation>主机 %1：%2</translation>
    </message>
    <message>
        <source>not drawn in Figure 5</source>
        <translation>图 5 中未画出</translation>
    </message>
    <message>
        <source>no action</source>
        <translation>无动作</translation>
    </message>
    <message>
        <source>RFC %1, section %2</source>
        <translation>RFC %1 第 %2 节</translation>
    </message>
    <message>
        <source>How you get in:</source>
        <translation>如何进入：</translation>
    </message>
    <message>
        <source>How you get out:</source>
        <translation>如何离开：</translation>
    </message>
    <message>
        <source>At the cursor: both hosts are in this state.</source>
        <translation>光标处：两台主机都处于此状态。</translation>
    </message>
    <message>
        <source>At the cursor: host %1 is in this state.</source>
        <translation>光标处：主机 %1 处于此状态。</translation>
    </message>
    <message>
        <source>Figure 5</source>
        <translation>图 5</translation>
    </message>
    <message>
        <source>any state</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Not drawn in Figure 5: the figure leaves it out for legibility (see its notes and section 3.10).</source>
        <translation>图 5 中未画出：为使图面清晰，该图省略了这一转换（见图注及第 3.10 节）。</translation>
    </message>
    <message>
        <source>&quot;x&quot; means that nothing is sent.</source>
        <translation>“x” 表示不发送任何报文段。</translation>
    </message>
    <message>
        <source>host %1 ×%2</source>
        <translation>主机 %1 ×%2</translation>
    </message>
    <message>
        <source>Taken up to the cursor: %1</source>
        <translation>截至光标处走过的次数：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Fit the whole diagram into the view (or double-click the background)</source>
        <translation>缩放以显示整张图（也可双击空白处）</translation>
    </message>
    <message>
        <source>Close the explanation</source>
        <translation>关闭说明</translation>
    </message>
    <message>
        <source>Click for what this state means and how to get in and out</source>
        <translation>单击查看此状态的含义，以及如何进入和离开</translation>
    </message>
    <message>
        <source>CLOSED again: Figure 5 draws CLOSED twice; this is the same state as the box at the top</source>
        <translation>又一个 CLOSED：图 5 把 CLOSED 画了两次，它与顶部的方框是同一个状态</translation>
    </message>
    <message>
        <source>Click for an explanation of this transition</source>
        <translation>单击查看此状态转换的说明</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>TCP state diagram</source>
        <translation>TCP 状态图</translation>
    </message>
    <message>
        <source>RFC 9293 Figure 5 with the states of host A and host B at the cursor</source>
        <translation>RFC 9293 图 5，标出主机 A 和主机 B 在光标处的状态</translation>
    </message>
</context>
</TS>
