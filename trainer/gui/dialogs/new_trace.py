"""File > New: start from a blank trace or from one of the built-in scenarios."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout,
    QWidget,
)

from trainer.gui.app import icon
from trainer.gui.i18n import current_language

BLANK = ""  # the "name" of the blank trace


class NewTraceDialog(QDialog):
    """Lists "Blank trace" and every built-in scenario, titles and descriptions in the UI
    language. ``choice()`` is ``BLANK`` or a scenario name."""

    def __init__(self, parent: QWidget | None = None, scenarios: list | None = None):
        super().__init__(parent)
        self.setObjectName("newTraceDialog")
        if scenarios is None:
            from trainer.scenarios import list_scenarios

            scenarios = list_scenarios()
        self.scenarios = scenarios
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("scenarioList")
        self.list.setMinimumWidth(330)
        self.description = QLabel(self)
        self.description.setObjectName("scenarioDescription")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setMinimumWidth(280)
        self.description.setTextFormat(Qt.TextFormat.RichText)
        self.description.setContentsMargins(8, 4, 8, 4)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.description)
        splitter.setStretchFactor(1, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(self._show_description)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 460)
        self.retranslate_ui()
        self.list.setCurrentRow(0)

    def choice(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else BLANK

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
                return

    def _show_description(self, row: int) -> None:
        from html import escape

        item = self.list.item(row) if row >= 0 else None
        if item is None:
            self.description.clear()
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if name == BLANK:
            title = self.tr("Blank trace")
            text = self.tr("Two hosts, A and B, and no events yet. Add segments, user calls and "
                           "timeouts in the diagram, or type them in the text pane.")
        else:
            lang = current_language()
            info = next(s for s in self.scenarios if s.name == name)
            title, text = info.title_in(lang), info.description_in(lang)
        self.description.setText(f"<h3>{escape(title)}</h3><p>{escape(text)}</p>")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New Trace"))
        self.intro.setText(self.tr("Start from a blank trace, or from one of the figures of "
                                   "RFC 9293 to study and change it:"))
        lang = current_language()
        row = max(0, self.list.currentRow())
        self.list.blockSignals(True)
        self.list.clear()
        blank = QListWidgetItem(icon("document-new"), self.tr("Blank trace"))
        blank.setData(Qt.ItemDataRole.UserRole, BLANK)
        self.list.addItem(blank)
        for info in self.scenarios:
            item = QListWidgetItem(info.title_in(lang))
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(f"{info.title_in(lang)}\n({info.name})")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(row)
        self._show_description(row)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
