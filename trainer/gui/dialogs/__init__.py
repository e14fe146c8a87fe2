"""The main window's dialogs: the new-trace picker, the RFC 9293 quick reference, About."""
