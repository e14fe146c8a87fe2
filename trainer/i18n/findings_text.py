"""Sentences for every finding code of ``trainer.engine.findings.CODES``, in each language.

How a finding becomes a sentence (see ``trainer.i18n.catalog.render``):

- ``VARIANTS`` names, per code, the parameters that choose a sub-template and the values they
  take. The template key is ``code/value`` (``ack-not-next/syn``), with one part per selector;
  lookup tries the most specific key first and ends with the bare ``code``, which every code has
  (so a value the engine adds later still gets a sensible sentence). A selector marked
  ``PRESENCE`` chooses by whether the parameter is null: ``code/none`` or ``code/some``.
- ``{host}`` is the display name of the host the finding is about and ``{peer}`` the other
  host's; states stay in RFC spelling in every language (they are protocol vocabulary);
  ``VALUE_WORDS`` turns enumerated values (``call``, ``timer``) into words.
- Derived parameters (``DERIVED``) are computed from the finding's own, e.g. ``rcv_end``.
- ``GLOSSED_STATES`` names the state parameters that get the Chinese gloss in parentheses.

Writing style: say what is wrong, what was expected, and why, in the words of RFC 9293. The
Chinese uses the vocabulary of the usual 考研 textbooks (序号, 确认号, 报文段, 传输控制块).
"""

from __future__ import annotations

from trainer.engine.seqnum import add
from trainer.engine.states import ALL_STATES

#: Selector value set meaning "choose by whether the parameter is null".
PRESENCE = ("none", "some")

VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "synack-without-syn": {"pending": PRESENCE},
    "ack-not-next": {"hint": ("syn", "fin", "data", "ahead", "behind", "other")},
    "seq-not-next": {"hint": ("syn", "fin", "data", "ahead", "behind", "other")},
    "rst-seq-wrong": {"rule": ("from-ack", "zero", "snd-nxt")},
    "call-invalid": {
        "error": ("exists", "not-exist", "closing"),
        "call": ("listen", "connect", "send", "close", "shutdown", "abort"),
        "state": tuple(state.value for state in ALL_STATES),
    },
    "timer-not-running": {"timer": ("retransmission", "time-wait", "keepalive", "user")},
    "rcv-closed-reset": {"rst_ack": PRESENCE},
    "rcv-rst-ignored": {"reason": ("listen", "out-of-window", "no-ack", "bad-ack", "closed")},
    "rcv-challenge-ack": {"reason": ("rst-inexact", "syn")},
    "rcv-bad-ack": {"reply": ("rst", "ack"), "snd_nxt": PRESENCE},
    "rcv-dropped": {"reason": ("no-ack", "listen-no-syn", "synsent-no-syn")},
    "rcv-unacceptable": {"rcv_wnd": PRESENCE},
}

#: Enumerated parameter values shown as words (the raw value selects; the word is displayed).
VALUE_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "call": {
        "listen": {"en": "listen() (passive OPEN)", "zh_CN": "listen()（被动打开）"},
        "connect": {"en": "connect() (active OPEN)", "zh_CN": "connect()（主动打开）"},
        "send": {"en": "send() (SEND)", "zh_CN": "send()（SEND 发送）"},
        "close": {"en": "close() (CLOSE)", "zh_CN": "close()（CLOSE 关闭）"},
        "shutdown": {"en": "shutdown(SHUT_WR) (CLOSE)", "zh_CN": "shutdown(SHUT_WR)（CLOSE 半关闭）"},
        "abort": {"en": "abort (ABORT)", "zh_CN": "abort（ABORT 异常终止）"},
    },
    "timer": {
        "retransmission": {"en": "retransmission timer", "zh_CN": "重传计时器"},
        "time-wait": {"en": "TIME-WAIT (2MSL) timer", "zh_CN": "TIME-WAIT 计时器（2MSL）"},
        "keepalive": {"en": "keep-alive timer", "zh_CN": "保活计时器"},
        "user": {"en": "user timeout", "zh_CN": "用户超时计时器"},
    },
}


def _rcv_end(params: dict) -> dict:
    nxt, wnd = params.get("rcv_nxt"), params.get("rcv_wnd")
    if isinstance(nxt, int) and isinstance(wnd, int):
        return {"rcv_end": add(nxt, wnd)}
    return {}


#: Extra parameters computed from a finding's own, per code.
DERIVED = {"rcv-unacceptable": _rcv_end}

#: State parameters shown with their textbook gloss in Chinese ("SYN-SENT（同步已发送）"), where
#: the state itself is the point of the message. Elsewhere states appear in RFC spelling only.
GLOSSED_STATES: dict[str, tuple[str, ...]] = {"claim-mismatch": ("claimed", "actual")}

# Template keys are "code" or "code/selector-value[/selector-value]". Each entry: en, zh_CN.
TEMPLATES: dict[str, dict[str, str]] = {
    # ---- the timeline itself -------------------------------------------------------------
    "arrival-before-send": {
        "en": "This segment of {host}'s is sent at {sent} s but arrives at {arrived} s, before it "
              "was sent. A segment cannot reach {peer} before it leaves {host}: its arrival time "
              "must not be earlier than its send time.",
        "zh_CN": "{host} 的这个报文段在 {sent} 秒发送，却在 {arrived} 秒就到达了，早于发送时间。"
                 "报文段不可能在离开 {host} 之前到达 {peer}：到达时间不能早于发送时间。",
    },
    # ---- what a host sends ---------------------------------------------------------------
    "send-without-connection": {
        "en": "{host} is CLOSED (it has no connection and no TCB), yet it sends {flags}. A host "
              "without a connection can only send a SYN to open one (active OPEN), or a RST in "
              "reply to a segment that reached it.",
        "zh_CN": "{host} 处于 CLOSED 状态（没有连接，也没有传输控制块 TCB），却发送了 {flags}。"
                 "没有连接的主机只能发送 SYN 发起连接（主动打开），或者用 RST 回应到达它的报文段。",
    },
    "synack-without-syn": {
        "en": "{host} sends a SYN,ACK in {state}, but no SYN from {peer} has reached it. A SYN,ACK "
              "acknowledges the peer's SYN (its ack is the peer's ISN + 1), so a host sends one "
              "only after a SYN has arrived.",
        "zh_CN": "{host} 在 {state} 状态发送了 SYN,ACK，但它还没有收到 {peer} 的 SYN。SYN,ACK "
                 "是对对方 SYN 的确认（确认号 = 对方的初始序号 + 1），所以只有在收到 SYN 之后才能发送。",
    },
    "synack-without-syn/none": {
        "en": "{host} sends a SYN,ACK in {state}, but no SYN from {peer} ever reaches it. A SYN,ACK "
              "acknowledges the peer's SYN (its ack is the peer's ISN + 1), so a host sends one "
              "only after a SYN has arrived: in LISTEN it answers a SYN with SYN,ACK and enters "
              "SYN-RECEIVED.",
        "zh_CN": "{host} 在 {state} 状态发送了 SYN,ACK，但 {peer} 的 SYN 从未到达它。SYN,ACK 是对"
                 "对方 SYN 的确认（确认号 = 对方的初始序号 + 1），所以只有在收到 SYN 之后才能发送："
                 "处于 LISTEN 的一方收到 SYN 后回复 SYN,ACK，并进入 SYN-RECEIVED。",
    },
    "synack-without-syn/some": {
        "en": "{host} sends a SYN,ACK in {state}, but {peer}'s SYN only reaches it at {pending} s, "
              "after this SYN,ACK has left. A host cannot acknowledge a SYN it has not received "
              "yet: move the SYN,ACK after the SYN's arrival.",
        "zh_CN": "{host} 在 {state} 状态发送了 SYN,ACK，但 {peer} 的 SYN 直到 {pending} 秒才到达，"
                 "晚于这个 SYN,ACK 的发送时间。主机不能确认一个还没收到的 SYN：应把 SYN,ACK 放到 SYN "
                 "到达之后。",
    },
    "syn-not-allowed": {
        "en": "{host} sends a new SYN in {state}, but it already has a connection: OPEN in this "
              "state returns \"error: connection already exists\". A connection request (SYN) "
              "starts only from CLOSED or LISTEN; after that a host may only retransmit its own "
              "SYN (same ISS) or answer a SYN with SYN,ACK.",
        "zh_CN": "{host} 在 {state} 状态发送了新的 SYN，但它已经有连接了：在此状态下调用 OPEN 会返回"
                 "“error: connection already exists”（连接已存在）。连接请求（SYN）只能从 CLOSED 或 "
                 "LISTEN 发出；此后主机只能重传自己的 SYN（序号仍为 ISS），或用 SYN,ACK 回应对方的 SYN。",
    },
    "flags-invalid": {
        "en": "{host} sends a segment with the flags {flags}, a combination no TCP following RFC "
              "9293 produces: OPEN sends a bare SYN, CLOSE in SYN-SENT simply deletes the "
              "connection, and a reset is RST or RST,ACK — never together with SYN or FIN.",
        "zh_CN": "{host} 发送了标志位为 {flags} 的报文段，遵循 RFC 9293 的 TCP 不会发出这种组合："
                 "OPEN 只发送单独的 SYN，在 SYN-SENT 状态调用 CLOSE 会直接删除连接，而复位报文只能是 "
                 "RST 或 RST,ACK，绝不会同时带 SYN 或 FIN。",
    },
    "reopen-iss-too-small": {
        "en": "{host} accepts a new SYN in TIME-WAIT and reopens the connection with ISS {iss}, but "
              "RFC 9293 allows this only if the new ISS is larger than every sequence number of "
              "the previous connection (it reached {previous}); otherwise old segments could be "
              "mistaken for new ones.",
        "zh_CN": "{host} 在 TIME-WAIT 状态接受了新的 SYN 并以 ISS={iss} 重新打开连接，但 RFC 9293 "
                 "只在新的 ISS 大于上一个连接用过的所有序号（已到 {previous}）时才允许这样做，"
                 "否则旧连接的报文段可能被误认为新连接的。",
    },
    "syn-seq-not-iss": {
        "en": "{host} retransmits its SYN with seq={got}, but its first SYN used the ISS {expected}. "
              "A retransmission sends the same segment again, so the sequence number must stay "
              "{expected}; a new ISS would be a new connection request.",
        "zh_CN": "{host} 重传 SYN 时用了 seq={got}，但它第一次发送 SYN 时的初始序号（ISS）是 "
                 "{expected}。重传是把同一个报文段再发一次，所以序号必须仍是 {expected}；换一个 ISS "
                 "就成了新的连接请求。",
    },
    "ack-flag-missing": {
        "en": "{host} sends a segment without the ACK flag in {state}. Once a host has received "
              "the peer's SYN it knows RCV.NXT, and every segment it sends from then on (except a "
              "RST) must carry the ACK flag with ack = RCV.NXT.",
        "zh_CN": "{host} 在 {state} 状态发送的报文段没有置 ACK 标志。主机一旦收到对方的 SYN 就知道了 "
                 "RCV.NXT，此后它发送的每个报文段（RST 除外）都必须置 ACK，并令确认号 = RCV.NXT。",
    },
    "ack-not-next": {
        "en": "{host} acknowledges {got}, but the ack number must be {expected}, the next sequence "
              "number {host} expects from {peer} (RCV.NXT).",
        "zh_CN": "{host} 的确认号是 {got}，但确认号应为 {expected}，即 {host} 期望从 {peer} 收到的"
                 "下一个序号（RCV.NXT），而不是 {got}。",
    },
    "ack-not-next/syn": {
        "en": "{host} acknowledges {got}, but {peer}'s SYN consumes one sequence number, so the ack "
              "number must be {expected}.",
        "zh_CN": "{host} 的确认号是 {got}，但 {peer} 的 SYN 本身要消耗一个序号，所以确认号应为 "
                 "{expected} 而不是 {got}。",
    },
    "ack-not-next/fin": {
        "en": "{host} acknowledges {got}, but {peer}'s FIN consumes one sequence number, so the ack "
              "number must be {expected}; acknowledging the FIN is what tells {peer} it arrived.",
        "zh_CN": "{host} 的确认号是 {got}，但 {peer} 的 FIN 要消耗一个序号，所以确认号应为 "
                 "{expected} 而不是 {got}；正是这个确认告诉 {peer} 它的 FIN 已经收到。",
    },
    "ack-not-next/data": {
        "en": "{host} acknowledges {got}, but the data {peer} sent counts too: every byte of "
              "payload takes one sequence number, so the ack number must be {expected} (the "
              "segment's seq plus its length).",
        "zh_CN": "{host} 的确认号是 {got}，但 {peer} 发送的数据也要计入：每个数据字节占一个序号，"
                 "所以确认号应为 {expected}（报文段的序号加上数据长度），而不是 {got}。",
    },
    "ack-not-next/ahead": {
        "en": "{host} acknowledges {got}, more than it has received: nothing from {peer} beyond "
              "{expected} has arrived yet. An ACK may only acknowledge what has been received, so "
              "the ack number must be {expected} (RCV.NXT).",
        "zh_CN": "{host} 的确认号是 {got}，超过了它实际收到的：{peer} 在 {expected} 之后的序号还没有"
                 "到达。确认只能确认已经收到的内容，所以确认号应为 {expected}（RCV.NXT）。",
    },
    "ack-not-next/behind": {
        "en": "{host} acknowledges {got}, less than it has already received from {peer}. The ack "
              "number always names the next sequence number expected (RCV.NXT), so it must be "
              "{expected}; an ACK never goes backwards.",
        "zh_CN": "{host} 的确认号是 {got}，比它已经从 {peer} 收到的要少。确认号总是期望收到的下一个"
                 "序号（RCV.NXT），所以应为 {expected}；确认号不会倒退。",
    },
    "ack-not-next/other": {
        "en": "{host} acknowledges {got}, but the ack number must be {expected}, the next sequence "
              "number {host} expects from {peer} (RCV.NXT).",
        "zh_CN": "{host} 的确认号是 {got}，但确认号应为 {expected}，即 {host} 期望从 {peer} 收到的"
                 "下一个序号（RCV.NXT），而不是 {got}。",
    },
    "seq-not-next": {
        "en": "{host} sends seq={got}, but its next sequence number (SND.NXT) is {expected}. New "
              "data, a FIN or a pure ACK starts at SND.NXT.",
        "zh_CN": "{host} 发送的序号是 {got}，但它的下一个发送序号（SND.NXT）是 {expected}。新数据、"
                 "FIN 或纯 ACK 都应从 SND.NXT 开始编号。",
    },
    "seq-not-next/syn": {
        "en": "{host} sends seq={got}, but its SYN consumed one sequence number, so its next "
              "segment must start at {expected}.",
        "zh_CN": "{host} 发送的序号是 {got}，但它的 SYN 已经消耗了一个序号，所以下一个报文段的序号应为 "
                 "{expected} 而不是 {got}。",
    },
    "seq-not-next/fin": {
        "en": "{host} sends seq={got}, but its FIN consumed one sequence number, so anything it "
              "sends after the FIN (such as the ACK of {peer}'s FIN) starts at {expected}.",
        "zh_CN": "{host} 发送的序号是 {got}，但它的 FIN 已经消耗了一个序号，所以 FIN 之后发送的报文段"
                 "（例如对 {peer} 的 FIN 的确认）序号应为 {expected} 而不是 {got}。",
    },
    "seq-not-next/data": {
        "en": "{host} sends seq={got}, but the data it sent before counts: every byte of payload "
              "takes one sequence number, so the next segment starts at {expected} (the previous "
              "seq plus its length).",
        "zh_CN": "{host} 发送的序号是 {got}，但它之前发送的数据也要计入：每个数据字节占一个序号，所以"
                 "下一个报文段的序号应为 {expected}（上一个序号加上数据长度）。",
    },
    "seq-not-next/ahead": {
        "en": "{host} sends seq={got}, skipping sequence numbers: it has sent nothing from "
              "{expected} on, so new data, a FIN or a pure ACK must start at SND.NXT = {expected}. "
              "A gap would stand for bytes that were never sent.",
        "zh_CN": "{host} 发送的序号是 {got}，跳过了一段序号：从 {expected} 起它什么都还没发送，所以新"
                 "数据、FIN 或纯 ACK 的序号应为 SND.NXT = {expected}。跳过的序号代表从未发送过的字节。",
    },
    "seq-not-next/behind": {
        "en": "{host} sends seq={got}, reusing sequence numbers it has already sent: new data, a "
              "FIN or a pure ACK starts at SND.NXT = {expected}. Only a retransmission may repeat "
              "earlier sequence numbers, and then with the same bytes.",
        "zh_CN": "{host} 发送的序号是 {got}，重复使用了已经发送过的序号：新数据、FIN 或纯 ACK 的序号"
                 "应为 SND.NXT = {expected}。只有重传才能再次使用以前的序号，而且内容必须相同。",
    },
    "seq-not-next/other": {
        "en": "{host} sends seq={got}, but its next sequence number (SND.NXT) is {expected}. New "
              "data, a FIN or a pure ACK starts at SND.NXT.",
        "zh_CN": "{host} 发送的序号是 {got}，但它的下一个发送序号（SND.NXT）是 {expected}。新数据、"
                 "FIN 或纯 ACK 都应从 SND.NXT 开始编号。",
    },
    "retransmit-acked": {
        "en": "{host} retransmits from seq={seq}, but {peer} has already acknowledged everything "
              "before {una} (SND.UNA). Acknowledged segments are removed from the retransmission "
              "queue, so they are never sent again.",
        "zh_CN": "{host} 从 seq={seq} 开始重传，但 {peer} 已经确认了 {una}（SND.UNA）之前的全部内容。"
                 "已被确认的报文段会从重传队列中删除，不会再被发送。",
    },
    "data-after-fin": {
        "en": "{host} sends new data or a second FIN after its FIN (seq={fin}). After CLOSE a host "
              "has no more data to send: SEND returns \"error: connection closing\", and the FIN "
              "is the last sequence number it uses. Only a retransmission of that same FIN is "
              "allowed.",
        "zh_CN": "{host} 在发送 FIN（seq={fin}）之后又发送了新数据或第二个 FIN。调用 CLOSE 就表示"
                 "“我没有数据要发送了”：此后 SEND 返回“error: connection closing”（连接正在关闭），"
                 "FIN 是它使用的最后一个序号。只允许重传同一个 FIN。",
    },
    "fin-seq-changed": {
        "en": "{host} retransmits its FIN with seq={got}, but the FIN was first sent with "
              "seq={expected}. A retransmission repeats the same segment, so the FIN must keep "
              "its sequence number {expected}.",
        "zh_CN": "{host} 重传 FIN 时用了 seq={got}，但这个 FIN 第一次发送时的序号是 {expected}。"
                 "重传是重复同一个报文段，所以 FIN 的序号必须保持为 {expected}。",
    },
    "fin-not-allowed": {
        "en": "{host} sends a FIN in {state}. A FIN closes a synchronized connection; in LISTEN or "
              "SYN-SENT nothing has been synchronized yet, so CLOSE simply deletes the TCB and "
              "sends nothing.",
        "zh_CN": "{host} 在 {state} 状态发送了 FIN。FIN 用来关闭已经同步的连接；在 LISTEN 或 "
                 "SYN-SENT 状态双方还没有同步，此时调用 CLOSE 只是删除 TCB，不发送任何报文段。",
    },
    "data-not-allowed": {
        "en": "{host} sends data in {state}, before the connection is ESTABLISHED. Apart from data "
              "carried on the SYN itself, SEND queues data until the connection reaches "
              "ESTABLISHED.",
        "zh_CN": "{host} 在 {state} 状态、连接进入 ESTABLISHED 之前就发送了数据。除了随 SYN 一起携带"
                 "的数据，SEND 的数据都要排队等到连接进入 ESTABLISHED 后才发送。",
    },
    "send-before-synchronized": {
        "en": "{host} is in {state}: it has sent its SYN but not yet received {peer}'s SYN, so it "
              "has no RCV.NXT and cannot acknowledge anything. In SYN-SENT a host can only "
              "(re)send its SYN or answer with a RST.",
        "zh_CN": "{host} 处于 {state}：它已发出 SYN，但还没有收到 {peer} 的 SYN，因此还没有 RCV.NXT，"
                 "无法确认任何东西。处于 SYN-SENT 的主机只能（重）发自己的 SYN，或者回复 RST。",
    },
    "rst-unprovoked": {
        "en": "{host} sends a RST in {state}, but it has no connection to abort and no arriving "
              "segment to answer. A RST is sent in reply to a segment that does not belong to a "
              "connection, or by ABORT on an existing connection.",
        "zh_CN": "{host} 在 {state} 状态发送了 RST，但它既没有可以中止的连接，也没有需要回应的到达报文段。"
                 "RST 只在回应不属于任何连接的报文段时发送，或者在已有连接上调用 ABORT 时发送。",
    },
    "rst-seq-wrong": {
        "en": "{host}'s RST has seq={got}, but it must be {expected}, so that the receiver finds "
              "the reset inside its window and accepts it.",
        "zh_CN": "{host} 发送的 RST 序号是 {got}，但应为 {expected}，这样接收方才会认为它落在窗口内"
                 "并接受这个复位。",
    },
    "rst-seq-wrong/from-ack": {
        "en": "{host}'s RST has seq={got}, but it answers a segment that carried an ACK, so the "
              "reset takes its sequence number from that segment's ack field: seq={expected} "
              "(<SEQ=SEG.ACK><CTL=RST>). That is exactly the number the other side expects.",
        "zh_CN": "{host} 发送的 RST 序号是 {got}，但它回应的报文段带有 ACK，所以 RST 的序号取自该报文段"
                 "的确认号：seq 应为 {expected}（<SEQ=SEG.ACK><CTL=RST>）。这正是对方期望收到的序号。",
    },
    "rst-seq-wrong/zero": {
        "en": "{host}'s RST has seq={got}, but it answers a segment without ACK, so it has no "
              "number of the peer's to reuse: the reset uses sequence number {expected} and "
              "acknowledges the segment instead (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).",
        "zh_CN": "{host} 发送的 RST 序号是 {got}，但它回应的报文段没有 ACK，没有可以借用的确认号："
                 "此时 RST 的序号应为 {expected}，并通过确认号来对应那个报文段"
                 "（<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>）。",
    },
    "rst-seq-wrong/snd-nxt": {
        "en": "{host}'s RST has seq={got}, but a reset sent by ABORT carries the host's next send "
              "sequence number: seq = SND.NXT = {expected} (<SEQ=SND.NXT><CTL=RST>).",
        "zh_CN": "{host} 发送的 RST 序号是 {got}，但调用 ABORT 发出的复位使用自己的下一个发送序号："
                 "seq = SND.NXT = {expected}（<SEQ=SND.NXT><CTL=RST>）。",
    },
    "rst-ack-wrong": {
        "en": "{host}'s RST,ACK acknowledges {got}, but it must acknowledge {expected}: SEG.SEQ + "
              "SEG.LEN of the segment it answers (RCV.NXT when sent by ABORT), so that {peer} can "
              "match the reset to what it sent.",
        "zh_CN": "{host} 发送的 RST,ACK 确认号是 {got}，但应为 {expected}：即它所回应报文段的 "
                 "SEG.SEQ + SEG.LEN（调用 ABORT 时为 RCV.NXT），这样 {peer} 才能把这个复位与自己发出的"
                 "报文段对应起来。",
    },
    "rst-ack-required": {
        "en": "{host} answers a segment that had no ACK with a plain RST. Such a reset must be a "
              "RST,ACK with seq=0 and ack={expected} (SEG.SEQ + SEG.LEN of that segment): with no "
              "ack number of the peer's to copy, only the ACK lets {peer} accept the reset.",
        "zh_CN": "{host} 用不带 ACK 的 RST 回应了一个没有 ACK 的报文段。这种情况下复位必须是 RST,ACK，"
                 "seq=0，ack={expected}（该报文段的 SEG.SEQ + SEG.LEN）：没有对方的确认号可借用，"
                 "只有靠确认号 {peer} 才会接受这个复位。",
    },
    "beyond-window": {
        "en": "{host} sends data up to sequence number {end}, past {limit} = SND.UNA + SND.WND, the "
              "right edge of the window {peer} offered. A sender should keep new data inside the "
              "offered window (a single byte may probe a zero window).",
        "zh_CN": "{host} 发送的数据一直到序号 {end}，超过了 {peer} 通告的窗口右边界 {limit} = "
                 "SND.UNA + SND.WND。发送方的新数据应当落在对方通告的窗口之内（零窗口时可以用一个字节"
                 "进行探测）。",
    },
    "wscale-not-offered": {
        "en": "{host}'s SYN,ACK carries the Window Scale option, but the SYN it answers did not. "
              "RFC 7323 allows the option on a SYN,ACK only when the SYN carried it; since only one "
              "side offered it, neither side scales its window.",
        "zh_CN": "{host} 的 SYN,ACK 携带了窗口扩大选项（Window Scale），但它所回应的 SYN 并没有携带。"
                 "RFC 7323 规定只有 SYN 携带了该选项时，SYN,ACK 才能携带；由于只有一方提出，双方都不"
                 "对窗口进行扩大。",
    },
    "wscale-too-large": {
        "en": "{host} offers a window scale shift of {shift}, but the largest allowed is 14: the "
              "peer uses 14 instead (RFC 7323), and so does this checker.",
        "zh_CN": "{host} 在窗口扩大选项中给出的移位值是 {shift}，但最大只能是 14：对方会改用 14"
                 "（RFC 7323），本检查器也按 14 计算。",
    },
    "ack-without-flag": {
        "en": "{host} fills in ack={got}, but the ACK flag is off, so the receiver ignores the "
              "acknowledgment field: it is only meaningful when the ACK bit is set. Set the ACK "
              "flag or leave the ack number out.",
        "zh_CN": "{host} 填写了确认号 ack={got}，但没有置 ACK 标志，接收方会忽略确认号字段：只有 ACK "
                 "标志为 1 时确认号才有效。请置 ACK 标志，或者去掉确认号。",
    },
    "call-invalid": {
        "en": "{host} calls {call} in {state}; RFC 9293 answers this call with an error and "
              "nothing changes.",
        "zh_CN": "{host} 在 {state} 状态调用了 {call}；RFC 9293 对这个调用返回错误，状态不变。",
    },
    "call-invalid/exists": {
        "en": "{host} calls {call} in {state}, but a connection already exists: the call returns "
              "\"error: connection already exists\" and nothing changes.",
        "zh_CN": "{host} 在 {state} 状态调用了 {call}，但连接已经存在：该调用返回“error: connection "
                 "already exists”（连接已存在），状态不变。",
    },
    "call-invalid/not-exist": {
        "en": "{host} calls {call} in {state}, but there is no connection: the call returns "
              "\"error: connection does not exist\".",
        "zh_CN": "{host} 在 {state} 状态调用了 {call}，但连接并不存在：该调用返回“error: connection "
                 "does not exist”（连接不存在）。",
    },
    "call-invalid/closing": {
        "en": "{host} calls {call} in {state}, but the connection is already closing: the call "
              "returns \"error: connection closing\".",
        "zh_CN": "{host} 在 {state} 状态调用了 {call}，但连接已经在关闭过程中：该调用返回"
                 "“error: connection closing”（连接正在关闭）。",
    },
    "call-invalid/closing/send": {
        "en": "{host} calls {call} in {state}, after its own CLOSE: a host that has closed has no "
              "more data to send, so SEND returns \"error: connection closing\". It can still "
              "receive.",
        "zh_CN": "{host} 在 {state} 状态调用了 {call}，而它已经调用过 CLOSE：关闭了发送方向的主机不能"
                 "再发送数据，SEND 返回“error: connection closing”（连接正在关闭）。不过它仍然可以"
                 "接收数据。",
    },
    "call-invalid/closing/close": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE: the connection is "
              "already closing, so the call returns \"error: connection closing\" and no "
              "second FIN is sent.",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE：连接已经在关闭过程中，"
                 "该调用返回“error: connection closing”（连接正在关闭），也不会发送第二个 FIN。",
    },
    "call-invalid/closing/close/FIN-WAIT-1": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE. Strictly this returns "
              "\"error: connection closing\"; an \"ok\" is acceptable as long as no second FIN is "
              "sent (the first FIN may be retransmitted).",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE。严格来说应返回"
                 "“error: connection closing”（连接正在关闭）；返回“ok”也可以，只要不发送第二个 FIN"
                 "（第一个 FIN 可以重传）。",
    },
    "call-invalid/closing/close/FIN-WAIT-2": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE. Strictly this returns "
              "\"error: connection closing\"; an \"ok\" is acceptable as long as no second FIN is "
              "sent (the first FIN may be retransmitted).",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE。严格来说应返回"
                 "“error: connection closing”（连接正在关闭）；返回“ok”也可以，只要不发送第二个 FIN"
                 "（第一个 FIN 可以重传）。",
    },
    "call-invalid/closing/shutdown": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE: the connection is "
              "already closing, so the call returns \"error: connection closing\" and no "
              "second FIN is sent.",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE：连接已经在关闭过程中，"
                 "该调用返回“error: connection closing”（连接正在关闭），也不会发送第二个 FIN。",
    },
    "call-invalid/closing/shutdown/FIN-WAIT-1": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE. Strictly this returns "
              "\"error: connection closing\"; an \"ok\" is acceptable as long as no second FIN is "
              "sent (the first FIN may be retransmitted).",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE。严格来说应返回"
                 "“error: connection closing”（连接正在关闭）；返回“ok”也可以，只要不发送第二个 FIN"
                 "（第一个 FIN 可以重传）。",
    },
    "call-invalid/closing/shutdown/FIN-WAIT-2": {
        "en": "{host} calls {call} again in {state}, after its first CLOSE. Strictly this returns "
              "\"error: connection closing\"; an \"ok\" is acceptable as long as no second FIN is "
              "sent (the first FIN may be retransmitted).",
        "zh_CN": "{host} 在 {state} 状态再次调用了 {call}，它之前已经调用过 CLOSE。严格来说应返回"
                 "“error: connection closing”（连接正在关闭）；返回“ok”也可以，只要不发送第二个 FIN"
                 "（第一个 FIN 可以重传）。",
    },
    "timer-not-running": {
        "en": "The {timer} fires on {host} in {state}, but that timer is not running in this "
              "state.",
        "zh_CN": "{host} 在 {state} 状态出现了超时（{timer}），但在这个状态下该计时器并没有运行。",
    },
    "timer-not-running/retransmission": {
        "en": "A retransmission timeout fires on {host} in {state}, but {host} has nothing "
              "waiting for acknowledgment. The retransmission timer runs only while a segment it "
              "sent (SYN, data or FIN) is still unacknowledged.",
        "zh_CN": "{host} 在 {state} 状态发生了重传超时，但 {host} 没有任何等待确认的报文段。只有当它"
                 "发出的报文段（SYN、数据或 FIN）尚未被确认时，重传计时器才在运行。",
    },
    "timer-not-running/time-wait": {
        "en": "The TIME-WAIT (2MSL) timeout fires on {host} in {state}, but that timer only runs "
              "in TIME-WAIT: it starts when the host enters TIME-WAIT and deletes the TCB when "
              "it expires.",
        "zh_CN": "{host} 在 {state} 状态发生了 TIME-WAIT（2MSL）超时，但这个计时器只在 TIME-WAIT "
                 "状态运行：主机进入 TIME-WAIT 时启动它，超时后删除 TCB。",
    },
    "timer-not-running/keepalive": {
        "en": "A keep-alive timeout fires on {host} in {state}, but keep-alives are only sent on "
              "a synchronized connection that is idle, with no sent data outstanding.",
        "zh_CN": "{host} 在 {state} 状态发生了保活超时，但保活报文只会在已同步且空闲（没有未确认的已发送"
                 "数据）的连接上发送。",
    },
    "timer-not-running/user": {
        "en": "A user timeout fires on {host} in {state}, but {host} has no connection for it to "
              "abort: the user timeout belongs to an open connection (TCB).",
        "zh_CN": "{host} 在 {state} 状态发生了用户超时，但 {host} 没有可以中止的连接：用户超时计时器"
                 "属于一个存在的连接（TCB）。",
    },
    "timewait-too-short": {
        "en": "{host} leaves TIME-WAIT after {elapsed} s, but it must stay 2×MSL = {required} s "
              "(MUST-13): long enough to retransmit its last ACK if that ACK was lost, and for "
              "old duplicate segments of this connection to die out in the network.",
        "zh_CN": "{host} 在 TIME-WAIT 只停留了 {elapsed} 秒就离开了，但必须等待 2MSL = {required} 秒"
                 "（MUST-13）：这样在最后一个 ACK 丢失时还能重传它，并让本连接的旧重复报文段在网络中"
                 "全部消失。",
    },
    "claim-mismatch": {
        "en": "The trace says {host} is in {claimed} here, but by RFC 9293 it is in {actual}.",
        "zh_CN": "轨迹中标注 {host} 此时处于 {claimed}，但按照 RFC 9293，它此时应处于 {actual}。",
    },
    # ---- what a host does with an arriving segment (explanations) ------------------------
    "rcv-closed-reset": {
        "en": "{host} has no connection (CLOSED), so it discards the arriving segment and answers "
              "with a reset whose numbers make it acceptable to the sender.",
        "zh_CN": "{host} 没有连接（CLOSED），因此丢弃到达的报文段，并回复一个复位报文段，其序号和确认号"
                 "保证发送方会接受它。",
    },
    "rcv-closed-reset/none": {
        "en": "{host} has no connection (CLOSED), so it discards the arriving segment and answers "
              "with a RST. The segment carried an ACK, so the reset takes its sequence number "
              "from that ack: <SEQ={rst_seq}><CTL=RST>.",
        "zh_CN": "{host} 没有连接（CLOSED），因此丢弃到达的报文段并回复 RST。该报文段带有 ACK，所以 RST "
                 "的序号取自它的确认号：<SEQ={rst_seq}><CTL=RST>。",
    },
    "rcv-closed-reset/some": {
        "en": "{host} has no connection (CLOSED), so it discards the arriving segment and answers "
              "with a RST,ACK. The segment had no ACK, so the reset uses sequence number "
              "{rst_seq} and acknowledges SEG.SEQ + SEG.LEN: <SEQ={rst_seq}><ACK={rst_ack}>"
              "<CTL=RST,ACK>.",
        "zh_CN": "{host} 没有连接（CLOSED），因此丢弃到达的报文段并回复 RST,ACK。该报文段没有 ACK，所以"
                 "复位的序号为 {rst_seq}，确认号为 SEG.SEQ + SEG.LEN：<SEQ={rst_seq}><ACK={rst_ack}>"
                 "<CTL=RST,ACK>。",
    },
    "rcv-rst-ignored": {
        "en": "{host} ignores the arriving RST: it does not pass the reset validity check.",
        "zh_CN": "{host} 忽略了到达的 RST：它没有通过复位报文的有效性检查。",
    },
    "rcv-rst-ignored/listen": {
        "en": "{host} is in LISTEN and ignores the RST: a reset cannot be valid there, because "
              "nothing this listening connection sent could have provoked it.",
        "zh_CN": "{host} 处于 LISTEN，忽略这个 RST：在 LISTEN 状态复位不可能有效，因为正在监听的连接"
                 "没有发出过任何可能引起复位的报文段。",
    },
    "rcv-rst-ignored/out-of-window": {
        "en": "{host} ignores the RST because its sequence number lies outside the receive "
              "window. A reset is valid only if its seq is in the window, so a stray or forged "
              "RST cannot kill the connection.",
        "zh_CN": "{host} 忽略这个 RST，因为它的序号落在接收窗口之外。只有序号在窗口内的复位才有效，"
                 "这样迷途或伪造的 RST 就无法断开连接。",
    },
    "rcv-rst-ignored/no-ack": {
        "en": "{host} is in SYN-SENT and ignores the RST because it carries no ACK. In SYN-SENT a "
              "reset is accepted only if its ACK acknowledges the SYN that {host} sent.",
        "zh_CN": "{host} 处于 SYN-SENT，忽略这个 RST，因为它没有携带 ACK。在 SYN-SENT 状态，只有确认了 "
                 "{host} 所发 SYN 的复位才会被接受。",
    },
    "rcv-rst-ignored/bad-ack": {
        "en": "{host} is in SYN-SENT and ignores the RST because its ACK does not acknowledge "
              "{host}'s SYN (SEG.ACK =< ISS or SEG.ACK > SND.NXT). In SYN-SENT a reset is "
              "accepted only if it acknowledges the SYN.",
        "zh_CN": "{host} 处于 SYN-SENT，忽略这个 RST，因为它的确认号没有确认 {host} 的 SYN"
                 "（SEG.ACK =< ISS 或 SEG.ACK > SND.NXT）。在 SYN-SENT 状态，只有确认了 SYN 的复位"
                 "才会被接受。",
    },
    "rcv-rst-ignored/closed": {
        "en": "{host} has no connection (CLOSED), so it discards the arriving RST. A reset is "
              "never answered with another reset.",
        "zh_CN": "{host} 没有连接（CLOSED），直接丢弃到达的 RST。对复位报文永远不会再回复复位。",
    },
    "rcv-challenge-ack": {
        "en": "{host} answers with a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961) "
              "and drops the segment.",
        "zh_CN": "{host} 回复一个挑战 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（RFC 5961），并丢弃该"
                 "报文段。",
    },
    "rcv-challenge-ack/rst-inexact": {
        "en": "The RST's sequence number is inside {host}'s receive window but is not exactly "
              "RCV.NXT, so {host} does not reset the connection: it drops the RST and sends a "
              "challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961). A genuine peer "
              "answers with a RST carrying exactly that ack number.",
        "zh_CN": "这个 RST 的序号在 {host} 的接收窗口内，但并不恰好等于 RCV.NXT，所以 {host} 不会重置"
                 "连接：它丢弃该 RST，并回复挑战 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（RFC 5961）。"
                 "真正的对端会用序号恰好等于该确认号的 RST 来回应。",
    },
    "rcv-challenge-ack/syn": {
        "en": "{host} is in a synchronized state and receives a SYN. Whatever its sequence number, "
              "{host} does not reset the connection: it drops the SYN and sends a challenge ACK "
              "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961). If {peer} really restarted, it "
              "answers that ACK with a RST.",
        "zh_CN": "{host} 处于已同步状态，却收到了一个 SYN。无论其序号是多少，{host} 都不会重置连接："
                 "它丢弃该 SYN，并回复挑战 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（RFC 5961）。"
                 "如果 {peer} 真的已经重启，它会用 RST 回应这个 ACK。",
    },
    "rcv-unacceptable": {
        "en": "The segment's seq={seq} fails {host}'s acceptability test: it lies outside the "
              "receive window, which starts at RCV.NXT = {rcv_nxt}. {host} drops it and, unless it "
              "is a RST, replies with an ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> to say what it "
              "expects.",
        "zh_CN": "该报文段的序号 seq={seq} 没有通过 {host} 的可接受性检查：它落在从 RCV.NXT = "
                 "{rcv_nxt} 开始的接收窗口之外。{host} 丢弃它，并且（除非它是 RST）回复 ACK "
                 "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，告诉对方自己期望的序号。",
    },
    "rcv-unacceptable/some": {
        "en": "The segment's seq={seq} fails {host}'s acceptability test: it lies outside the "
              "receive window, which runs from RCV.NXT = {rcv_nxt} up to (not including) "
              "{rcv_end} (RCV.WND = {rcv_wnd}). {host} drops it and, unless it is a RST, replies "
              "with an ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> to say what it expects.",
        "zh_CN": "该报文段的序号 seq={seq} 没有通过 {host} 的可接受性检查：它落在接收窗口之外，窗口从 "
                 "RCV.NXT = {rcv_nxt} 开始，到 {rcv_end} 为止（不含，RCV.WND = {rcv_wnd}）。{host} "
                 "丢弃它，并且（除非它是 RST）回复 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，告诉对方"
                 "自己期望的序号。",
    },
    "rcv-unacceptable/none": {
        "en": "The segment's seq={seq} fails {host}'s acceptability test. The size of {host}'s "
              "receive window is unknown (the trace does not show the window scale the SYNs set "
              "up), but the segment lies outside any window a host can offer: wholly before "
              "RCV.NXT = {rcv_nxt} (old data), or more than 2^30 octets beyond it. {host} drops it "
              "and, unless it is a RST, replies with an ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> to "
              "say what it expects.",
        "zh_CN": "该报文段的序号 seq={seq} 没有通过 {host} 的可接受性检查。由于轨迹中看不到 SYN "
                 "协商的窗口扩大因子，{host} 的接收窗口大小未知，但该报文段落在任何可能的窗口之外："
                 "它完全落在 RCV.NXT = {rcv_nxt} 之前（旧数据），或者超出 RCV.NXT 达 2^30 字节以上。"
                 "{host} 丢弃它，并且（除非它是 RST）回复 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，"
                 "告诉对方自己期望的序号。",
    },
    "rcv-bad-ack": {
        "en": "The segment acknowledges {ack}, but {host} has only sent up to {snd_nxt} (SND.NXT): "
              "it acknowledges something not yet sent.",
        "zh_CN": "该报文段的确认号是 {ack}，但 {host} 只发送到了 {snd_nxt}（SND.NXT）：它确认了尚未发送"
                 "的内容。",
    },
    "rcv-bad-ack/rst": {
        "en": "The segment acknowledges {ack}, which does not acknowledge {host}'s SYN: in "
              "{state} an acceptable ACK lies above SND.UNA and no higher than SND.NXT = "
              "{snd_nxt}. In a state that is not yet synchronized a bad ACK means the segment "
              "does not belong to this connection, so {host} answers with a RST "
              "<SEQ=SEG.ACK><CTL=RST> and stays in {state}.",
        "zh_CN": "该报文段的确认号是 {ack}，它没有确认 {host} 的 SYN：在 {state} 状态，可接受的确认号"
                 "必须大于 SND.UNA，且不超过 SND.NXT = {snd_nxt}。在尚未同步的状态下，错误的确认号"
                 "说明该报文段不属于这个连接，所以 {host} 回复 RST <SEQ=SEG.ACK><CTL=RST>，并保持在 "
                 "{state}。",
    },
    "rcv-bad-ack/rst/none": {
        "en": "The segment carries an ACK (ack={ack}), but {host} is in {state} and has sent "
              "nothing yet, so any acknowledgment is bad: the segment cannot belong to this "
              "connection. {host} answers with a RST <SEQ=SEG.ACK><CTL=RST> and stays in "
              "{state}.",
        "zh_CN": "该报文段带有 ACK（ack={ack}），但 {host} 处于 {state}，还没有发送过任何东西，所以任何"
                 "确认都是错误的：这个报文段不可能属于本连接。{host} 回复 RST <SEQ=SEG.ACK><CTL=RST>，"
                 "并保持在 {state}。",
    },
    "rcv-bad-ack/ack": {
        "en": "The segment acknowledges {ack}, but {host} has only sent up to {snd_nxt} (SND.NXT): "
              "it acknowledges something not yet sent. In {state}, a synchronized state, {host} "
              "drops the segment and replies with an ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.",
        "zh_CN": "该报文段的确认号是 {ack}，但 {host} 只发送到了 {snd_nxt}（SND.NXT）：它确认了尚未发送"
                 "的内容。{state} 是已同步状态，{host} 丢弃该报文段，并回复 ACK "
                 "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>。",
    },
    "rcv-out-of-order": {
        "en": "The segment starts at seq={seq}, beyond RCV.NXT = {rcv_nxt}: the bytes in between "
              "have not arrived yet. {host} holds it until the gap is filled and sends a "
              "duplicate ACK with ack={rcv_nxt}.",
        "zh_CN": "该报文段从 seq={seq} 开始，超过了 RCV.NXT = {rcv_nxt}：中间的字节还没有到达。{host} "
                 "先把它缓存起来，等空缺补齐后再处理，并发送确认号为 {rcv_nxt} 的重复 ACK。",
    },
    "rcv-dropped": {
        "en": "{host} is in {state} and drops the segment without a reply.",
        "zh_CN": "{host} 处于 {state}，丢弃该报文段，不作任何回复。",
    },
    "rcv-dropped/no-ack": {
        "en": "{host} is in {state}, a synchronized state, and the segment has the ACK flag off: "
              "such a segment is dropped without a reply (every segment after the handshake "
              "carries ACK).",
        "zh_CN": "{host} 处于已同步状态 {state}，而该报文段没有置 ACK 标志：这样的报文段被直接丢弃，"
                 "不作回复（握手之后的每个报文段都应带 ACK）。",
    },
    "rcv-dropped/listen-no-syn": {
        "en": "{host} is in LISTEN and the segment carries none of RST, ACK or SYN: there is "
              "nothing to answer, so it is dropped without a reply.",
        "zh_CN": "{host} 处于 LISTEN，而该报文段既没有 RST、ACK，也没有 SYN：没有什么需要回应的，"
                 "直接丢弃，不作回复。",
    },
    "rcv-dropped/synsent-no-syn": {
        "en": "{host} is in SYN-SENT and the segment carries neither SYN nor RST: it is dropped "
              "without a reply. Only a SYN (or SYN,ACK) from {peer} can move {host} on from "
              "SYN-SENT.",
        "zh_CN": "{host} 处于 SYN-SENT，而该报文段既没有 SYN 也没有 RST：直接丢弃，不作回复。只有 "
                 "{peer} 的 SYN（或 SYN,ACK）才能让 {host} 离开 SYN-SENT。",
    },
    "rcv-fin-retransmitted": {
        "en": "{host} is in TIME-WAIT and receives {peer}'s FIN again: its last ACK was probably "
              "lost. {host} acknowledges the FIN once more and restarts the 2MSL timer — this is "
              "exactly why TIME-WAIT exists.",
        "zh_CN": "{host} 处于 TIME-WAIT，又收到了 {peer} 的 FIN：它发出的最后一个 ACK 很可能丢失了。"
                 "{host} 再次确认这个 FIN，并重新启动 2MSL 计时器——这正是 TIME-WAIT 状态存在的原因。",
    },
}
