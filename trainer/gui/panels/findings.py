"""Findings panel: the verdict, then every finding of the check, in the UI language.

Clicking a finding (or pressing Enter on it) selects the event it is about and moves the time
cursor to its step, so the diagram, the state graph and the inspector all show that moment.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListView, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QToolButton, QVBoxLayout, QWidget,
)

from trainer.engine.findings import Severity
from trainer.gui.app import icon
from trainer.gui.document import TraceDocument
from trainer.gui.i18n import current_language, fmt
from trainer.gui.palette import error_color, ok_color
from trainer.gui.panels.common import Coalesced, KeepKeys, TintFrame

ROLE_SEVERITY = Qt.ItemDataRole.UserRole + 1
ROLE_META = Qt.ItemDataRole.UserRole + 2
ROLE_FINDING = Qt.ItemDataRole.UserRole + 3

_ICON_NAMES = {Severity.ERROR: "severity-error", Severity.WARNING: "severity-warning",
               Severity.INFO: "severity-info"}
_ICON = 18
_PAD = 8


def host_names(trace) -> dict[str, str]:
    return {h: trace.host_name(h) for h in ("A", "B")}


class _FindingDelegate(QStyledItemDelegate):
    """Icon, the message wrapped to the view's width, and a dimmer line with step and RFC.

    Wrapping text is measured once per (text, width, font) and remembered: list views ask for
    every row's size on each layout, and the same rows are painted again and again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: dict[tuple, tuple[QRect, QRect]] = {}

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() if view is not None else option.rect.width()
        return max(120, width - _ICON - 3 * _PAD)

    @staticmethod
    def meta_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        return small

    def _layout(self, option, message: str, meta: str) -> tuple[QRect, QRect]:
        width = self._text_width(option)
        key = (message, meta, width, option.font.key())
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            flags = Qt.TextFlag.TextWordWrap
            msg = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100000), flags, message)
            meta_rect = QFontMetrics(self.meta_font(option.font)).boundingRect(
                QRect(0, 0, width, 10000), flags, meta)
            found = self._cache[key] = (msg, meta_rect)
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        msg, meta = self._layout(opt, index.data(Qt.ItemDataRole.DisplayRole) or "",
                                 index.data(ROLE_META) or "")
        height = _PAD + msg.height() + 2 + meta.height() + _PAD
        return QSize(self._text_width(opt) + _ICON + 3 * _PAD, max(height, _ICON + 2 * _PAD))

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        message = opt.text
        meta = index.data(ROLE_META) or ""
        opt.text = ""
        opt.icon = type(opt.icon)()
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active \
            else QPalette.ColorGroup.Inactive
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        r = opt.rect
        severity_icon = index.data(Qt.ItemDataRole.DecorationRole)
        if severity_icon is not None:
            severity_icon.paint(painter, QRect(r.left() + _PAD, r.top() + _PAD, _ICON, _ICON))
        msg_rect, meta_rect = self._layout(opt, message, meta)
        left = r.left() + _ICON + 2 * _PAD
        painter.save()
        painter.setPen(text_color)
        painter.setFont(opt.font)
        painter.drawText(QRect(left, r.top() + _PAD, msg_rect.width() + 2, msg_rect.height()),
                         Qt.TextFlag.TextWordWrap, message)
        painter.setFont(self.meta_font(opt.font))
        dim = QColor(text_color)
        dim.setAlphaF(0.65)
        painter.setPen(dim)
        painter.drawText(QRect(left, r.top() + _PAD + msg_rect.height() + 2,
                               meta_rect.width() + 2, meta_rect.height()),
                         Qt.TextFlag.TextWordWrap, meta)
        painter.restore()


class _Banner(TintFrame):
    """The verdict in one glance: green when valid, red when not."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.icon = QLabel(self)
        self.icon.setFixedSize(20, 20)
        self.title = QLabel(self)
        self.title.setObjectName("verdictTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(8)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.title, 1)
        self.valid = True

    def set_verdict(self, valid: bool, text: str) -> None:
        if text != self.title.text():
            self.title.setText(text)
        if valid != self.valid or self.icon.pixmap().isNull():
            self.valid = valid
            self.icon.setPixmap(icon("severity-ok" if valid else "severity-error", theme=False)
                                .pixmap(QSize(20, 20), self.devicePixelRatioF()))
            self.set_accent(ok_color() if valid else error_color())


class FindingsPanel(QWidget):
    def __init__(self, doc: TraceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.banner = _Banner(self)
        self.counts = QLabel(self)
        self.counts.setObjectName("findingCounts")
        self.filters: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setIcon(icon(_ICON_NAMES[severity], theme=False))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.toggled.connect(self._apply_filter)
            self.filters[severity] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self._keep_keys = KeepKeys(self)
        self._keep_keys.watch(*self.filters.values())

        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("findingsList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(_FindingDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.clicked.connect(self.activate_index)
        self.view.activated.connect(self.activate_index)
        self._keep_keys.watch(self.view)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)

        self._shown: tuple | None = None
        self._refresh_later = Coalesced(self, self.refresh)
        doc.changed.connect(self._refresh_later)
        self.retranslate_ui()

    # ---- content ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the document's findings (called after document changes, coalesced)."""
        self._refresh_later.cancel()
        lang = current_language()
        result = self.doc.result
        names = host_names(self.doc.trace)
        key = (lang, tuple(names.items()), not self.doc.trace.events,
               tuple((f.code, f.severity, f.step, f.host, f.rfc, repr(f.params))
                     for f in result.findings))
        if key == self._shown:
            return  # the same findings, worded the same: nothing to redraw
        self._shown = key
        from trainer.i18n.catalog import render_finding, rfc_label

        counts = {s: 0 for s in Severity}
        steps = result.steps
        rows = []
        for i, finding in enumerate(result.findings):
            counts[finding.severity] += 1
            item = QStandardItem(icon(_ICON_NAMES[finding.severity], theme=False),
                                 render_finding(finding, lang, names))
            item.setEditable(False)
            parts = []
            if 0 <= finding.step < len(steps):
                step = steps[finding.step]
                parts.append(fmt(self.tr("Step %1 · t = %2 s"), finding.step, f"{step.time:.3f}"))
            if finding.host in names:
                parts.append(names[finding.host])
            label = rfc_label(finding.rfc, lang)
            if label:
                parts.append(label)
            item.setData(" · ".join(parts), ROLE_META)
            item.setData(finding.severity.value, ROLE_SEVERITY)
            item.setData(i, ROLE_FINDING)
            item.setToolTip(self._severity_name(finding.severity))
            rows.append(item)
        self.model.clear()
        if rows:
            self.model.invisibleRootItem().appendRows(rows)
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        notes = counts[Severity.INFO]
        if not self.doc.trace.events:
            verdict = self.tr("Empty trace — add segments in the diagram or the text pane")
        elif result.valid:
            verdict = self.tr("Valid — every step follows RFC 9293")
        else:
            verdict = self.tr("Invalid — some steps break RFC 9293 (see the errors below)")
        self.banner.set_verdict(result.valid, verdict)
        self.filters[Severity.ERROR].setText(fmt(self.tr("Errors: %1"), errors))
        self.filters[Severity.WARNING].setText(fmt(self.tr("Warnings: %1"), warnings))
        self.filters[Severity.INFO].setText(fmt(self.tr("Notes: %1"), notes))
        self._apply_filter()

    def _apply_filter(self) -> None:
        shown = 0
        for row in range(self.model.rowCount()):
            severity = self.severity_at(row)
            hidden = not self.filters[severity].isChecked()
            self.view.setRowHidden(row, hidden)
            shown += not hidden
        has_any = self.model.rowCount() > 0
        self.view.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)
        self.empty.setText(self.tr("All findings are filtered out.") if has_any
                           else self.tr("Nothing to report."))

    def _severity_name(self, severity: Severity) -> str:
        return {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning"),
                Severity.INFO: self.tr("Note")}[severity]

    # ---- interaction --------------------------------------------------------------------------
    def severity_at(self, row: int) -> Severity:
        return Severity(self.model.item(row).data(ROLE_SEVERITY))

    def finding_texts(self) -> list[str]:
        """The findings as shown (after any pending refresh)."""
        self._refresh_later.flush()
        return [self.model.item(r).text() for r in range(self.model.rowCount())]

    def activate_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activate(index.data(ROLE_FINDING))

    def activate(self, finding_index: int) -> None:
        """Select the finding's event and move the cursor to its step."""
        if self._refresh_later.pending():
            return  # the list is about to change: its rows no longer match the result
        result = self.doc.result
        if not 0 <= finding_index < len(result.findings):
            return
        finding = result.findings[finding_index]
        event = None
        if 0 <= finding.step < len(result.steps):
            event = result.steps[finding.step].event
        elif finding.segment is not None:
            segments = [i for i, _ in _segments(self.doc.trace)]
            if finding.segment < len(segments):
                event = segments[finding.segment]
        if event is not None:
            self.doc.select(event)
        if finding.step >= 0:
            self.doc.set_cursor(finding.step)

    # ---- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.view.setAccessibleName(self.tr("Findings"))
        tips = {Severity.ERROR: self.tr("Show errors: what a real TCP could not have done"),
                Severity.WARNING: self.tr("Show warnings: allowed, but suspicious"),
                Severity.INFO: self.tr("Show notes: what a host does with a segment, explained")}
        for severity, button in self.filters.items():
            button.setToolTip(tips[severity])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _segments(trace):
    from trainer.engine.trace import Segment

    return [(i, e) for i, e in enumerate(trace.events) if isinstance(e, Segment)]
