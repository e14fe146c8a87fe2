"""Small widgets and helpers the panels share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QWidget

SEQ_SPACE = 2**32


class NumberBox(QDoubleSpinBox):
    """An integer box for 32-bit TCP numbers (QSpinBox stops at 2**31 - 1). ``optional`` adds
    a "—" value below zero that stands for "not given" (``None``)."""

    def __init__(self, maximum: int, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(-1 if optional else 0, maximum)
        self.setGroupSeparatorShown(False)
        self.setAccelerated(True)
        self.setKeyboardTracking(True)
        self.optional = optional
        if optional:
            self.setSpecialValueText("—")

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        return str(int(value))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: narrow docks must not clip
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 96), hint.height())

    def int_value(self) -> int | None:
        value = int(self.value())
        return None if self.optional and value < 0 else value

    def set_int_value(self, value: int | None) -> None:
        target = -1 if value is None else value
        if int(self.value()) != target:
            self.setValue(target)


class SecondsBox(QDoubleSpinBox):
    """A time in seconds with microsecond precision, shown without needless zeros."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(6)
        self.setRange(0, 1_000_000)
        self.setSingleStep(0.01)
        self.setKeyboardTracking(True)
        self.setSuffix(" s")

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        whole, _, fraction = f"{value:.6f}".partition(".")
        fraction = fraction.rstrip("0").ljust(3, "0")
        return f"{whole}{self.locale().decimalPoint()}{fraction}"

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 96), hint.height())

    def set_seconds(self, value: float) -> None:
        if abs(self.value() - value) > 5e-7:
            self.setValue(value)


class KeepKeys(QObject):
    """Lets a focused button, check box or list keep the keys it uses itself (Space, arrows,
    Home/End) instead of losing them to the window's timeline shortcuts."""

    KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in self.KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            return True
        return False

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)


class TintFrame(QFrame):
    """A frame tinted with an accent colour (a verdict, an error), drawn by hand rather than by
    a style sheet so that it follows light and dark palettes without restyling."""

    def __init__(self, parent: QWidget | None = None, *, rounded: bool = True):
        super().__init__(parent)
        self._accent = QColor(Qt.GlobalColor.gray)
        self._rounded = rounded

    def set_accent(self, color: QColor) -> None:
        self._accent = QColor(color)
        self.update()

    def accent(self) -> QColor:
        return QColor(self._accent)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(self._accent)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        fill.setAlpha(60 if dark else 34)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setBrush(fill)
        painter.setPen(QPen(self._accent, 1))
        if self._rounded:
            painter.drawRoundedRect(rect, 4, 4)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(rect)
            painter.setPen(QPen(self._accent, 1))
            painter.drawLine(rect.topLeft(), rect.topRight())


class Coalesced(QObject):
    """Calls ``fn`` once, on the next pass of the event loop, however often it is asked to.

    Panels refresh this way after a document change: the sequence diagram and the state graph
    draw the change first, and a burst of changes (a drag) costs one refresh."""

    def __init__(self, parent: QObject, fn):
        super().__init__(parent)
        self._fn = fn
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(fn)

    def __call__(self, *_args) -> None:
        self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()

    def flush(self) -> None:
        """Run now if a call is pending."""
        if self._timer.isActive():
            self._timer.stop()
            self._fn()


class WrappedCheckBox(QWidget):
    """A check box whose text wraps: a ``QCheckBox``'s own text never does, so a long one
    sets a wide minimum width and is clipped in a narrow dock. ``box`` is the check box (what
    code reads and tests click); clicking the text toggles it, as with a plain check box."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.label = _TogglingLabel(self.box, self)
        self.label.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def setText(self, text: str) -> None:  # noqa: N802 - as QCheckBox's
        self.label.setText(text)
        self.box.setAccessibleName(text.replace("&", ""))

    def text(self) -> str:
        return self.label.text()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - as QWidget's
        super().setToolTip(tip)
        self.box.setToolTip(tip)
        self.label.setToolTip(tip)


class _TogglingLabel(QLabel):
    def __init__(self, box: QCheckBox, parent: QWidget):
        super().__init__(parent)
        self._box = box
        self.setBuddy(box)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled() \
                and self.rect().contains(event.position().toPoint()):
            self._box.click()
            event.accept()
            return
        super().mouseReleaseEvent(event)
