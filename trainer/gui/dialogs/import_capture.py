"""File > Import Capture: the connection picker.

The table lists every connection of a read capture at once, from what reading grouped
(endpoints, packets, start, duration, closed or open). Final states and the verdict need the
connection checked; ``SummaryChecker`` does that in a thread, lazily: the selected row first,
then the rows in view, then the rest in order, and keeps only a small ``ConnectionSummary`` per
connection (a 20,000-connection capture must not hold 20,000 checked traces). Sorting and
filtering are done on plain Python lists in ``ConnectionTable`` (a proxy model would call back
into Python for every comparison).
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import deque
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QThread, QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from trainer.capture.check import CaptureConnection, CaptureSession
from trainer.capture.importing import ConnectionSummary, summarize
from trainer.gui.app import icon
from trainer.gui.i18n import current_language, fmt

#: Checked summaries reach the GUI in batches at most this often (seconds).
BATCH_SECONDS = 0.1
SORT_ROLE = Qt.ItemDataRole.UserRole
#: An integer column's values line up on the right.
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SummaryChecker(QThread):
    """Checks connections of ``session`` one at a time, in the order asked for, and emits their
    summaries (``checked``: a list of ``(index, ConnectionSummary or error text)``).

    The full check of the connection last named in ``want(..., keep=i)`` is kept, so that
    importing the selected connection need not check it again."""

    checked = Signal(object)

    def __init__(self, session: CaptureSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._cond = threading.Condition()
        self._queue: deque[int] = deque(range(len(session.connections)))
        self._done: set[int] = set()
        self._stopping = False
        self._keep: int | None = None
        self._kept: tuple[int, CaptureConnection] | None = None

    def want(self, indices, keep: int | None = None) -> None:
        """Check ``indices`` (in that order) before anything else still waiting."""
        with self._cond:
            if keep is not None:
                self._keep = keep
            for index in reversed(list(indices)):
                if not self._finished(index):
                    self._queue.appendleft(index)
            self._cond.notify()

    def _finished(self, index: int) -> bool:
        """Checked, and kept if it is the one to keep (call with the lock held)."""
        if index == self._keep:
            return self._kept is not None and self._kept[0] == index
        return index in self._done

    def take(self, index: int) -> CaptureConnection | None:
        """The full check of ``index`` if it is the one kept."""
        with self._cond:
            if self._kept is not None and self._kept[0] == index:
                return self._kept[1]
        return None

    def stop(self) -> None:
        """Stop after the connection being checked (a check cannot be interrupted)."""
        with self._cond:
            self._stopping = True
            self._cond.notify()

    def run(self) -> None:
        batch: list[tuple[int, object]] = []
        last = time.monotonic()
        while True:
            with self._cond:
                while not self._stopping and not self._queue and not batch:
                    self._cond.wait()
                if self._stopping:
                    return
                index = self._queue.popleft() if self._queue else None
                if index is not None and self._finished(index):
                    continue
            if index is not None:
                batch.append((index, self._check(index)))
                # Let the GUI thread take the GIL now: otherwise each of its calls into
                # Python (the table's data()) may wait a whole switch interval (5 ms).
                time.sleep(0)
            if batch and (index is None or time.monotonic() - last >= BATCH_SECONDS):
                self.checked.emit(batch)
                batch = []
                last = time.monotonic()

    def _check(self, index: int) -> ConnectionSummary | str:
        try:
            conn = self._session.check(index)
            summary: ConnectionSummary | str = summarize(conn)
        except Exception as exc:  # noqa: BLE001 - shown in the table, never a traceback
            conn, summary = None, f"{type(exc).__name__}: {exc}"
        with self._cond:
            self._done.add(index)
            if conn is not None and index == self._keep:
                self._kept = (index, conn)
        return summary


# ---- the table ------------------------------------------------------------------------------

class ConnectionTable(QAbstractTableModel):
    """One row per connection (a filtered, sorted view of ``session.connections``)."""

    (ID, ENDPOINTS, PACKETS, START, DURATION, CLOSED, STATES, INFERRED, VERDICT) = range(9)
    COLUMNS = 9

    def __init__(self, session: CaptureSession, parent: QObject | None = None):
        super().__init__(parent)
        self._conns = session.connections
        self._origin = session.origin
        self.summaries: dict[int, ConnectionSummary | str] = {}
        self._rows: list[int] = list(range(len(self._conns)))
        self._sort = (self.ID, Qt.SortOrder.AscendingOrder)
        self._filter: list[str] = []
        self._haystacks: dict[int, str] = {}  # what the filter searches, per connection
        self._words: dict[str, str] = {}
        self._translate_words()

    def _translate_words(self) -> None:
        """The translated words of the cells, looked up once (``tr`` is slow per cell)."""
        self._words = {
            "closed": self.tr("closed"), "open": self.tr("open"),
            "cannot": self.tr("Cannot check"), "states": self.tr("A %1 · B %2"),
            "lost": self.tr("%1 lost"), "late": self.tr("%1 late"),
            "valid": self.tr("Valid"), "invalid": self.tr("Invalid"),
        }

    # ---- the view's questions
    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def connection_at(self, row: int) -> int | None:
        """The connection index (its number) shown in ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, index: int) -> int | None:
        try:
            return self._rows.index(index)
        except ValueError:
            return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips().get(section)
        return None

    def _titles(self) -> list[str]:
        return ["#", self.tr("A → B"), self.tr("Packets"), self.tr("Start (s)"),
                self.tr("Duration (s)"), self.tr("Closed"), self.tr("Final states"),
                self.tr("Inferred"), self.tr("Verdict")]

    def _header_tips(self) -> dict[int, str]:
        return {
            self.ID: self.tr("The connection's number, as “tcp-trainer check” lists it"),
            self.ENDPOINTS: self.tr("A is the endpoint that sent the connection's first "
                                    "captured segment"),
            self.START: self.tr("Seconds after the capture's first packet"),
            self.CLOSED: self.tr("Closed: a RST was seen, or a FIN went each way"),
            self.STATES: self.tr("Each host's state after the last segment, per RFC 9293"),
            self.INFERRED: self.tr("Segments inferred lost, or to have arrived late, from the "
                                   "acknowledgments"),
            self.VERDICT: self.tr("Whether RFC 9293 explains every segment"),
        }

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        conn_index = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(conn_index, column)
        if role == SORT_ROLE:
            return self.sort_key(conn_index, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.ID, self.PACKETS, self.START, self.DURATION):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(conn_index, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.VERDICT:
            summary = self.summaries.get(conn_index)
            if summary is None:
                return None
            ok = isinstance(summary, ConnectionSummary) and summary.valid
            return icon("severity-ok" if ok else "severity-error", theme=False)
        return None

    def text(self, i: int, column: int) -> str:
        conn = self._conns[i]
        if column == self.ID:
            return str(conn.id)
        if column == self.ENDPOINTS:
            return f"{conn.endpoints[0]} → {conn.endpoints[1]}"
        if column == self.PACKETS:
            return str(conn.count)
        if column == self.START:
            return f"{conn.first_time - self._origin:.6f}"
        if column == self.DURATION:
            return f"{conn.last_time - conn.first_time:.6f}"
        words = self._words
        if column == self.CLOSED:
            return words["closed"] if conn.closed else words["open"]
        summary = self.summaries.get(i)
        if summary is None:
            return "…"
        if isinstance(summary, str):
            return words["cannot"] if column == self.VERDICT else ""
        if column == self.STATES:
            return fmt(words["states"], *summary.final_states)
        if column == self.INFERRED:
            parts = []
            if summary.lost:
                parts.append(fmt(words["lost"], summary.lost))
            if summary.late:
                parts.append(fmt(words["late"], summary.late))
            return " · ".join(parts)
        if column == self.VERDICT:
            return words["valid"] if summary.valid else words["invalid"]
        return ""

    def sort_key(self, i: int, column: int):
        conn = self._conns[i]
        if column == self.ENDPOINTS:
            return conn.endpoints
        if column == self.PACKETS:
            return conn.count
        if column == self.START:
            return conn.first_time
        if column == self.DURATION:
            return conn.last_time - conn.first_time
        if column == self.CLOSED:
            return int(conn.closed)
        summary = self.summaries.get(i)
        if column in (self.STATES, self.INFERRED, self.VERDICT):
            # Not yet checked sorts after everything checked, in either order of the others.
            if not isinstance(summary, ConnectionSummary):
                return (1, 0, ())
            if column == self.STATES:
                return (0, 0, summary.final_states)
            if column == self.INFERRED:
                return (0, summary.lost + summary.late, (summary.lost,))
            return (0, int(summary.valid), ())
        return conn.id

    def _tooltip(self, i: int, column: int) -> str | None:
        conn = self._conns[i]
        lang = current_language()
        if column == self.START:
            when = datetime.datetime.fromtimestamp(conn.first_time, datetime.UTC)
            return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        if column == self.CLOSED:
            return self._header_tips()[self.CLOSED]
        summary = self.summaries.get(i)
        if summary is None:
            return self.tr("Not checked yet") if column >= self.STATES else None
        if isinstance(summary, str):
            return summary
        if column == self.VERDICT and not summary.valid:
            return summary.verdict(lang)
        if column == self.INFERRED and summary.notes:
            return "\n".join(summary.inferred_sentences(lang))
        return None

    # ---- what the dialog changes
    def add_summaries(self, batch: list[tuple[int, object]]) -> None:
        rows = []
        for index, summary in batch:
            self.summaries[index] = summary
            self._haystacks.pop(index, None)
        if self._filter:
            self._refresh()  # a checked connection may now match the filter, or no longer
            return
        positions = {index: row for row, index in enumerate(self._rows)} if len(batch) > 8 \
            else None
        for index, _ in batch:
            row = positions.get(index) if positions is not None else self.row_of(index)
            if row is not None:
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), self.STATES),
                                  self.index(max(rows), self.VERDICT))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._refresh()

    def set_filter(self, words: str) -> None:
        self._filter = words.casefold().split()
        self._refresh()

    def retranslate(self) -> None:
        self._translate_words()
        self._haystacks.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def _matches(self, i: int) -> bool:
        haystack = self._haystacks.get(i)
        if haystack is None:
            haystack = self._haystacks[i] = self._haystack(i)
        return all(word in haystack for word in self._filter)

    def _haystack(self, i: int) -> str:
        """The cells the filter searches (not the times), lower case."""
        conn = self._conns[i]
        words = [str(conn.id), conn.endpoints[0], conn.endpoints[1], str(conn.count),
                 self._words["closed"] if conn.closed else self._words["open"]]
        if i in self.summaries:
            words += [self.text(i, c) for c in (self.STATES, self.INFERRED, self.VERDICT)]
        return " ".join(words).casefold()

    def _refresh(self) -> None:
        self.beginResetModel()
        rows = range(len(self._conns))
        if self._filter:
            rows = [i for i in rows if self._matches(i)]
        column, order = self._sort
        self._rows = sorted(rows, key=lambda i: (self.sort_key(i, column), i),
                            reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()


# ---- the dialog -----------------------------------------------------------------------------

class ConnectionPicker(QDialog):
    """Pick one connection of ``session``; ``chosen()`` is its index after ``Accepted``."""

    def __init__(self, session: CaptureSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connectionPicker")
        self.session = session
        self.checker = SummaryChecker(session)
        self.model = ConnectionTable(session, self)

        self.header = QLabel(self)
        self.header.setObjectName("captureSummary")
        self.header.setWordWrap(True)
        self.notes = QLabel(self)
        self.notes.setObjectName("captureNotes")
        self.notes.setWordWrap(True)
        self.cut_short = QLabel(self)
        self.cut_short.setObjectName("captureCutShort")
        self.cut_short.setWordWrap(True)
        self.cut_short.setVisible(session.error is not None)
        self.cut_short.setStyleSheet("color: #e53935")

        self.filter_label = QLabel(self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("connectionFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(lambda: self.model.set_filter(self.filter.text()))
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.progress = QLabel(self)
        self.progress.setObjectName("checkProgress")
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_label)
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.progress)

        self.table = QTableView(self)
        self.table.setObjectName("connectionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSortIndicator(ConnectionTable.ID,
                                                       Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by the indicator: the model's own order
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.accept())

        self.details = QLabel(self)
        self.details.setObjectName("connectionDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(self.fontMetrics().height() * 4)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.notes)
        layout.addWidget(self.cut_short)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)

        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(60)
        self._visible_timer.timeout.connect(self._want_visible)
        self.table.verticalScrollBar().valueChanged.connect(
            lambda _v: self._visible_timer.start())
        self.model.modelReset.connect(self._after_reset)
        self.checker.checked.connect(self._on_checked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self._current: int | None = None
        self.resize(1040, 560)
        self.retranslate_ui()
        self._size_columns()
        if self.model.rowCount():
            self.select_connection(0)
        self.checker.start()
        self.table.setFocus()

    # ---- selection
    def chosen(self) -> int | None:
        return self._current

    def select_connection(self, index: int) -> bool:
        """Make connection ``index`` the current row (False when the filter hides it)."""
        row = self.model.row_of(index)
        if row is None:
            return False
        model_index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(model_index)
        return True

    def take_checked(self, index: int) -> CaptureConnection | None:
        return self.checker.take(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        index = self.model.connection_at(current.row()) if current.isValid() else None
        self._current = index
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(index is not None)
        if index is not None:
            self.checker.want([index], keep=index)
        self._show_details()

    def _after_reset(self) -> None:
        has_rows = self.model.rowCount() > 0
        if self._current is not None and self.select_connection(self._current):
            return
        if has_rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self._current = None
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self._show_details()
        self._visible_timer.start()

    def _want_visible(self) -> None:
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        if first < 0:
            return
        if last < 0:
            last = self.model.rowCount() - 1
        indices = [self.model.connection_at(r) for r in range(first, last + 1)]
        self.checker.want([i for i in indices if i is not None])

    def _on_checked(self, batch: list) -> None:
        self.model.add_summaries(batch)
        self._update_progress()
        if any(index == self._current for index, _ in batch):
            self._show_details()

    def _update_progress(self) -> None:
        total = len(self.session.connections)
        done = len(self.model.summaries)
        self.progress.setText("" if done >= total else
                              fmt(self.tr("Checked %1 of %2"), done, total))

    # ---- texts
    def _show_details(self) -> None:
        i = self._current
        if i is None:
            self.details.setText(self.tr("No connection matches the filter."))
            return
        conn = self.session.connections[i]
        lang = current_language()
        start = conn.first_time - self.session.origin
        head = fmt(self.tr("Connection %1: %2 → %3"), conn.id, *conn.endpoints)
        facts = fmt(self.tr("%1 packets from %2 s to %3 s (first frame %4)"), conn.count,
                    f"{start:.6f}", f"{conn.last_time - self.session.origin:.6f}",
                    conn.first_frame)
        lines = [f"<b>{escape(head)}</b>", escape(facts)]
        summary = self.model.summaries.get(i)
        if summary is None:
            lines.append(escape(self.tr("Checking…")))
        elif isinstance(summary, str):
            lines.append(escape(fmt(self.tr("Cannot check it: %1"), summary)))
        else:
            states = fmt(self.tr("Final states: A %1, B %2."), *summary.final_states)
            if summary.valid:
                verdict = self.tr("Valid: RFC 9293 explains every segment.")
            else:  # "invalid at segment 4 (frame 34): …", from the capture catalog
                sentence = summary.verdict(lang)
                verdict = sentence[:1].upper() + sentence[1:]
            lines.append(escape(f"{states} {verdict}"))
            lines.extend(escape(sentence) for sentence in summary.inferred_sentences(lang)[:4])
            if len(summary.notes) > 4:
                lines.append(escape(fmt(self.tr("… and %1 more inferred"),
                                        len(summary.notes) - 4)))
        self.details.setText("<br>".join(lines))

    def retranslate_ui(self) -> None:
        import os

        s = self.session
        name = os.path.basename(s.path)
        self.setWindowTitle(fmt(self.tr("Import Capture — %1"), name))
        self.header.setText(fmt(
            self.tr("<b>%1</b> (%2): %3 TCP packets in %4 connections. Choose the one to open "
                    "as a trace; final states and verdicts appear as each is checked."),
            escape(name), s.format, s.packets, len(s.connections)))
        notes = []
        ignored = {k: v for k, v in s.counts.items() if k != "tcp"}
        if ignored:
            notes.append(fmt(self.tr("Not TCP, ignored: %1."),
                             ", ".join(f"{k} {v}" for k, v in sorted(ignored.items()))))
        if s.warning_count:
            notes.append(fmt(self.tr("Unreadable packets skipped: %1."), s.warning_count))
            lang = current_language()
            self.notes.setToolTip("\n".join(w.message(s.path, lang) for w in s.warnings[:10]))
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))
        if s.error is not None:
            self.cut_short.setText(self.tr("The capture is cut short: the connections are "
                                           "checked up to the cut."))
            self.cut_short.setToolTip(s.error.message(current_language()))
        self.filter_label.setText(self.tr("&Filter:"))
        self.filter.setPlaceholderText(self.tr("address, port, state, valid or invalid…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.model.retranslate()
        self._update_progress()
        self._show_details()

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        widths = {ConnectionTable.ID: "00000", ConnectionTable.ENDPOINTS:
                  "[2001:db8::1]:65535 → 192.168.100.100:65535",
                  ConnectionTable.PACKETS: "0000000", ConnectionTable.START: "0000.000000",
                  ConnectionTable.DURATION: "0000.000000", ConnectionTable.CLOSED: "closed  ",
                  ConnectionTable.STATES: "A ESTABLISHED · B ESTABLISHED",
                  ConnectionTable.INFERRED: "00 lost · 00 late"}
        longest = max((self.model.text(i, ConnectionTable.ENDPOINTS)
                       for i in range(min(200, len(self.session.connections)))),
                      key=len, default="")
        widths[ConnectionTable.ENDPOINTS] = longest or widths[ConnectionTable.ENDPOINTS]
        header = self.table.horizontalHeader()
        for column, sample in widths.items():
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 18)
            header.resizeSection(column, width + 16)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._visible_timer.start()

    def done(self, result: int) -> None:
        # Closing stops the checks; the thread ends after the connection in hand.
        retire(self.checker)
        super().done(result)


# ---- threads outliving their dialog ---------------------------------------------------------

_retired: set[QThread] = set()
_hooked = False


def retire(thread: QThread) -> None:
    """Stop ``thread`` without waiting: keep it alive until it has finished, and make the
    application wait for it before quitting (a running ``QThread`` must not be destroyed)."""
    stop = getattr(thread, "stop", None)
    if stop is not None:
        stop()
    if thread.isFinished() or not thread.isRunning():
        return
    global _hooked
    app = QApplication.instance()
    if not _hooked and app is not None:
        app.aboutToQuit.connect(wait_for_retired)
        _hooked = True
    _retired.add(thread)
    thread.finished.connect(lambda: _retired.discard(thread))


def wait_for_retired() -> None:
    for thread in list(_retired):
        thread.wait()
    _retired.clear()
