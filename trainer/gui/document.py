"""One open trace: the engine trace, its undo stack, the latest check result, and the cursor.

Views take a ``TraceDocument`` in their constructor and subscribe to its signals; they never
call each other. Views never change the trace directly: they push a command from
``trainer.gui.commands`` onto ``undo_stack``; commands call the ``_``-prefixed mutators here,
which re-check the trace and emit ``changed`` with a ``Change`` saying what changed.

The time cursor and the selection are shared view state, so they live here too (with their own
signals), which is how clicking a finding in one panel moves the diagram and the graph.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from trainer.engine.checker import check
from trainer.engine.result import CheckResult
from trainer.engine.trace import Event, HostSpec, Trace


@dataclass(frozen=True, slots=True)
class Change:
    """What a mutation changed. Event indices refer to ``trace.events`` *after* the change
    (``removed`` to the indices before it). ``reset`` means "everything: rebuild"."""

    inserted: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    hosts: bool = False
    reset: bool = False


class TraceDocument(QObject):
    changed = Signal(object)  # Change
    cursorChanged = Signal(int)  # step index, -1 = before the first step
    selectionChanged = Signal(object)  # event index or None
    pathChanged = Signal(object)  # Path or None
    cleanChanged = Signal(bool)

    def __init__(self, trace: Trace | None = None, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._trace = trace if trace is not None else Trace()
        self._path = Path(path) if path is not None else None
        self._result = check(self._trace)
        self._cursor = -1
        self._selected: int | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.cleanChanged)

    # ---- read access ------------------------------------------------------------------------
    @property
    def trace(self) -> Trace:
        return self._trace

    @property
    def result(self) -> CheckResult:
        return self._result

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def selected(self) -> int | None:
        return self._selected

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def event_at(self, index: int) -> Event:
        # Not ``event``: that name is QObject's virtual event handler.
        return self._trace.events[index]

    def segment_index_of(self, event_index: int) -> int | None:
        """The ``segment`` number (index among segments) of an event, if it is a segment."""
        from trainer.engine.trace import Segment

        if not isinstance(self._trace.events[event_index], Segment):
            return None
        return sum(1 for e in self._trace.events[:event_index] if isinstance(e, Segment))

    # ---- shared view state ------------------------------------------------------------------
    def set_cursor(self, step: int) -> None:
        step = max(-1, min(step, len(self._result.steps) - 1))
        if step != self._cursor:
            self._cursor = step
            self.cursorChanged.emit(step)

    def select(self, event_index: int | None) -> None:
        if event_index is not None and not 0 <= event_index < len(self._trace.events):
            event_index = None
        if event_index != self._selected:
            self._selected = event_index
            self.selectionChanged.emit(event_index)

    def set_path(self, path: Path | None) -> None:
        self._path = Path(path) if path is not None else None
        self.pathChanged.emit(self._path)

    def mark_saved(self, path: Path) -> None:
        self.set_path(path)
        self.undo_stack.setClean()

    def reset(self, trace: Trace, path: Path | None = None,
              result: CheckResult | None = None) -> None:
        """Start over with another trace (File > New / Open): no undo history, nothing
        selected, the cursor at the end, unmodified. Not undoable, like opening a file.
        ``result`` is the trace's check when the caller already has it (an imported capture
        connection was checked while it was picked), so a big one is not checked twice."""
        self.undo_stack.clear()
        self._trace = trace
        self._selected = None
        self.selectionChanged.emit(None)
        self._result = check(trace) if result is None else result
        self._cursor = len(self._result.steps) - 1
        self.cursorChanged.emit(self._cursor)
        self.changed.emit(Change(reset=True))
        self.set_path(path)
        self.undo_stack.setClean()

    # ---- mutators: only commands call these -------------------------------------------------
    def _insert_event(self, index: int, event: Event) -> None:
        self._trace.events.insert(index, event)
        if self._selected is not None and self._selected >= index:
            self._selected += 1
        self._after(Change(inserted=(index,)))

    def _remove_event(self, index: int) -> Event:
        event = self._trace.events.pop(index)
        if self._selected is not None:
            if self._selected == index:
                self._selected = None
                self.selectionChanged.emit(None)
            elif self._selected > index:
                self._selected -= 1
        self._after(Change(removed=(index,)))
        return event

    def _replace_event(self, index: int, event: Event) -> Event:
        old = self._trace.events[index]
        self._trace.events[index] = event
        self._after(Change(updated=(index,)))
        return old

    def _set_host(self, host: str, spec: HostSpec) -> HostSpec:
        old = self._trace.hosts.get(host, HostSpec(host))
        self._trace.hosts[host] = spec
        self._after(Change(hosts=True))
        return old

    def _set_trace(self, trace: Trace) -> Trace:
        old = self._trace
        self._trace = trace
        if self._selected is not None and self._selected >= len(trace.events):
            self._selected = None
            self.selectionChanged.emit(None)
        self._after(Change(reset=True))
        return old

    def _after(self, change: Change) -> None:
        self._result = check(self._trace)
        if self._cursor >= len(self._result.steps):
            self._cursor = len(self._result.steps) - 1
            self.cursorChanged.emit(self._cursor)
        self.changed.emit(change)

    def snapshot(self) -> Trace:
        """A deep copy of the trace, for commands that swap whole traces."""
        return copy.deepcopy(self._trace)
