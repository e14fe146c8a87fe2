"""Progress: the history database as a table of topics, weakest first, and a pyqtgraph chart of
each topic's scores over time.

pyqtgraph (and numpy under it) is imported when this window builds its chart, never at the
main window's start (``tests/gui/test_startup_imports.py``). The table shows the topics the
chart draws: select rows to choose them (by default the five weakest).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from trainer.gui.app import APP_NAME
from trainer.gui.i18n import current_language, fmt
from trainer.gui.practice.answer_base import credit_color
from trainer.i18n.practice_text import topic_name
from trainer.practice.history import History, TopicStats, default_path

DEFAULT_SHOWN = 5
#: Line colours, one per topic on the chart (distinct on light and dark backgrounds).
COLORS = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41",
          "#3949ab", "#c0ca33", "#d81b60", "#546e7a", "#fdd835", "#5e35b1", "#00acc1", "#7cb342")


def timestamp(iso: str) -> float:
    """Seconds since the epoch of an ISO 8601 time (UTC when it names no zone)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


class ProgressWindow(QWidget):
    def __init__(self, parent: QWidget | None = None, *, history_path=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("progressWindow")
        self.history_path = history_path
        self.stats: list[TopicStats] = []
        self.series: dict[str, list[tuple[float, float]]] = {}
        self.curves: dict[str, object] = {}
        self.error = ""

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("topicTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._draw)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.where = QLabel(self)
        self.where.setEnabled(False)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.chart_title = QLabel(self)
        self.chart_holder = QWidget(self)
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self.chart_holder)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.chart_layout.addWidget(self.empty)
        self.plot = None

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addStretch(1)
        left_layout.addLayout(bottom)
        left_layout.addWidget(self.where)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addWidget(self.chart_title)
        right_layout.addWidget(self.chart_holder, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([460, 740])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.resize(1200, 700)
        self.refresh()

    # ---- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the database again (it may have new results)."""
        self.error = ""
        try:
            with History(self.history_path) as history:
                self.stats = history.topic_stats()
                self.series = {s.topic: [(timestamp(when), 100 * ratio)
                                         for when, ratio in history.scores_over_time(s.topic)]
                               for s in self.stats}
        except (OSError, RuntimeError, sqlite3.Error, ValueError) as error:
            self.stats, self.series, self.error = [], {}, str(error)
        self.retranslate()
        self._fill_table()
        self._draw()

    def _fill_table(self) -> None:
        lang = current_language()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.stats))
        for row, stats in enumerate(self.stats):
            color = QColor(COLORS[row % len(COLORS)])
            name = QTableWidgetItem(topic_name(stats.topic, lang))
            name.setData(Qt.ItemDataRole.UserRole, stats.topic)
            name.setData(Qt.ItemDataRole.DecorationRole, color)
            percent = QTableWidgetItem(f"{round(100 * stats.ratio)} %")
            percent.setForeground(credit_color(1.0 if stats.ratio >= 0.8 else stats.ratio))
            percent.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            attempts = QTableWidgetItem(str(stats.attempts))
            attempts.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            last = QTableWidgetItem(self._when(stats.last))
            for column, item in enumerate((name, percent, attempts, last)):
                self.table.setItem(row, column, item)
        self.table.clearSelection()
        self.table.blockSignals(False)

    @staticmethod
    def _when(iso: str) -> str:
        try:
            return datetime.fromtimestamp(timestamp(iso)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return iso

    def shown_topics(self) -> list[str]:
        """The topics on the chart: the selected rows, else the weakest few."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            rows = list(range(min(DEFAULT_SHOWN, len(self.stats))))
        return [self.stats[row].topic for row in rows]

    # ---- the chart ---------------------------------------------------------------------------
    def _make_chart(self):
        import pyqtgraph as pg

        class NumericDateAxis(pg.DateAxisItem):
            """Dates as numbers (2025-03-14, 03-14, 19:52): the same in every language,
            where pyqtgraph's own month names are English only."""

            def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
                if spacing >= 300 * 86400:
                    pattern = "%Y"
                elif spacing >= 28 * 86400:
                    pattern = "%Y-%m"
                elif spacing >= 86400:
                    pattern = "%m-%d"
                else:
                    pattern = "%m-%d %H:%M"
                return [datetime.fromtimestamp(v).strftime(pattern) for v in values]

        axis = NumericDateAxis(orientation="bottom")
        plot = pg.PlotWidget(axisItems={"bottom": axis}, background=self.palette().base().color())
        plot.setObjectName("progressChart")
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setYRange(0, 100, padding=0.05)
        plot.setMouseEnabled(x=True, y=False)
        plot.getPlotItem().setMenuEnabled(False)
        text = self.palette().text().color()
        for name in ("left", "bottom"):
            plot.getAxis(name).setTextPen(text)
            plot.getAxis(name).setPen(text)
        return plot  # no legend: the table shows each topic's colour

    def _draw(self) -> None:
        if not self.series:
            self.empty.show()
            if self.plot is not None:
                self.plot.hide()
            return
        if self.plot is None:
            self.plot = self._make_chart()
            self.chart_layout.addWidget(self.plot)
        import pyqtgraph as pg

        self.empty.hide()
        self.plot.show()
        self.plot.clear()
        self.curves = {}
        lang = current_language()
        for topic in self.shown_topics():
            row = next(i for i, s in enumerate(self.stats) if s.topic == topic)
            color = COLORS[row % len(COLORS)]
            points = self.series.get(topic, [])
            xs = [x for x, _ in points]
            ys = [y for _, y in points]
            curve = self.plot.plot(xs, ys, pen=pg.mkPen(color, width=2), symbol="o",
                                   symbolSize=7, symbolBrush=color, symbolPen=None,
                                   name=topic_name(topic, lang))
            self.curves[topic] = curve
        self.plot.setLabel("left", self.tr("score (%)"))
        self.plot.setLabel("bottom", self.tr("date"))

    # ---- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(fmt(self.tr("Progress — %1"), APP_NAME))
        self.heading.setText(self.tr("Your topics, weakest first (select rows to chart them):"))
        self.table.setHorizontalHeaderLabels([self.tr("Topic"), self.tr("Average"),
                                              self.tr("Attempts"), self.tr("Last practised")])
        self.refresh_button.setText(self.tr("&Refresh"))
        path = self.history_path if self.history_path is not None else default_path()
        self.where.setText(fmt(self.tr("History file: %1"), str(path)) if not self.error
                           else fmt(self.tr("The history cannot be read: %1"), self.error))
        self.chart_title.setText(self.tr("Scores over time, per topic (colours as in the table)"))
        self.empty.setText(self.tr("No results yet. Practise or take an exam, and your scores "
                                   "appear here."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill_table()
            self._draw()
        super().changeEvent(event)
