"""What each connection state means and how a connection gets in and out of it, and a one-line
explanation of every transition id of ``trainer.engine.transitions.TRANSITIONS``.

State names stay in RFC spelling in every language; ``gloss`` is the Chinese textbook name
(谢希仁《计算机网络》), useful next to the RFC name for 考研 students.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.states import State
from trainer.i18n.locale import DEFAULT, normalize


@dataclass(frozen=True, slots=True)
class StateText:
    name: str      # RFC spelling, the same in every language
    gloss: str     # short name in the language ("" for English: the RFC name is the name)
    meaning: str   # one or two sentences
    enter: str     # how a connection gets into this state
    leave: str     # how it gets out


S = State
STATES: dict[State, dict[str, dict[str, str]]] = {
    S.CLOSED: {
        "en": {
            "meaning": "No connection at all: there is no TCB. The RFC calls CLOSED fictional, "
                       "because it stands for the absence of a connection.",
            "enter": "Every connection starts here. It comes back here when TIME-WAIT times out "
                     "(2MSL), when LAST-ACK receives the ACK of its FIN, on a valid RST, on "
                     "ABORT, on a user timeout, or when CLOSE is called in LISTEN or SYN-SENT.",
            "leave": "A passive OPEN (listen()) leads to LISTEN; an active OPEN (connect()) sends "
                     "a SYN and leads to SYN-SENT. A segment arriving here is answered with a "
                     "RST (unless it is a RST itself).",
        },
        "zh_CN": {
            "gloss": "关闭",
            "meaning": "根本没有连接：不存在传输控制块（TCB）。RFC 称 CLOSED 是“虚构的”状态，"
                       "因为它表示连接不存在。",
            "enter": "每个连接都从这里开始。TIME-WAIT 计时器（2MSL）超时、LAST-ACK 收到对自己 FIN 的"
                     "确认、收到有效的 RST、调用 ABORT、用户超时，或在 LISTEN / SYN-SENT 中调用 "
                     "CLOSE，都会回到这里。",
            "leave": "被动打开（listen()）进入 LISTEN；主动打开（connect()）发送 SYN 并进入 "
                     "SYN-SENT。到达这里的报文段会收到 RST 作为回应（除非它本身就是 RST）。",
        },
    },
    S.LISTEN: {
        "en": {
            "meaning": "Waiting for a connection request (SYN) from any remote TCP peer: the "
                       "server side after listen().",
            "enter": "A passive OPEN from CLOSED. A connection in SYN-RECEIVED that came from "
                     "LISTEN returns here on a valid RST.",
            "leave": "A SYN arrives: the host answers SYN,ACK and enters SYN-RECEIVED. A SEND "
                     "turns it active: it sends a SYN and enters SYN-SENT. CLOSE deletes the TCB "
                     "(CLOSED). An arriving RST is ignored; an arriving ACK is answered with a RST.",
        },
        "zh_CN": {
            "gloss": "监听",
            "meaning": "等待来自任意远端的连接请求（SYN）：服务器调用 listen() 之后所处的状态。",
            "enter": "在 CLOSED 中被动打开。由 LISTEN 进入 SYN-RECEIVED 的连接，收到有效 RST 后也会"
                     "回到这里。",
            "leave": "收到 SYN：回复 SYN,ACK，进入 SYN-RECEIVED。调用 SEND 会把连接变为主动：发送 "
                     "SYN，进入 SYN-SENT。调用 CLOSE 删除 TCB（CLOSED）。到达的 RST 被忽略；到达的 "
                     "ACK 用 RST 回应。",
        },
    },
    S.SYN_SENT: {
        "en": {
            "meaning": "Waiting for a matching connection request after having sent one: the "
                       "client after connect(), its SYN on the way.",
            "enter": "An active OPEN from CLOSED (sends SYN), or SEND in LISTEN.",
            "leave": "A SYN,ACK that acknowledges its SYN: it sends ACK and enters ESTABLISHED "
                     "(second handshake step done). A bare SYN (simultaneous open): it sends "
                     "SYN,ACK and enters SYN-RECEIVED. A RST that acknowledges its SYN, or "
                     "CLOSE: back to CLOSED.",
        },
        "zh_CN": {
            "gloss": "同步已发送",
            "meaning": "已发出连接请求，正在等待对方的连接请求：客户端调用 connect() 之后，SYN 正在"
                       "路上。",
            "enter": "在 CLOSED 中主动打开（发送 SYN），或在 LISTEN 中调用 SEND。",
            "leave": "收到确认了自己 SYN 的 SYN,ACK：发送 ACK，进入 ESTABLISHED。只收到对方的 SYN"
                     "（同时打开）：发送 SYN,ACK，进入 SYN-RECEIVED。收到确认了自己 SYN 的 RST，或"
                     "调用 CLOSE：回到 CLOSED。",
        },
    },
    S.SYN_RECEIVED: {
        "en": {
            "meaning": "Has received a connection request and sent its own (SYN,ACK); waiting "
                       "for the acknowledgment of its SYN.",
            "enter": "A SYN arrives in LISTEN (the server, after the first handshake segment), "
                     "or in SYN-SENT (simultaneous open).",
            "leave": "The ACK of its SYN arrives: ESTABLISHED (three-way handshake complete). "
                     "CLOSE sends a FIN: FIN-WAIT-1. A valid RST: back to LISTEN if it came from "
                     "LISTEN, else CLOSED.",
        },
        "zh_CN": {
            "gloss": "同步已接收",
            "meaning": "已收到对方的连接请求并发出了自己的 SYN（SYN,ACK），正在等待对方确认自己的 SYN。",
            "enter": "在 LISTEN 中收到 SYN（服务器收到第一次握手之后），或在 SYN-SENT 中收到 SYN"
                     "（同时打开）。",
            "leave": "收到对自己 SYN 的确认：进入 ESTABLISHED（三次握手完成）。调用 CLOSE 发送 FIN："
                     "进入 FIN-WAIT-1。收到有效的 RST：若来自 LISTEN 则回到 LISTEN，否则进入 CLOSED。",
        },
    },
    S.ESTABLISHED: {
        "en": {
            "meaning": "An open connection: data flows both ways and is delivered to the user. "
                       "The normal state of the data transfer phase.",
            "enter": "SYN-SENT receives a SYN,ACK acknowledging its SYN (and sends ACK), or "
                     "SYN-RECEIVED receives the ACK of its SYN.",
            "leave": "The local user calls CLOSE: it sends a FIN and enters FIN-WAIT-1 (active "
                     "close). A FIN arrives: it sends ACK and enters CLOSE-WAIT (passive close). "
                     "A valid RST or ABORT: CLOSED.",
        },
        "zh_CN": {
            "gloss": "已建立连接",
            "meaning": "连接已经打开：双方可以互相传送数据并交付给用户。这是数据传输阶段的正常状态。",
            "enter": "SYN-SENT 收到确认自己 SYN 的 SYN,ACK（并回复 ACK），或 SYN-RECEIVED 收到对自己 "
                     "SYN 的确认。",
            "leave": "本地用户调用 CLOSE：发送 FIN，进入 FIN-WAIT-1（主动关闭）。收到 FIN：回复 ACK，"
                     "进入 CLOSE-WAIT（被动关闭）。收到有效的 RST 或调用 ABORT：进入 CLOSED。",
        },
    },
    S.FIN_WAIT_1: {
        "en": {
            "meaning": "Has sent its FIN (the local user closed); waiting for the ACK of that FIN "
                       "or for the peer's FIN.",
            "enter": "CLOSE in ESTABLISHED or SYN-RECEIVED: the host sends a FIN.",
            "leave": "The ACK of its FIN arrives: FIN-WAIT-2. The peer's FIN arrives first: it "
                     "sends ACK and enters CLOSING (simultaneous close). A FIN that also "
                     "acknowledges its FIN: it sends ACK and enters TIME-WAIT directly.",
        },
        "zh_CN": {
            "gloss": "终止等待1",
            "meaning": "已发送自己的 FIN（本地用户已关闭），正在等待对这个 FIN 的确认，或对方的 FIN。",
            "enter": "在 ESTABLISHED 或 SYN-RECEIVED 中调用 CLOSE：发送 FIN。",
            "leave": "收到对自己 FIN 的确认：进入 FIN-WAIT-2。先收到对方的 FIN：回复 ACK，进入 "
                     "CLOSING（同时关闭）。收到的 FIN 同时确认了自己的 FIN：回复 ACK，直接进入 "
                     "TIME-WAIT。",
        },
    },
    S.FIN_WAIT_2: {
        "en": {
            "meaning": "Its FIN has been acknowledged; waiting for the peer's FIN. The "
                       "connection is half-closed: the peer may still send data.",
            "enter": "FIN-WAIT-1 receives the ACK of its FIN.",
            "leave": "The peer's FIN arrives: it sends ACK and enters TIME-WAIT.",
        },
        "zh_CN": {
            "gloss": "终止等待2",
            "meaning": "自己的 FIN 已被确认，正在等待对方的 FIN。连接处于半关闭状态：对方仍可以发送数据。",
            "enter": "FIN-WAIT-1 收到对自己 FIN 的确认。",
            "leave": "收到对方的 FIN：回复 ACK，进入 TIME-WAIT。",
        },
    },
    S.CLOSE_WAIT: {
        "en": {
            "meaning": "The peer has closed (its FIN arrived and was acknowledged); waiting for "
                       "the local user to call CLOSE. This side may still send data.",
            "enter": "ESTABLISHED receives a FIN and sends its ACK (passive close).",
            "leave": "The local user calls CLOSE: the host sends its FIN and enters LAST-ACK.",
        },
        "zh_CN": {
            "gloss": "关闭等待",
            "meaning": "对方已经关闭（它的 FIN 已到达并被确认），正在等待本地用户调用 CLOSE。本方仍然可以"
                       "发送数据。",
            "enter": "ESTABLISHED 收到 FIN 并回复 ACK（被动关闭）。",
            "leave": "本地用户调用 CLOSE：发送自己的 FIN，进入 LAST-ACK。",
        },
    },
    S.CLOSING: {
        "en": {
            "meaning": "Both sides have sent a FIN at about the same time; waiting for the ACK of "
                       "its own FIN (simultaneous close).",
            "enter": "FIN-WAIT-1 receives the peer's FIN before the ACK of its own FIN, and "
                     "sends ACK.",
            "leave": "The ACK of its FIN arrives: TIME-WAIT.",
        },
        "zh_CN": {
            "gloss": "双方同时关闭",
            "meaning": "双方几乎同时发送了 FIN，正在等待对自己 FIN 的确认（同时关闭）。",
            "enter": "FIN-WAIT-1 在收到对自己 FIN 的确认之前先收到了对方的 FIN，并回复 ACK。",
            "leave": "收到对自己 FIN 的确认：进入 TIME-WAIT。",
        },
    },
    S.LAST_ACK: {
        "en": {
            "meaning": "The passive closer has sent its FIN (which also acknowledged the peer's "
                       "FIN); waiting for the last ACK, the one for its FIN.",
            "enter": "CLOSE in CLOSE-WAIT: the host sends its FIN.",
            "leave": "The ACK of its FIN arrives: the TCB is deleted, CLOSED. No TIME-WAIT on "
                     "this side.",
        },
        "zh_CN": {
            "gloss": "最后确认",
            "meaning": "被动关闭的一方已发送自己的 FIN（同时也确认了对方的 FIN），正在等待最后一个 ACK，"
                       "即对自己 FIN 的确认。",
            "enter": "在 CLOSE-WAIT 中调用 CLOSE：发送自己的 FIN。",
            "leave": "收到对自己 FIN 的确认：删除 TCB，进入 CLOSED。这一方不经过 TIME-WAIT。",
        },
    },
    S.TIME_WAIT: {
        "en": {
            "meaning": "The active closer waits 2×MSL: long enough that the peer has received the "
                       "ACK of its FIN (a lost ACK is resent when the FIN is retransmitted), and "
                       "that delayed segments of this connection cannot disturb a new one.",
            "enter": "FIN-WAIT-2 receives the peer's FIN, CLOSING receives the ACK of its FIN, "
                     "or FIN-WAIT-1 receives a FIN that also acknowledges its FIN.",
            "leave": "The 2MSL timer expires: the TCB is deleted, CLOSED. A retransmitted FIN is "
                     "acknowledged again and restarts the timer.",
        },
        "zh_CN": {
            "gloss": "时间等待",
            "meaning": "主动关闭的一方等待 2MSL：足以保证对方收到了对其 FIN 的确认（如果 ACK 丢失，对方会"
                       "重传 FIN，本方再次确认），并让本连接的迟到报文段不会干扰新的连接。",
            "enter": "FIN-WAIT-2 收到对方的 FIN，CLOSING 收到对自己 FIN 的确认，或 FIN-WAIT-1 收到同时"
                     "确认了自己 FIN 的 FIN。",
            "leave": "2MSL 计时器超时：删除 TCB，进入 CLOSED。收到重传的 FIN 时再次确认，并重新启动"
                     "计时器。",
        },
    },
}

TRANSITION_TEXT: dict[str, dict[str, str]] = {
    "passive-open": {
        "en": "Passive OPEN (listen()): a TCB is created and the host waits for SYNs in LISTEN.",
        "zh_CN": "被动打开（listen()）：创建 TCB，在 LISTEN 状态等待 SYN。",
    },
    "active-open": {
        "en": "Active OPEN (connect()): the host picks an ISS, sends SYN and enters SYN-SENT.",
        "zh_CN": "主动打开（connect()）：选择初始序号 ISS，发送 SYN，进入 SYN-SENT。",
    },
    "listen-close": {
        "en": "CLOSE in LISTEN: the TCB is deleted; nothing is sent.",
        "zh_CN": "在 LISTEN 中调用 CLOSE：删除 TCB，不发送任何报文段。",
    },
    "listen-send": {
        "en": "SEND in LISTEN turns the connection active: the host sends SYN and enters "
              "SYN-SENT.",
        "zh_CN": "在 LISTEN 中调用 SEND，连接由被动变为主动：发送 SYN，进入 SYN-SENT。",
    },
    "listen-rcv-syn": {
        "en": "A SYN arrives in LISTEN: the host answers SYN,ACK and enters SYN-RECEIVED.",
        "zh_CN": "LISTEN 收到 SYN：回复 SYN,ACK，进入 SYN-RECEIVED。",
    },
    "synsent-close": {
        "en": "CLOSE in SYN-SENT: the TCB is deleted; no FIN is sent.",
        "zh_CN": "在 SYN-SENT 中调用 CLOSE：删除 TCB，不发送 FIN。",
    },
    "synsent-rcv-syn": {
        "en": "A SYN without ACK arrives in SYN-SENT (simultaneous open): the host answers "
              "SYN,ACK and enters SYN-RECEIVED.",
        "zh_CN": "SYN-SENT 收到不带 ACK 的 SYN（同时打开）：回复 SYN,ACK，进入 SYN-RECEIVED。",
    },
    "synsent-rcv-synack": {
        "en": "A SYN,ACK acknowledging its SYN arrives in SYN-SENT: the host sends ACK and enters "
              "ESTABLISHED.",
        "zh_CN": "SYN-SENT 收到确认了自己 SYN 的 SYN,ACK：回复 ACK，进入 ESTABLISHED。",
    },
    "synrcvd-rcv-ack": {
        "en": "The ACK of its SYN arrives in SYN-RECEIVED: the handshake is complete, "
              "ESTABLISHED.",
        "zh_CN": "SYN-RECEIVED 收到对自己 SYN 的确认：握手完成，进入 ESTABLISHED。",
    },
    "synrcvd-rcv-rst": {
        "en": "A valid RST arrives in SYN-RECEIVED reached from LISTEN: the host goes back to "
              "LISTEN.",
        "zh_CN": "由 LISTEN 进入的 SYN-RECEIVED 收到有效 RST：回到 LISTEN。",
    },
    "synrcvd-close": {
        "en": "CLOSE in SYN-RECEIVED: the host sends FIN and enters FIN-WAIT-1.",
        "zh_CN": "在 SYN-RECEIVED 中调用 CLOSE：发送 FIN，进入 FIN-WAIT-1。",
    },
    "estab-close": {
        "en": "CLOSE in ESTABLISHED (active close): the host sends FIN and enters FIN-WAIT-1.",
        "zh_CN": "在 ESTABLISHED 中调用 CLOSE（主动关闭）：发送 FIN，进入 FIN-WAIT-1。",
    },
    "estab-rcv-fin": {
        "en": "A FIN arrives in ESTABLISHED (passive close): the host acknowledges it and enters "
              "CLOSE-WAIT.",
        "zh_CN": "ESTABLISHED 收到 FIN（被动关闭）：回复 ACK 确认，进入 CLOSE-WAIT。",
    },
    "finwait1-rcv-ack": {
        "en": "The ACK of its FIN arrives in FIN-WAIT-1: FIN-WAIT-2.",
        "zh_CN": "FIN-WAIT-1 收到对自己 FIN 的确认：进入 FIN-WAIT-2。",
    },
    "finwait1-rcv-fin": {
        "en": "The peer's FIN arrives in FIN-WAIT-1 before the ACK of its own FIN (simultaneous "
              "close): the host acknowledges it and enters CLOSING.",
        "zh_CN": "FIN-WAIT-1 在自己的 FIN 被确认之前收到对方的 FIN（同时关闭）：回复 ACK，进入 CLOSING。",
    },
    "finwait1-rcv-finack": {
        "en": "A FIN that also acknowledges its FIN arrives in FIN-WAIT-1: the host acknowledges "
              "it and enters TIME-WAIT directly (note 2 of Figure 5).",
        "zh_CN": "FIN-WAIT-1 收到的 FIN 同时确认了自己的 FIN：回复 ACK，直接进入 TIME-WAIT"
                 "（图 5 的注 2）。",
    },
    "finwait2-rcv-fin": {
        "en": "The peer's FIN arrives in FIN-WAIT-2: the host acknowledges it and enters "
              "TIME-WAIT.",
        "zh_CN": "FIN-WAIT-2 收到对方的 FIN：回复 ACK，进入 TIME-WAIT。",
    },
    "closewait-close": {
        "en": "CLOSE in CLOSE-WAIT: the host sends its FIN and enters LAST-ACK.",
        "zh_CN": "在 CLOSE-WAIT 中调用 CLOSE：发送自己的 FIN，进入 LAST-ACK。",
    },
    "closing-rcv-ack": {
        "en": "The ACK of its FIN arrives in CLOSING: TIME-WAIT.",
        "zh_CN": "CLOSING 收到对自己 FIN 的确认：进入 TIME-WAIT。",
    },
    "lastack-rcv-ack": {
        "en": "The ACK of its FIN arrives in LAST-ACK: the TCB is deleted, CLOSED.",
        "zh_CN": "LAST-ACK 收到对自己 FIN 的确认：删除 TCB，进入 CLOSED。",
    },
    "timewait-timeout": {
        "en": "The 2MSL timer expires in TIME-WAIT: the TCB is deleted, CLOSED.",
        "zh_CN": "TIME-WAIT 的 2MSL 计时器超时：删除 TCB，进入 CLOSED。",
    },
    "synrcvd-rcv-syn": {
        "en": "A SYN arrives in SYN-RECEIVED reached from LISTEN: the host goes back to LISTEN "
              "(not drawn in Figure 5).",
        "zh_CN": "由 LISTEN 进入的 SYN-RECEIVED 收到 SYN：回到 LISTEN（图 5 中未画出）。",
    },
    "timewait-rcv-syn": {
        "en": "A new SYN arrives in TIME-WAIT and is accepted to reopen the connection: SYN,ACK, "
              "SYN-RECEIVED (MAY-2, not drawn in Figure 5).",
        "zh_CN": "TIME-WAIT 收到新的 SYN 并接受它以重新打开连接：回复 SYN,ACK，进入 SYN-RECEIVED"
                 "（MAY-2，图 5 中未画出）。",
    },
    "rcv-rst": {
        "en": "A valid RST arrives: the connection is aborted and the TCB deleted, CLOSED.",
        "zh_CN": "收到有效的 RST：连接被中止，删除 TCB，进入 CLOSED。",
    },
    "rcv-syn-reset": {
        "en": "A SYN arrives inside the window of a synchronized connection (without RFC 5961): "
              "the host sends RST and goes to CLOSED.",
        "zh_CN": "已同步的连接在窗口内收到 SYN（未采用 RFC 5961 时）：发送 RST，进入 CLOSED。",
    },
    "abort": {
        "en": "ABORT (close() with SO_LINGER 0): from SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2 or "
              "CLOSE-WAIT the host sends RST <SEQ=SND.NXT>; in every case the TCB is deleted, "
              "CLOSED.",
        "zh_CN": "调用 ABORT（SO_LINGER 为 0 时的 close()）：若处于 SYN-RECEIVED、ESTABLISHED、"
                 "FIN-WAIT-1/2 或 CLOSE-WAIT，发送 RST <SEQ=SND.NXT>；无论哪种情况都删除 TCB，"
                 "进入 CLOSED。",
    },
    "user-timeout": {
        "en": "The user timeout expires: the connection is aborted and the TCB deleted, CLOSED.",
        "zh_CN": "用户超时：连接被中止，删除 TCB，进入 CLOSED。",
    },
    "crash": {
        "en": "The host crashes or reboots and loses every TCB: CLOSED (a half-open connection "
              "may remain on the other side).",
        "zh_CN": "主机崩溃或重启，丢失全部 TCB：进入 CLOSED（对方可能还留着一个半开连接）。",
    },
    "close-delete": {
        "en": "CLOSE or ABORT where no FIN is due: the TCB is simply deleted, CLOSED.",
        "zh_CN": "不需要发送 FIN 时调用 CLOSE 或 ABORT：直接删除 TCB，进入 CLOSED。",
    },
}


def state_text(state: State | str, lang: str) -> StateText:
    """Meaning, way in and way out of ``state`` in ``lang``."""
    state = state if isinstance(state, State) else State.parse(state)
    lang = normalize(lang) or DEFAULT
    entry = STATES[state].get(lang) or STATES[state][DEFAULT]
    return StateText(
        name=state.value, gloss=entry.get("gloss", ""), meaning=entry["meaning"],
        enter=entry["enter"], leave=entry["leave"],
    )


def state_label(state: State | str, lang: str) -> str:
    """``SYN-RECEIVED`` in English, ``SYN-RECEIVED（同步已接收）`` in Chinese."""
    text = state_text(state, lang)
    return f"{text.name}（{text.gloss}）" if text.gloss else text.name


def transition_text(transition_id: str, lang: str) -> str:
    """One line explaining a transition id; the id itself if it is unknown."""
    entry = TRANSITION_TEXT.get(transition_id)
    if not entry:
        return transition_id
    return entry.get(normalize(lang) or DEFAULT) or entry[DEFAULT]
