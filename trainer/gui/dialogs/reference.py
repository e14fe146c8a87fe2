"""Help > RFC 9293 Quick Reference: what each connection state means, how a connection gets
into it and out of it (RFC 9293 3.3.2, Figure 5), in the UI language."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from trainer.engine.states import ALL_STATES
from trainer.gui.i18n import current_language
from trainer.gui.palette import state_color


class ReferenceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("referenceDialog")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("referenceText")
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.retranslate_ui()

    def html(self) -> str:
        from trainer.i18n.states_text import state_text

        lang = current_language()
        entered, left = self.tr("How it is entered:"), self.tr("How it is left:")
        rows = []
        for state in ALL_STATES:
            text = state_text(state, lang)
            color = state_color(state)
            name = escape(text.name)
            if text.gloss:
                name += f" <span style='font-weight:normal'>（{escape(text.gloss)}）</span>"
            rows.append(
                f"<h3 style='margin-bottom:2px'><span style='background:{color.name()};"
                f"color:#000'>&nbsp;&nbsp;</span>&nbsp;{name}</h3>"
                f"<p style='margin-top:0'>{escape(text.meaning)}</p>"
                f"<p style='margin-left:16px'><b>{escape(entered)}</b> "
                f"{escape(text.enter)}</p>"
                f"<p style='margin-left:16px'><b>{escape(left)}</b> "
                f"{escape(text.leave)}</p>")
        intro = escape(self.tr(
            "A TCP connection is always in one of these eleven states (RFC 9293 section 3.3.2, "
            "Figure 5). State names keep the RFC's spelling in every language."))
        return f"<p>{intro}</p>" + "".join(rows)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("RFC 9293 Quick Reference — Connection States"))
        self.browser.setHtml(self.html())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate_ui()
        super().changeEvent(event)
