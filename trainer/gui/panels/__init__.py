"""The main window's dock panels. Each takes the document in its constructor, subscribes to its
signals, and edits the trace only through undo commands."""
