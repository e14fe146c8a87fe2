"""The editable two-host sequence diagram (``SequenceDiagramView``).

``from trainer.gui.diagram import SequenceDiagramView``; see ``view.py`` for the interactions.
"""

from trainer.gui.diagram._none_guard import guard as _guard

_guard()  # PySide6 6.12.0 on Python 3.11 leaks references to None: painting would abort

from trainer.gui.diagram.view import SequenceDiagramView  # noqa: E402

__all__ = ["SequenceDiagramView"]
