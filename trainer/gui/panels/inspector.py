"""Inspector: the selected event as a form, and both hosts' TCBs after the current step.

A selected segment shows as a TCP header (RFC 9293 3.1): ports, sequence and acknowledgment
numbers, data offset, control bits, window, payload length, plus when it is sent and arrives.
Every field edit pushes one ``ReplaceEventCommand`` whose ``merge_key`` names the field, so
typing a number is one undo step. Below the form: ISS, IRS, SND.UNA, SND.NXT, SND.WND, RCV.NXT
and RCV.WND of both hosts after the current step, and their states.

With relative numbers on, sequence numbers read as offsets from the sending host's ISS (ack
numbers from the receiving host's ISS) of the connection the segment belongs to (after a
reconnect, the new ISSs: ``trainer.gui.relative``), as Wireshark shows them; edits are
converted back.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QScrollArea, QSizePolicy, QSpinBox, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from trainer.engine.result import TCB_FIELDS
from trainer.engine.trace import Call, CallKind, Crash, Flag, Segment, Timeout, Timer
from trainer.gui.commands import ReplaceEventCommand
from trainer.gui.document import TraceDocument
from trainer.gui.i18n import current_language, fmt
from trainer.gui.palette import host_color, state_color
from trainer.gui.panels.common import (
    SEQ_SPACE, Coalesced, KeepKeys, NumberBox, SecondsBox, WrappedCheckBox,
)
from trainer.gui.relative import IssHistory, segment_bases

#: Control bits in the order the form shows them.
FORM_FLAGS = (("SYN", Flag.SYN), ("ACK", Flag.ACK), ("FIN", Flag.FIN), ("RST", Flag.RST),
              ("PSH", Flag.PSH), ("URG", Flag.URG))
#: TCB rows: label (RFC spelling, never translated) and index into a host's ``Step.tcb``.
TCB_ROWS = tuple((field.upper().replace("_", "."), i) for i, field in enumerate(TCB_FIELDS))
SND_UNA, SND_NXT, RCV_NXT = (TCB_FIELDS.index(f) for f in ("snd_una", "snd_nxt", "rcv_nxt"))
SEQ_MAX = SEQ_SPACE - 1
DEFAULT_LATENCY = 0.05


def port_of(address: str | None) -> int | None:
    """``10.0.0.1:40000`` -> 40000, ``[2001:db8::1]:80`` -> 80, no port -> None."""
    if not address:
        return None
    if address.startswith("["):
        _, _, rest = address.partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        _, _, port = address.partition(":")
    return int(port) if port.isdigit() else None


def option_bytes(options: dict | None) -> int:
    """Length of the TCP options a segment carries, padded to whole 32-bit words."""
    if not options:
        return 0
    raw = (4 * ("mss" in options) + 3 * ("wscale" in options)
           + 2 * bool(options.get("sack_permitted")))
    return (raw + 3) // 4 * 4


def _minus(value: int | None, base: int | None) -> int | None:
    return value if value is None or base is None else (value - base) % SEQ_SPACE


def _plus(value: int | None, base: int | None) -> int | None:
    return value if value is None or base is None else (value + base) % SEQ_SPACE


class InspectorPanel(QWidget):
    def __init__(self, doc: TraceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._relative = False
        self._loading = False
        self._iss_cache: tuple | None = None  # (result, IssHistory, event -> send step)
        self._bases: dict[str, int | None] = {"seq": None, "ack": None}
        self._keep_keys = KeepKeys(self)

        self.title = QLabel(self)
        self.title.setObjectName("inspectorTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(QWidget(self))  # 0: nothing selected
        self.pages.addWidget(self._build_segment_page())  # 1
        self.pages.addWidget(self._build_call_page())  # 2
        self.pages.addWidget(self._build_timeout_page())  # 3
        self.pages.addWidget(self._build_crash_page())  # 4

        self.tcb_title = QLabel(self)
        self.tcb_title.setObjectName("tcbTitle")
        bold = self.tcb_title.font()
        bold.setBold(True)
        self.tcb_title.setFont(bold)
        self.tcb = QTableWidget(len(TCB_ROWS) + 1, 2, self)
        self.tcb.setObjectName("tcbTable")
        self.tcb.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tcb.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tcb.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tcb.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tcb.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tcb.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tcb.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tcb.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.tcb.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tcb.setWordWrap(True)
        self.tcb.setAlternatingRowColors(True)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages)
        layout.addSpacing(4)
        layout.addWidget(self.tcb_title)
        layout.addWidget(self.tcb)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._refresh_later = Coalesced(self, self.refresh)
        self._tcb_later = Coalesced(self, self.refresh_tcb)
        doc.changed.connect(self._refresh_later)
        doc.selectionChanged.connect(lambda _i: self.refresh_form())
        doc.cursorChanged.connect(self._tcb_later)
        self.retranslate_ui()

    # ---- building -----------------------------------------------------------------------------
    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A field goes under its label when both do not fit side by side: the dock is ~270 px
        # wide in a 1024 px window, and "Acknowledgment number" is long.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(8, 4, 8, 6)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        return form

    def _build_segment_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(6)
        self.header_box = QGroupBox(page)
        form = self._form(self.header_box)
        self.ports = QLabel(page)
        self.ports.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seq = NumberBox(SEQ_MAX, parent=page)
        self.ack = NumberBox(SEQ_MAX, optional=True, parent=page)
        self.data_offset = QLabel(page)
        self.data_offset.setWordWrap(True)
        flags = QWidget(page)
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.flag_boxes: dict[str, QCheckBox] = {}
        for i, (name, bit) in enumerate(FORM_FLAGS):
            box = QCheckBox(name, flags)
            box.setObjectName(f"flag{name}")
            box.toggled.connect(lambda on, n=name, b=bit: self._flag_toggled(n, b, on))
            self._keep_keys.watch(box)
            self.flag_boxes[name] = box
            grid.addWidget(box, i // 3, i % 3)
        self.window = NumberBox(2**30, optional=True, parent=page)
        self.length = QSpinBox(page)
        self.length.setRange(0, 2**31 - 1)
        self.length.setMinimumWidth(96)
        self.seg_labels = {}
        for key, widget in (("ports", self.ports), ("seq", self.seq), ("ack", self.ack),
                            ("flags", flags), ("win", self.window), ("len", self.length),
                            ("offset", self.data_offset)):
            label = QLabel(page)
            self.seg_labels[key] = label
            if key == "flags":  # the bits get the whole width, under their label
                form.addRow(label)
                flags.setContentsMargins(12, 0, 0, 0)
                form.addRow(flags)
            else:
                label.setBuddy(widget)
                form.addRow(label, widget)

        self.delivery_box = QGroupBox(page)
        form2 = self._form(self.delivery_box)
        self.send_time = SecondsBox(page)
        self.arrive_time = SecondsBox(page)
        self.lost = QCheckBox(page)
        self.old_dup_row = WrappedCheckBox(page)  # a long text: it wraps
        self.old_dup = self.old_dup_row.box
        self._keep_keys.watch(self.lost, self.old_dup)
        arrive_row = QWidget(page)
        h = QHBoxLayout(arrive_row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.arrive_time, 1)
        h.addWidget(self.lost)
        self.delivery_labels = {}
        for key, widget in (("sent", self.send_time), ("arrives", arrive_row)):
            label = QLabel(page)
            label.setBuddy(widget if key == "sent" else self.arrive_time)
            self.delivery_labels[key] = label
            form2.addRow(label, widget)
        form2.addRow(self.old_dup_row)

        v.addWidget(self.header_box)
        v.addWidget(self.delivery_box)

        self.seq.valueChanged.connect(lambda _v: self._segment_edit("seq"))
        self.ack.valueChanged.connect(lambda _v: self._segment_edit("ack"))
        self.window.valueChanged.connect(lambda _v: self._segment_edit("win"))
        self.length.valueChanged.connect(lambda _v: self._segment_edit("length"))
        self.send_time.valueChanged.connect(lambda _v: self._segment_edit("send_time"))
        self.arrive_time.valueChanged.connect(lambda _v: self._segment_edit("arrive_time"))
        self.lost.toggled.connect(lambda _on: self._segment_edit("lost"))
        self.old_dup.toggled.connect(lambda _on: self._segment_edit("old_duplicate"))
        return page

    def _host_time_page(self, extra: list[tuple[str, QWidget]]) -> tuple[QWidget, QGroupBox,
                                                                         QLabel, SecondsBox, dict]:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(page)
        form = self._form(box)
        host = QLabel(page)
        time = SecondsBox(page)
        labels = {}
        for key, widget in (("host", host), ("time", time), *extra):
            label = QLabel(page)
            label.setBuddy(widget)
            labels[key] = label
            form.addRow(label, widget)
        v.addWidget(box)
        return page, box, host, time, labels

    def _build_call_page(self) -> QWidget:
        self.call_kind = QComboBox(self)
        for kind in CallKind:
            self.call_kind.addItem(kind.value, kind)
        self.call_bytes = QSpinBox(self)
        self.call_bytes.setRange(0, 2**31 - 1)
        page, self.call_box, self.call_host, self.call_time, self.call_labels = \
            self._host_time_page([("call", self.call_kind), ("bytes", self.call_bytes)])
        self._keep_keys.watch(self.call_kind)
        self.call_time.valueChanged.connect(lambda _v: self._other_edit("time"))
        self.call_kind.currentIndexChanged.connect(lambda _i: self._other_edit("call"))
        self.call_bytes.valueChanged.connect(lambda _v: self._other_edit("nbytes"))
        return page

    def _build_timeout_page(self) -> QWidget:
        self.timer = QComboBox(self)
        for timer in Timer:
            self.timer.addItem(timer.value, timer)
        page, self.timeout_box, self.timeout_host, self.timeout_time, self.timeout_labels = \
            self._host_time_page([("timer", self.timer)])
        self._keep_keys.watch(self.timer)
        self.timeout_time.valueChanged.connect(lambda _v: self._other_edit("time"))
        self.timer.currentIndexChanged.connect(lambda _i: self._other_edit("timer"))
        return page

    def _build_crash_page(self) -> QWidget:
        page, self.crash_box, self.crash_host, self.crash_time, self.crash_labels = \
            self._host_time_page([])
        self.crash_time.valueChanged.connect(lambda _v: self._other_edit("time"))
        return page

    # ---- relative numbers ---------------------------------------------------------------------
    def set_relative_numbers(self, on: bool) -> None:
        if on != self._relative:
            self._relative = on
            self.refresh()

    def relative_numbers(self) -> bool:
        return self._relative

    def _history(self) -> tuple[IssHistory, dict[int, int]]:
        """Each host's ISS over the steps, and the step that sends each event, for the current
        check result (made once per result)."""
        result = self.doc.result
        if self._iss_cache is None or self._iss_cache[0] is not result:
            sends: dict[int, int] = {}
            for step in result.steps:
                if step.kind != "arrive":
                    sends.setdefault(step.event, step.index)
            self._iss_cache = (result, IssHistory.from_result(result), sends)
        return self._iss_cache[1], self._iss_cache[2]

    def bases_of_event(self, index: int) -> dict[str, int | None]:
        """The ISSs relative numbers of event ``index`` count from: those of the connection it
        is sent in (after a reconnect, the new ones), as in the sequence diagram."""
        history, sends = self._history()
        return segment_bases(history, sends.get(index, -1), len(self.doc.result.steps) - 1)

    def bases_at_step(self, step: int) -> dict[str, int | None]:
        """The ISSs in force after ``step`` (the TCB table's bases)."""
        return self._history()[0].at_step(step)

    def _relative_base(self, value: int | None, base: int | None, old: bool = False) -> int | None:
        """The base to subtract from ``value``, or None to show it absolute: relative numbers
        are off, there is no ISS yet, the segment is an old duplicate, or the value lies more
        than half the sequence space away (a RST with seq 0, a stray number)."""
        if value is None or not self._relative or old:
            return None
        if base is None or (value - base) % SEQ_SPACE >= SEQ_SPACE // 2:
            return None
        return base

    # ---- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._refresh_later.cancel()
        self.refresh_form()
        self.refresh_tcb()

    def _names(self) -> dict[str, str]:
        return {h: self.doc.trace.host_name(h) for h in ("A", "B")}

    def refresh_form(self) -> None:
        index = self.doc.selected
        event = self.doc.event_at(index) if index is not None else None
        names = self._names()
        self._loading = True
        try:
            if isinstance(event, Segment):
                self._show_segment(index, event, names)
            elif isinstance(event, Call):
                self.pages.setCurrentIndex(2)
                self.title.setText(fmt(self.tr("User call on %1"), names[event.host]))
                self.call_host.setText(names[event.host])
                self.call_time.set_seconds(event.time)
                self.call_kind.setCurrentIndex(self.call_kind.findData(event.call))
                self.call_bytes.setValue(event.nbytes)
                self.call_bytes.setEnabled(event.call is CallKind.SEND)
            elif isinstance(event, Timeout):
                self.pages.setCurrentIndex(3)
                self.title.setText(fmt(self.tr("Timeout on %1"), names[event.host]))
                self.timeout_host.setText(names[event.host])
                self.timeout_time.set_seconds(event.time)
                self.timer.setCurrentIndex(self.timer.findData(event.timer))
            elif isinstance(event, Crash):
                self.pages.setCurrentIndex(4)
                self.title.setText(fmt(self.tr("Crash of %1"), names[event.host]))
                self.crash_host.setText(names[event.host])
                self.crash_time.set_seconds(event.time)
            else:
                self.pages.setCurrentIndex(0)
                self.title.setText(self.tr("Nothing selected"))
            self.hint.setVisible(event is None)
        finally:
            self._loading = False

    def _show_segment(self, index: int, seg: Segment, names: dict[str, str]) -> None:
        self.pages.setCurrentIndex(1)
        number = self.doc.segment_index_of(index)
        self.title.setText(fmt(self.tr("Segment %1: %2 → %3"), number, names[seg.sender],
                               names[seg.receiver]))
        hosts = self.doc.trace.hosts
        ports = [port_of(hosts[h].address if h in hosts else None)
                 for h in (seg.sender, seg.receiver)]
        self.ports.setText(" → ".join("—" if p is None else str(p) for p in ports))
        self.ports.setToolTip(fmt(self.tr("Source port (%1) → destination port (%2), from the "
                                          "hosts' addresses"), names[seg.sender],
                                  names[seg.receiver]))
        iss = self.bases_of_event(index)
        self._bases = {"seq": self._relative_base(seg.seq, iss[seg.sender], seg.old_duplicate),
                       "ack": self._relative_base(seg.ack, iss[seg.receiver], seg.old_duplicate)}
        self.seq.set_int_value(_minus(seg.seq, self._bases["seq"]))
        self.ack.set_int_value(_minus(seg.ack, self._bases["ack"]))
        words = 5 + option_bytes(seg.options) // 4
        offset = fmt(self.tr("%1 (%2 bytes)"), words, words * 4)
        options = self._options_text(seg.options)
        self.data_offset.setText(f"{offset} · {options}" if options else offset)
        for name, bit in FORM_FLAGS:
            self.flag_boxes[name].setChecked(bool(seg.flags & bit))
        self.window.set_int_value(seg.win)
        if self.length.value() != seg.length:
            self.length.setValue(seg.length)
        self.send_time.set_seconds(seg.send_time)
        self.lost.setChecked(seg.lost)
        self.arrive_time.setEnabled(not seg.lost)
        self.arrive_time.set_seconds(seg.send_time if seg.lost else seg.arrive_time)
        self.old_dup.setChecked(seg.old_duplicate)
        relative = self.tr("Relative to %1's ISS")
        self.seq.setToolTip(
            fmt(relative, names[seg.sender]) if self._bases["seq"] is not None
            else self.tr("Sequence number: the first octet this segment occupies"))
        self.ack.setToolTip(
            fmt(relative, names[seg.receiver]) if self._bases["ack"] is not None
            else self.tr("Acknowledgment number: the next octet the sender expects"))

    def _options_text(self, options: dict | None) -> str:
        if not options:
            return ""
        parts = []
        if "mss" in options:
            parts.append(f"MSS={options['mss']}")
        if "wscale" in options:
            parts.append(f"WS={options['wscale']}")
        if options.get("sack_permitted"):
            parts.append("SACK-permitted")
        return ", ".join(parts)

    def refresh_tcb(self) -> None:
        self._tcb_later.cancel()
        result = self.doc.result
        cursor = self.doc.cursor
        names = self._names()
        step = result.steps[cursor] if 0 <= cursor < len(result.steps) else None
        previous = result.steps[cursor - 1] if step is not None and cursor > 0 else None
        states = result.states_after(cursor)
        if step is None:
            self.tcb_title.setText(self.tr("Before the first step"))
        else:
            self.tcb_title.setText(fmt(self.tr("After step %1 (t = %2 s)"), cursor,
                                       f"{step.time:.3f}"))
        self.tcb.setVerticalHeaderLabels([self.tr("State"), *(label for label, _ in TCB_ROWS)])
        lang = current_language()
        iss = self.bases_at_step(cursor)
        from trainer.i18n.states_text import state_text

        for col, host in enumerate(("A", "B")):
            header = QTableWidgetItem(names[host])
            header.setForeground(host_color(host))
            bold = QFont(self.font())
            bold.setBold(True)
            header.setFont(bold)
            self.tcb.setHorizontalHeaderItem(col, header)
            state = states[col]
            text = state_text(state, lang)
            item = QTableWidgetItem(f"{text.name}\n{text.gloss}" if text.gloss else text.name)
            item.setBackground(state_color(state, 90))
            item.setToolTip(text.meaning)
            if previous is None or previous.states[col] is not state:
                if step is not None:
                    item.setFont(bold)
            self.tcb.setItem(0, col, item)
            tcb = step.tcb[col] if step is not None else None
            before = previous.tcb[col] if previous is not None else None
            peer = "B" if host == "A" else "A"
            for row, (label, i) in enumerate(TCB_ROWS, start=1):
                value = tcb[i] if tcb is not None else None
                shown = value
                if i in (SND_UNA, SND_NXT, RCV_NXT):  # ISS and IRS stay absolute: the bases
                    base_host = peer if i == RCV_NXT else host
                    shown = _minus(value, self._relative_base(value, iss[base_host]))
                cell = QTableWidgetItem("—" if shown is None else str(shown))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if shown != value:
                    cell.setToolTip(fmt(self.tr("absolute: %1"), value))
                old = before[i] if before is not None else None
                if step is not None and value is not None and value != old:
                    cell.setFont(bold)
                    cell.setForeground(self.palette().color(QPalette.ColorRole.Link))
                self.tcb.setItem(row, col, cell)
        self.tcb.resizeRowsToContents()

    # ---- editing ------------------------------------------------------------------------------
    def _push(self, new, field: str, text: str, *, merge: bool = True) -> None:
        """One command per edit; typing in one field (``merge``) is one undo step, a click on a
        check box always its own."""
        index = self.doc.selected
        if index is None:
            return
        command = ReplaceEventCommand(self.doc, index, new, text,
                                      merge_key=("inspector", field) if merge else None)
        self.doc.undo_stack.push(command)

    def _selected_segment(self) -> tuple[int, Segment] | None:
        index = self.doc.selected
        if index is None:
            return None
        event = self.doc.event_at(index)
        return (index, event) if isinstance(event, Segment) else None

    def _segment_edit(self, field: str) -> None:
        if self._loading:
            return
        found = self._selected_segment()
        if found is None:
            return
        _, seg = found
        labels = self._field_labels()
        if field == "seq":
            new = dataclasses.replace(seg, seq=_plus(self.seq.int_value(), self._bases["seq"]))
        elif field == "ack":
            new = dataclasses.replace(seg, ack=_plus(self.ack.int_value(), self._bases["ack"]))
        elif field == "win":
            new = dataclasses.replace(seg, win=self.window.int_value())
        elif field == "length":
            length = self.length.value()
            data = seg.data if seg.data is not None and len(seg.data) == length else None
            new = dataclasses.replace(seg, length=length, data=data)
        elif field == "send_time":
            new = dataclasses.replace(seg, send_time=round(self.send_time.value(), 6))
        elif field == "arrive_time":
            new = dataclasses.replace(seg, arrive_time=round(self.arrive_time.value(), 6))
        elif field == "lost":
            if self.lost.isChecked():
                new = dataclasses.replace(seg, arrive_time=None)
            else:
                arrive = round(seg.send_time + DEFAULT_LATENCY, 6)
                new = dataclasses.replace(seg, arrive_time=arrive)
        elif field == "old_duplicate":
            new = dataclasses.replace(seg, old_duplicate=self.old_dup.isChecked())
        else:  # pragma: no cover
            return
        if new != seg:
            self._push(new, field, fmt(self.tr("Change %1"), labels[field]),
                       merge=field not in ("lost", "old_duplicate"))

    def _flag_toggled(self, name: str, bit: Flag, on: bool) -> None:
        if self._loading:
            return
        found = self._selected_segment()
        if found is None:
            return
        index, seg = found
        flags = Flag(seg.flags | bit) if on else Flag(seg.flags & ~bit)
        ack = seg.ack
        if bit is Flag.ACK:
            ack = self._expected_ack(index, seg) if on and ack is None else (ack if on else None)
        new = dataclasses.replace(seg, flags=flags, ack=ack)
        if new != seg:
            self._push(new, f"flag-{name}", fmt(self.tr("Toggle the %1 flag"), name), merge=False)

    def _expected_ack(self, index: int, seg: Segment) -> int:
        """RCV.NXT of the sender when it sends ``seg``: what a correct ack would be."""
        col = 0 if seg.sender == "A" else 1
        for step in self.doc.result.steps:
            if step.event == index and step.kind == "send":
                tcb = step.tcb[col]
                if tcb is not None and tcb[RCV_NXT] is not None:
                    return tcb[RCV_NXT]
        return 0

    def _other_edit(self, field: str) -> None:
        if self._loading or self.doc.selected is None:
            return
        event = self.doc.event_at(self.doc.selected)
        labels = self._field_labels()
        if isinstance(event, Call):
            if field == "time":
                new = dataclasses.replace(event, time=round(self.call_time.value(), 6))
            elif field == "call":
                kind = self.call_kind.currentData()
                new = dataclasses.replace(event, call=kind,
                                          nbytes=event.nbytes if kind is CallKind.SEND else 0)
            else:
                new = dataclasses.replace(event, nbytes=self.call_bytes.value())
        elif isinstance(event, Timeout):
            if field == "time":
                new = dataclasses.replace(event, time=round(self.timeout_time.value(), 6))
            else:
                new = dataclasses.replace(event, timer=self.timer.currentData())
        elif isinstance(event, Crash):
            new = dataclasses.replace(event, time=round(self.crash_time.value(), 6))
        else:
            return
        if new != event:
            self._push(new, field, fmt(self.tr("Change %1"), labels[field]),
                       merge=field in ("time", "nbytes"))

    # ---- language -----------------------------------------------------------------------------
    def _field_labels(self) -> dict[str, str]:
        return {
            "seq": self.tr("sequence number"), "ack": self.tr("acknowledgment number"),
            "win": self.tr("window"), "length": self.tr("payload length"),
            "send_time": self.tr("send time"), "arrive_time": self.tr("arrival time"),
            "lost": self.tr("lost"), "old_duplicate": self.tr("old duplicate"),
            "time": self.tr("time"), "call": self.tr("call"), "nbytes": self.tr("bytes"),
            "timer": self.tr("timer"),
        }

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("Select a segment, user call or timeout in the diagram (or "
                                  "click a finding) to see and edit its fields here."))
        self.header_box.setTitle(self.tr("TCP header"))
        self.delivery_box.setTitle(self.tr("Delivery"))
        texts = {"ports": self.tr("Ports"), "seq": self.tr("Sequence number"),
                 "ack": self.tr("Acknowledgment number"), "offset": self.tr("Data offset"),
                 "flags": self.tr("Control bits"), "win": self.tr("Window"),
                 "len": self.tr("Payload length")}
        for key, label in self.seg_labels.items():
            label.setText(texts[key])
        self.delivery_labels["sent"].setText(self.tr("Sent at"))
        self.delivery_labels["arrives"].setText(self.tr("Arrives at"))
        self.lost.setText(self.tr("Lost"))
        self.lost.setToolTip(self.tr("The segment never arrives"))
        self.old_dup_row.setText(self.tr("Old duplicate from an earlier connection"))
        self.old_dup_row.setToolTip(self.tr("Its sending is not checked, only its arrival"))
        self.length.setSuffix(self.tr(" bytes"))
        self.call_bytes.setSuffix(self.tr(" bytes"))
        self.call_box.setTitle(self.tr("User call"))
        self.timeout_box.setTitle(self.tr("Timeout"))
        self.crash_box.setTitle(self.tr("Crash or reboot"))
        for labels in (self.call_labels, self.timeout_labels, self.crash_labels):
            labels["host"].setText(self.tr("Host"))
            labels["time"].setText(self.tr("Time"))
        self.call_labels["call"].setText(self.tr("Call"))
        self.call_labels["bytes"].setText(self.tr("Bytes to send"))
        self.timeout_labels["timer"].setText(self.tr("Timer"))
        from trainer.i18n.catalog import value_word

        lang = current_language()
        self._loading = True
        try:
            for i in range(self.call_kind.count()):
                self.call_kind.setItemText(i, value_word("call", self.call_kind.itemData(i), lang))
            for i in range(self.timer.count()):
                self.timer.setItemText(i, value_word("timer", self.timer.itemData(i), lang))
        finally:
            self._loading = False
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
