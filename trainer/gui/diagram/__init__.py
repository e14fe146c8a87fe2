"""The editable two-host sequence diagram (``SequenceDiagramView``).

``from trainer.gui.diagram import SequenceDiagramView``; see ``view.py`` for the interactions.
"""

from trainer.gui.diagram.view import SequenceDiagramView

__all__ = ["SequenceDiagramView"]
