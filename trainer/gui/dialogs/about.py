"""Help > About TCP Trainer."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.gui.i18n import fmt


def about_text() -> str:
    version = QCoreApplication.applicationVersion() or "?"
    what = QCoreApplication.translate(
        "AboutDialog", "Learn how TCP connections are established and closed, and check traces "
        "you build against RFC 9293.")
    how = QCoreApplication.translate(
        "AboutDialog", "Draw a trace in the sequence diagram or write it in the text pane: every "
        "step is replayed through two RFC 9293 endpoints, and every place where a real TCP could "
        "not have behaved as the trace says is explained, with the section of the RFC that holds "
        "the rule.")
    offline = fmt(QCoreApplication.translate("AboutDialog", "Works offline. Qt %1."), qVersion())
    return (f"<h2>TCP Trainer {escape(version)}</h2><p>{escape(what)}</p><p>{escape(how)}</p>"
            f"<p style='color:gray'>{escape(offline)}</p>")


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("AboutDialog", "About TCP Trainer"),
                      about_text())
