"""The sequence diagram for questions: the editor's own view and document, minus the give-aways.

A question must not answer itself. The ordinary diagram colours a wrong arrow red (findings)
and names every state on the lifelines (state bands), which is exactly what a fill-in blank, a
planted bug or a state checkpoint asks for. So:

- ``QuizDocument`` is a ``TraceDocument`` whose ``result`` carries no findings until
  ``set_revealed(True)`` (after checking, or in the exam report);
- ``QuizDiagramView`` is the ``SequenceDiagramView`` that can hide the state bands (plain grey
  lifelines instead), show blanks in segment labels (``SYN,ACK seq=300 ack=?ack2``), draw the
  trace's state claims beside the lifelines (``B: ?state_b1``), and be read-only (click to
  select; no drawing, editing or context menu). Editable, it is the normal editor with the
  normal tools, which is how a build exercise is answered.

The view relies on three hooks of its base class that are not public API: ``_apply_spec`` (to
relabel a masked segment), ``_sync_items`` (to redraw after the masks change) and ``_fonts``
(the fonts labels are measured with). ``tests/gui/test_practice_diagram.py`` breaks if they
change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from trainer.engine.result import CheckResult
from trainer.engine.trace import Segment, Trace
from trainer.gui.diagram import SequenceDiagramView, geometry, style
from trainer.gui.diagram.geometry import SegSpec
from trainer.gui.diagram.labels import flags_text
from trainer.gui.document import Change, TraceDocument

#: Keys a read-only diagram still handles: walking through the events, Esc.
_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right,
                    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Escape}


class QuizDocument(TraceDocument):
    """A trace document that keeps the engine's verdict to itself until revealed."""

    def __init__(self, trace: Trace | None = None, parent=None, *, revealed: bool = False):
        super().__init__(trace, None, parent)
        self._revealed = revealed
        self._quiet: tuple[CheckResult, CheckResult] | None = None

    @property
    def result(self) -> CheckResult:
        full = self._result
        if self._revealed:
            return full
        if self._quiet is None or self._quiet[0] is not full:
            self._quiet = (full, CheckResult(full.initial, full.steps, [], full.inferred))
        return self._quiet[1]

    @property
    def full_result(self) -> CheckResult:
        return self._result

    @property
    def revealed(self) -> bool:
        return self._revealed

    def set_revealed(self, revealed: bool) -> None:
        if bool(revealed) != self._revealed:
            self._revealed = bool(revealed)
            self.changed.emit(Change(reset=True))


@dataclass(frozen=True, slots=True)
class ClaimTag:
    """A state claim drawn beside a lifeline: ``B: SYN-RECEIVED`` or ``B: ?state_b1``."""

    time: float
    host: str
    text: str
    blank: bool = False


class QuizDiagramView(SequenceDiagramView):
    def __init__(self, doc: TraceDocument, parent: QWidget | None = None, *,
                 editable: bool = False, states_visible: bool = False):
        self._masks: dict[int, dict[str, str]] = {}
        self._claims: list[ClaimTag] = []
        self._editable = editable
        self._states_visible = states_visible
        self._quiz_theme = style.Theme()
        super().__init__(doc, parent)
        self.setObjectName("QuizDiagramView")

    # ---- what is shown ---------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self._editable = bool(editable)

    def is_editable(self) -> bool:
        return self._editable

    def set_states_visible(self, visible: bool) -> None:
        if bool(visible) != self._states_visible:
            self._states_visible = bool(visible)
            self.viewport().update()

    def states_visible(self) -> bool:
        return self._states_visible

    def set_masks(self, masks: dict[int, dict[str, str]]) -> None:
        """Per event index, label fields shown instead of the trace's values: ``flags``,
        ``seq``, ``ack`` (a blank's name or the learner's value) and ``arrival`` (shown as the
        label's tag, e.g. ``@?arrival3`` or ``@0.150``)."""
        self._masks = {i: dict(m) for i, m in masks.items()}
        self._sync_items()

    def masks(self) -> dict[int, dict[str, str]]:
        return self._masks

    def set_claims(self, claims: list[ClaimTag]) -> None:
        self._claims = list(claims)
        self.viewport().update()

    def claims(self) -> list[ClaimTag]:
        return list(self._claims)

    def masked_label(self, index: int) -> str:
        """The label event ``index`` shows (with its blanks), as text."""
        seg = self.doc.trace.events[index]
        flags, rest, tag = self._label(index, seg)
        return " ".join(p for p in (flags, rest, tag) if p)

    def _label(self, index: int, seg: Segment) -> tuple[str, str, str]:
        mask = self._masks.get(index, {})
        flags = mask.get("flags") or flags_text(seg.flags)
        parts = [f"seq={mask.get('seq', seg.seq)}"]
        if seg.ack is not None or "ack" in mask:
            parts.append(f"ack={mask.get('ack', seg.ack)}")
        if seg.length:
            parts.append(f"len={seg.length}")
        return flags, " ".join(parts), mask.get("arrival", "")

    # ---- hooks into the base view ----------------------------------------------------------
    def _apply_spec(self, spec, cls) -> None:
        if isinstance(spec, SegSpec) and spec.event in self._masks:
            seg = self.doc.trace.events[spec.event]
            if isinstance(seg, Segment):
                flags, rest, tag = self._label(spec.event, seg)
                fonts = self._fonts
                spec = dataclasses.replace(
                    spec, flags=flags, rest=rest, tag=tag or spec.tag,
                    w_flags=fonts.width(fonts.flags, flags), w_rest=fonts.width(fonts.label, rest),
                    w_tag=fonts.width(fonts.tag, tag or spec.tag) if (tag or spec.tag) else 0.0)
        super()._apply_spec(spec, cls)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        super().drawBackground(painter, rect)
        if self._states_visible:
            return
        # Paint the state bands and their name chips over with plain lifelines.
        hl = geometry.HLayout(self.sceneRect().width())
        theme = self._quiz_theme
        top = max(rect.top(), geometry.band_top())
        bottom = min(rect.bottom(), self.sceneRect().bottom() - 20)
        for host in ("A", "B"):
            if host == "A":
                x0, x1 = hl.gutter + hl.bracket_w, hl.x["A"] + hl.band / 2 + 1
            else:
                x0, x1 = hl.x["B"] - hl.band / 2 - 1, hl.width - geometry.RIGHT_PAD - hl.bracket_w
            painter.fillRect(QRectF(x0, rect.top(), x1 - x0, rect.height()), theme.background)
            if bottom > top:
                lane = QColor(theme.muted)
                lane.setAlpha(90)
                painter.fillRect(QRectF(hl.x[host] - hl.band / 2, top, hl.band, bottom - top), lane)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        super().drawForeground(painter, rect)
        if self._states_visible or not self._claims:
            return
        hl = geometry.HLayout(self.sceneRect().width())
        fonts = self._fonts
        theme = self._quiz_theme
        painter.setFont(fonts.chip)
        h = geometry.CHIP_H
        floor = {"A": -1e18, "B": -1e18}  # claims at about the same time stack downwards
        for claim in sorted(self._claims, key=lambda c: (c.time, c.host)):
            y = max(self.time_to_y(claim.time) + 11, floor[claim.host])  # below markers
            floor[claim.host] = y + h + 2
            w = fonts.width(fonts.chip, claim.text) + 12
            if claim.host == "A":
                box = QRectF(hl.x["A"] - hl.band / 2 - 3 - w, y, w, h)
            else:
                box = QRectF(hl.x["B"] + hl.band / 2 + 3, y, w, h)
            if not box.intersects(rect):
                continue
            color = theme.selection if claim.blank else theme.muted
            fill = QColor(color)
            fill.setAlpha(40 if claim.blank else 25)
            painter.setPen(QPen(color, 1.2, Qt.PenStyle.DashLine if claim.blank
                                else Qt.PenStyle.SolidLine))
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 4, 4)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(theme.text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, claim.text)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._quiz_theme = style.Theme()
        super().changeEvent(event)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip:
            index = self._event_at(event.pos())
            if index is not None and index in self._masks:
                QToolTip.showText(event.globalPos(), self.masked_label(index), self.viewport())
                return True
            if index is None and not self._states_visible:
                QToolTip.hideText()  # the band's tooltip would name the state
                return True
        return super().viewportEvent(event)

    # ---- read-only ---------------------------------------------------------------------------
    def _event_at(self, pos) -> int | None:
        for item in self.items(pos):
            index = getattr(item, "event_index", None)
            if index is not None:
                return index
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable:
            super().mousePressEvent(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.doc.select(self._event_at(event.position().toPoint()))
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable:
            super().mouseMoveEvent(event)
        else:
            event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable:
            super().mouseReleaseEvent(event)
        else:
            event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable:
            super().mouseDoubleClickEvent(event)
        else:
            event.accept()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable:
            super().contextMenuEvent(event)
        else:
            event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._editable or (event.key() in _NAVIGATION_KEYS
                              and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)
        else:
            event.ignore()


def claim_point(seg_or_event, host: str) -> float:
    """When a claim about ``host`` holds: the sender's at the send, the receiver's at the
    arrival (at the send for a lost segment), as the engine reads claims."""
    if isinstance(seg_or_event, Segment):
        if host != seg_or_event.sender and seg_or_event.arrive_time is not None:
            return seg_or_event.arrive_time
        return seg_or_event.send_time
    return seg_or_event.time

