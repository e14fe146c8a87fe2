"""Text pane: the trace in the text notation, editable, kept in step with the document.

Typing is parsed about 400 ms after the last key. A text that parses to a different trace is
pushed as one ``SetTraceCommand`` (so it is undoable like any other edit); a text that does not
parse shows where and why, underlined in place and in a bar under the editor, and the document
keeps the last good trace. When the document changes elsewhere (the diagram, the inspector, undo)
the text is rewritten — but only if it still stands for the trace as it was before that change,
so a half-typed line is never thrown away.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor, QFont, QPainter, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget,
)

from trainer.gui.app import icon
from trainer.gui.commands import SetTraceCommand
from trainer.gui.document import Change, TraceDocument
from trainer.gui.i18n import current_language, fmt, mono_font
from trainer.gui.palette import error_color, host_color, is_dark
from trainer.gui.panels.common import Coalesced, TintFrame

DEBOUNCE_MS = 400


# ---- highlighting ----------------------------------------------------------------------------

_RULES = (
    ("time", re.compile(r"^\s*[+]?(?:\d+(?:\.\d*)?|\.\d+)")),
    ("time", re.compile(r"@[+]?(?:\d+(?:\.\d*)?|\.\d+)")),
    ("hostA", re.compile(r"\bA(?=>B\b)|(?<=B>)A\b")),
    ("hostB", re.compile(r"\bB(?=>A\b)|(?<=A>)B\b")),
    ("keyword", re.compile(r"^\s*(?:host|options?)\b", re.I)),
    ("action", re.compile(r"\b(?:listen|connect|send|close|shutdown|abort|timeout|crash|lost|"
                          r"dup|old|client|server|peer)\b")),
    ("flags", re.compile(r"\b(?:SYN|ACK|FIN|RST|PSH|URG|ECE|CWR)(?:[,+|](?:SYN|ACK|FIN|RST|PSH|"
                         r"URG|ECE|CWR))*\b")),
    ("field", re.compile(r"\b[a-z][a-z._]*(?==)")),
    ("number", re.compile(r"(?<==)-?\d+\b")),
    ("claims", re.compile(r"\[[^\]#]*\]?")),
    ("string", re.compile(r'"(?:[^"\\]|\\.)*"?')),
    ("comment", re.compile(r"#.*$")),
)


_META_LINE = re.compile(r"^\s*(?:title|description)(?:\.[\w-]+)?\s*:", re.I)


#: Texts longer than this many lines are shown without syntax colouring (see ``_set_text``).
LARGE_TEXT_LINES = 3000


class NotationHighlighter(QSyntaxHighlighter):
    def __init__(self, document):
        super().__init__(document)
        self.formats: dict[str, QTextCharFormat] = {}
        self.update_colors()

    def update_colors(self) -> None:
        dark = is_dark()

        def style(color: str, dark_color: str, bold: bool = False, italic: bool = False):
            f = QTextCharFormat()
            f.setForeground(QColor(dark_color if dark else color))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            f.setFontItalic(italic)
            return f

        self.formats = {
            "time": style("#00796B", "#4DB6AC"),
            "hostA": style(host_color("A").name(), host_color("A").lighter(130).name(), bold=True),
            "hostB": style(host_color("B").name(), host_color("B").lighter(130).name(), bold=True),
            "keyword": style("#6A1B9A", "#CE93D8", bold=True),
            "action": style("#6A1B9A", "#CE93D8"),
            "flags": style("#C62828", "#EF9A9A", bold=True),
            "field": style("#616161", "#A0A0A0"),
            "number": style("#1565C0", "#90CAF9"),
            "claims": style("#2E7D32", "#A5D6A7", italic=True),
            "string": style("#8D6E63", "#D7B899"),
            "comment": style("#9E9E9E", "#7E7E7E", italic=True),
        }
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        meta = _META_LINE.match(text)
        if meta:  # "title: free text": the keyword, then the text as it is written
            self.setFormat(0, meta.end(), self.formats["keyword"])
            self.setFormat(meta.end(), len(text) - meta.end(), self.formats["string"])
            return
        for kind, pattern in _RULES:
            f = self.formats[kind]
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), f)


# ---- the editor --------------------------------------------------------------------------------

class _LineNumbers(QWidget):
    def __init__(self, editor: "NotationEditor"):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.editor.paint_line_numbers(event)


class NotationEditor(QPlainTextEdit):
    """A plain-text editor with line numbers and a marker on the line with an error."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.numbers = _LineNumbers(self)
        self.error_line: int | None = None  # 1-based
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(mono_font())
        self.setTabChangesFocus(True)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._update_numbers)
        self._update_margin()

    def line_number_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self, _count: int = 0) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _update_numbers(self, rect: QRect, dy: int) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        else:
            self.numbers.update(0, rect.y(), self.numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.numbers.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(), cr.height()))

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self.numbers)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        width = self.numbers.width() - 6
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                if self.error_line == number + 1:
                    painter.setPen(error_color())
                    bold = QFont(self.font())
                    bold.setBold(True)
                    painter.setFont(bold)
                else:
                    painter.setPen(dim)
                    painter.setFont(self.font())
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight,
                                 str(number + 1))
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1


class TextPane(QWidget):
    def __init__(self, doc: TraceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.editor = NotationEditor(self)
        self.editor.setObjectName("notationEditor")
        self.highlighter = NotationHighlighter(self.editor.document())
        self.error: Exception | None = None

        self.error_bar = TintFrame(self, rounded=False)
        self.error_bar.set_accent(error_color())
        self.error_bar.setObjectName("parseErrorBar")
        self.error_icon = QLabel(self.error_bar)
        self.error_icon.setPixmap(icon("severity-error", theme=False).pixmap(16, 16))
        self.error_label = QLabel(self.error_bar)
        self.error_label.setObjectName("parseErrorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.error_label.linkActivated.connect(self._link)
        bar = QHBoxLayout(self.error_bar)
        bar.setContentsMargins(8, 5, 8, 5)
        bar.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.error_label, 1)
        self.error_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error_bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.parse_now)
        self._setting = False  # the text is being set by us, not typed
        self._pushing = False  # our own SetTraceCommand is being pushed
        self._synced = True  # the text has not been typed in since it last matched the document
        self._canonical = False  # the text is exactly format_notation(doc.trace)
        self._known = ""  # format_notation of the trace the text last matched
        self._stale = False  # the document changed while the pane was hidden
        self._pending_lines: set[int] = set()  # events changed elsewhere, not yet rewritten
        self._pending_all = False
        self._rewrite_later = Coalesced(self, self._rewrite)

        self.editor.textChanged.connect(self._typed)
        doc.changed.connect(self._on_doc_changed)
        self.retranslate_ui()
        self.reload()

    # ---- document -> text ---------------------------------------------------------------------
    def reload(self) -> None:
        """Show the document's trace, formatted, dropping whatever was typed."""
        from trainer.formats import format_notation

        text = format_notation(self.doc.trace)
        self._set_text(text)
        self._known = text
        self._synced = True
        self._canonical = True
        self._stale = False
        self._rewrite_later.cancel()
        self._pending_lines, self._pending_all = set(), False
        self._timer.stop()
        self._show_error(None)

    def _set_text(self, text: str) -> None:
        self._setting = True
        try:
            bar = self.editor.verticalScrollBar().value()
            # Colouring runs in Python for every line at once: past a few thousand lines (an
            # imported capture) it would freeze the window for seconds, so big texts are plain.
            large = text.count("\n", 0, len(text)) > LARGE_TEXT_LINES
            wanted = None if large else self.editor.document()
            if self.highlighter.document() is not wanted:
                self.highlighter.setDocument(wanted)
            self.editor.setPlainText(text)
            self.editor.verticalScrollBar().setValue(bar)
        finally:
            self._setting = False

    def _on_doc_changed(self, change: Change) -> None:
        if self._pushing:
            return
        if not self._rewrite_later.pending() and not self._represents_previous():
            return  # keep the user's unfinished text; it will be pushed or fixed
        if change.updated and not (change.inserted or change.removed or change.hosts
                                   or change.reset):
            self._pending_lines.update(change.updated)
        else:
            self._pending_all = True
        self._rewrite_later()

    def _rewrite(self) -> None:
        """Bring the text up to the document after changes elsewhere (coalesced)."""
        lines, everything = self._pending_lines, self._pending_all
        self._pending_lines, self._pending_all = set(), False
        if not self.isVisible():
            self._stale = True
        elif self._canonical and self._synced and not everything:
            self._update_lines(sorted(lines))
        else:
            self.reload()

    def _represents_previous(self) -> bool:
        if self._synced:
            return True
        self._timer.stop()
        from trainer.formats import TraceFormatError, format_notation, parse_notation

        try:
            trace = parse_notation(self.editor.toPlainText())
        except TraceFormatError:
            return False
        return format_notation(trace) == self._known

    def _update_lines(self, indices: list[int]) -> None:
        """Rewrite only the lines of updated events (the text is in canonical form: header,
        one blank line, then one line per event)."""
        from trainer.formats import format_notation
        from trainer.engine.trace import Trace

        document = self.editor.document()
        first_event_block = None
        block = document.firstBlock()
        while block.isValid():
            if not block.text().strip():
                first_event_block = block.blockNumber() + 1
                break
            block = block.next()
        if first_event_block is None:
            self.reload()
            return
        self._setting = True
        document.setUndoRedoEnabled(False)
        try:
            for index in indices:
                line = format_notation(Trace(events=[self.doc.event_at(index)])).rstrip("\n")
                line = line.rsplit("\n", 1)[-1]
                target = document.findBlockByNumber(first_event_block + index)
                if not target.isValid():
                    raise LookupError(index)
                cursor = QTextCursor(target)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                    QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(line)
        except LookupError:
            self._setting = False
            self.reload()
            return
        finally:
            document.setUndoRedoEnabled(True)
            self._setting = False
        self._known = self.editor.toPlainText()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    # ---- text -> document ---------------------------------------------------------------------
    def _typed(self) -> None:
        if self._setting:
            return
        if self._rewrite_later.pending():  # typed before a change elsewhere was shown: the
            self._rewrite_later.cancel()  # typing wins (it is pushed once it parses)
            self._pending_lines, self._pending_all = set(), False
        self._synced = False
        self._canonical = False
        self._timer.start()

    def parse_now(self) -> bool:
        """Parse the text; push it if it is a different trace. True if it parsed."""
        self._timer.stop()
        from trainer.formats import TraceFormatError, format_notation, parse_notation

        text = self.editor.toPlainText()
        try:
            trace = parse_notation(text)
        except TraceFormatError as error:
            self._show_error(error)
            return False
        self._show_error(None)
        if trace != self.doc.trace:
            self._pushing = True
            try:
                self.doc.undo_stack.push(SetTraceCommand(self.doc, trace, self.tr("Edit in text")))
            finally:
                self._pushing = False
        self._known = format_notation(self.doc.trace)
        self._synced = True
        self._canonical = text == self._known
        return True

    def has_error(self) -> bool:
        return self.error is not None

    # ---- the error --------------------------------------------------------------------------
    def _show_error(self, error) -> None:
        self.error = error
        selections = []
        if error is None:
            self.error_bar.hide()
            self.editor.error_line = None
        else:
            self.error_label.setText(self._error_text(error))
            self.error_bar.show()
            self.editor.error_line = error.line
            selections = self._error_selections(error)
        self.editor.setExtraSelections(selections)
        self.editor.numbers.update()

    def _error_text(self, error) -> str:
        lang = current_language()
        message = error.message(lang)
        if error.line is not None and error.column is not None:
            where = fmt(self.tr("Line %1, column %2"), error.line, error.column)
        elif error.line is not None:
            where = fmt(self.tr("Line %1"), error.line)
        else:
            where = ""
        from html import escape

        kept = self.tr("The diagram still shows the last trace that could be read.")
        go, revert = self.tr("Go to error"), self.tr("Revert to the diagram")
        head = f"<b>{escape(where)}:</b> " if where else ""
        return (f"{head}{escape(message)}<br>{escape(kept)} &nbsp;<a href='goto'>{escape(go)}</a>"
                f" &nbsp;<a href='revert'>{escape(revert)}</a>")

    def _error_selections(self, error) -> list:
        if error.line is None:
            return []
        block = self.editor.document().findBlockByNumber(error.line - 1)
        if not block.isValid():
            return []
        line_sel = QTextEdit.ExtraSelection()
        tint = QColor(error_color())
        tint.setAlpha(40)
        line_sel.format.setBackground(tint)
        line_sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line_sel.cursor = QTextCursor(block)
        text = block.text()
        col = max(0, min((error.column or 1) - 1, len(text)))
        end = col
        while end < len(text) and not text[end].isspace():
            end += 1
        if end == col:  # at a space or the end of the line: mark one character
            col, end = max(0, col - (col == len(text))), min(len(text), col + 1)
        word = QTextEdit.ExtraSelection()
        word.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        word.format.setUnderlineColor(error_color())
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + col)
        cursor.setPosition(block.position() + max(end, col + 1 if text else col),
                           QTextCursor.MoveMode.KeepAnchor)
        word.cursor = cursor
        return [line_sel, word]

    def _link(self, target: str) -> None:
        if target == "goto" and self.error is not None and self.error.line is not None:
            block = self.editor.document().findBlockByNumber(self.error.line - 1)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + max(0, min((self.error.column or 1) - 1,
                                                             len(block.text()))))
            self.editor.setTextCursor(cursor)
            self.editor.setFocus()
        elif target == "revert":
            self.reload()

    # ---- language and palette -----------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.editor.setAccessibleName(self.tr("Trace in text notation"))
        if self.error is not None:
            self.error_label.setText(self._error_text(self.error))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif kind == QEvent.Type.PaletteChange:
            self.highlighter.update_colors()
        super().changeEvent(event)
