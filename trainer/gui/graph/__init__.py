"""The pieces of the state graph (``trainer.gui.state_graph``): where everything goes
(``layout``, no pyqtgraph) and the graphics items that draw it (``items``, pyqtgraph)."""
