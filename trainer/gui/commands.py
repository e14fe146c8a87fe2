"""Undo commands: every edit of a trace is one of these, pushed on the document's undo stack.

Events are dataclasses that the commands never mutate in place: an edit replaces the event
with a changed copy, so undo simply puts the old object back. A drag pushes one
``ReplaceEventCommand`` per mouse move with the same ``merge_key``; they merge into one undo
step (Qt's ``mergeWith``).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from trainer.engine.trace import Event, HostSpec, Trace
from trainer.gui.document import TraceDocument

#: Command ids for ``QUndoCommand.id`` (commands with equal ids may merge).
MERGE_ID = 1


class InsertEventCommand(QUndoCommand):
    def __init__(self, doc: TraceDocument, index: int, event: Event, text: str):
        super().__init__(text)
        self.doc, self.index, self.event = doc, index, event

    def redo(self) -> None:
        self.doc._insert_event(self.index, self.event)
        self.doc.select(self.index)

    def undo(self) -> None:
        self.doc._remove_event(self.index)


class RemoveEventCommand(QUndoCommand):
    def __init__(self, doc: TraceDocument, index: int, text: str):
        super().__init__(text)
        self.doc, self.index = doc, index
        self.event: Event | None = None

    def redo(self) -> None:
        self.event = self.doc._remove_event(self.index)

    def undo(self) -> None:
        self.doc._insert_event(self.index, self.event)
        self.doc.select(self.index)


class ReplaceEventCommand(QUndoCommand):
    """Replace event ``index`` by ``new``. Commands with the same non-None ``merge_key`` that
    follow each other merge into one undo step (a drag, or typing in one inspector field)."""

    def __init__(self, doc: TraceDocument, index: int, new: Event, text: str, merge_key: object = None):
        super().__init__(text)
        self.doc, self.index, self.new = doc, index, new
        self.old: Event = doc.trace.events[index]
        self.merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt API
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, ReplaceEventCommand) or other.merge_key != self.merge_key \
                or other.index != self.index:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc._replace_event(self.index, self.new)

    def undo(self) -> None:
        self.doc._replace_event(self.index, self.old)


class SetHostCommand(QUndoCommand):
    def __init__(self, doc: TraceDocument, host: str, spec: HostSpec, text: str):
        super().__init__(text)
        self.doc, self.host, self.spec = doc, host, spec
        self.old: HostSpec | None = None

    def redo(self) -> None:
        self.old = self.doc._set_host(self.host, self.spec)

    def undo(self) -> None:
        self.doc._set_host(self.host, self.old)


class SetTraceCommand(QUndoCommand):
    """Replace the whole trace (an edit in the text pane, a built-in scenario as a start)."""

    def __init__(self, doc: TraceDocument, trace: Trace, text: str):
        super().__init__(text)
        self.doc, self.new = doc, trace
        self.old: Trace | None = None

    def redo(self) -> None:
        self.old = self.doc._set_trace(self.new)

    def undo(self) -> None:
        self.doc._set_trace(self.old)
