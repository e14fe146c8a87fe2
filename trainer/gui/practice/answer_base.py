"""What every answer widget offers the question panel, and helpers they share.

An answer widget shows one exercise instance in the form its kind needs and produces the
kind's payload (``trainer.practice.grading`` lists them): ``payload()`` is ``None`` while
nothing is answered. ``set_payload`` restores an answer (a review, a reopened question),
``set_locked`` makes it read-only (submitted), ``reveal(grade)`` shows the verdict in place
(the engine's findings on the diagram, right and wrong fields coloured).

Subclasses call ``self.tr`` in their own methods only: PySide looks translations up by the
class of the object, so a string in this base class would need a context per subclass.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLayout, QWidget

from trainer.gui.i18n import current_language
from trainer.gui.palette import error_color, ok_color, warning_color
from trainer.practice.model import Instance
from trainer.practice.outcome import Grade

_EVENT_START = "0123456789+-.{"


class AnswerWidget(QWidget):
    #: The learner changed the answer.
    changed = Signal()

    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.instance = instance
        self.exam = exam
        self.locked = False
        self.grade: Grade | None = None

    @property
    def lang(self) -> str:
        return current_language()

    def payload(self):  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def set_payload(self, payload) -> None:  # pragma: no cover
        raise NotImplementedError

    def set_locked(self, locked: bool) -> None:
        self.locked = bool(locked)

    def reveal(self, grade: Grade) -> None:
        self.grade = grade

    def retranslate(self) -> None:
        """Texts that come from ``tr`` or from the catalogs, in the current language."""

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class UnusableAnswer(AnswerWidget):
    """Stands in for the answer widget of an instance that cannot be shown (a parameter draw
    the file's validation did not try breaks its trace): the reason, and no answer."""

    def __init__(self, instance: Instance, exam: bool, error: Exception,
                 parent: QWidget | None = None):
        from PySide6.QtWidgets import QLabel, QVBoxLayout

        super().__init__(instance, exam, parent)
        render = getattr(error, "render", None)
        self.label = QLabel(render(current_language()) if callable(render) else str(error), self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {error_color().name()}")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)

    def payload(self):
        return None

    def set_payload(self, payload) -> None:
        pass


def event_lines(text: str) -> list[str]:
    """The event lines of a rendered trace template, in order (comments dropped): the lines
    ``trainer.practice.fillin`` numbers events by."""
    out = []
    for line in text.split("\n"):
        code = _strip_comment(line).strip()
        if code and code[0] in _EVENT_START:
            out.append(re.sub(r"\s+", " ", code))
    return out


def _strip_comment(line: str) -> str:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i]
    return line


def credit_color(credit: float) -> QColor:
    if credit >= 1.0:
        return ok_color()
    if credit > 0:
        return warning_color()
    return error_color()


def tint(widget: QWidget, color: QColor | None) -> None:
    """Colour an input's frame and text by a verdict (``None``: back to normal)."""
    if color is None:
        widget.setStyleSheet("")
        return
    widget.setStyleSheet(f"border: 2px solid {color.name()}; border-radius: 3px;")


def base_color(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.Base)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping to the next line when the width runs out (Qt's flow
    layout example, trimmed): a trace line with inputs in it reads like text."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()
