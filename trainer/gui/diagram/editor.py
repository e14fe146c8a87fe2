"""The inline segment editor: a line edit over the arrow, in the trace notation.

Enter commits (the view pushes one command), Esc cancels, clicking elsewhere commits a valid
text and drops an invalid one. With relative numbers on, seq and ack are written relative
(the view converts them back); the hint under the field says which. A parse error is shown
right under the field, in the UI language, and the text cursor jumps to the offending column.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from trainer.gui.diagram import style


class SegmentEditor(QFrame):
    """``submit(text) -> str | None`` returns an error message or ``None`` when accepted."""

    closed = Signal()

    def __init__(self, parent: QWidget, text: str,
                 submit: Callable[[str], tuple[str, int | None] | None], *, relative: bool = False):
        """``relative``: seq/ack in ``text`` are relative numbers (and read back as such)."""
        super().__init__(parent)
        self.relative = relative
        self.setObjectName("SegmentEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._submit = submit
        self._done = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self.line = QLineEdit(text, self)
        self.line.setObjectName("SegmentEditorLine")
        self.line.setFont(style.Fonts(style.current_language()).label)
        self.line.setMinimumWidth(300)
        self.line.installEventFilter(self)
        self.error = QLabel(self)
        self.error.setObjectName("SegmentEditorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #E53935;")
        self.error.hide()
        self.hint = QLabel(self)
        self.hint.setObjectName("SegmentEditorHint")
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.line)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        self.retranslate()
        self.line.selectAll()

    def retranslate(self) -> None:
        self.line.setPlaceholderText(QCoreApplication.translate(
            "SequenceDiagram", "flags and fields, e.g. SYN,ACK seq=300 ack=101 len=0"))
        if self.relative:
            self.hint.setText(QCoreApplication.translate(
                "SequenceDiagram", "Enter: apply · Esc: cancel · relative numbers (from each "
                                   "host's ISS)"))
        else:
            self.hint.setText(QCoreApplication.translate(
                "SequenceDiagram", "Enter: apply · Esc: cancel · absolute numbers"))
        self.line.setToolTip(QCoreApplication.translate(
            "SequenceDiagram", "Edit the segment in the trace notation: flags, then seq=, ack=, "
                               "len=, win=, data=…"))

    def show_error(self, message: str, column: int | None) -> None:
        self.error.setText(message)
        self.error.show()
        self.line.setStyleSheet("QLineEdit { border: 1px solid #E53935; }")
        if column is not None:
            self.line.setCursorPosition(column)
        self.adjustSize()

    def commit(self) -> bool:
        if self._done:
            return True
        outcome = self._submit(self.line.text())
        if outcome is not None:
            self.show_error(*outcome)
            return False
        self._finish()
        return True

    def cancel(self) -> None:
        if not self._done:
            self._finish()

    def _finish(self) -> None:
        self._done = True
        self.hide()
        self.closed.emit()
        self.deleteLater()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.line:
            if event.type() == QEvent.Type.KeyPress:
                key = event.key()
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.commit()
                    return True
                if key == Qt.Key.Key_Escape:
                    self.cancel()
                    return True
            elif event.type() == QEvent.Type.FocusOut and not self._done:
                reason = event.reason() if hasattr(event, "reason") else None
                if reason not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
                    # clicking elsewhere: keep a valid edit, drop an invalid one
                    if self._submit(self.line.text()) is None:
                        self._finish()
                    else:
                        self.cancel()
        return super().eventFilter(obj, event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
