"""Message catalogs: finding codes, format errors, states and CLI strings in Simplified Chinese
and English. No Qt here; the GUI uses Qt's own translation system for its widgets."""
