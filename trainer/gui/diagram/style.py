"""Fonts, colours and the diagram's own words.

Every user-visible string goes through ``QCoreApplication.translate`` with the context
``"SequenceDiagram"`` (``resources/translations/diagram_zh_CN.ts``); tables of words use
``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` finds them and translate them when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette

from trainer.engine.trace import CallKind, Timer
from trainer.gui import palette
from trainer.i18n.locale import DEFAULT, normalize

CONTEXT = "SequenceDiagram"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate a string that was marked with ``QT_TRANSLATE_NOOP("SequenceDiagram", ...)``."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def current_language() -> str:
    """The UI language: the shell's choice (``trainer.gui.i18n``), else the default QLocale."""
    try:
        from trainer.gui.i18n import current_language as shell_language
    except ImportError:  # pragma: no cover - the shell's module is missing
        shell_language = None
    if shell_language is not None:
        return shell_language()
    return normalize(QLocale().name()) or DEFAULT  # pragma: no cover


# ---- words -------------------------------------------------------------------------------------

ROLE_TEXT = {
    "retransmission": QT_TRANSLATE_NOOP("SequenceDiagram", "retransmission"),
    "keepalive": QT_TRANSLATE_NOOP("SequenceDiagram", "keep-alive"),
    "reply-rst": QT_TRANSLATE_NOOP("SequenceDiagram", "RST reply"),
    "abort": QT_TRANSLATE_NOOP("SequenceDiagram", "abort"),
    "old-duplicate": QT_TRANSLATE_NOOP("SequenceDiagram", "old duplicate"),
    "challenge-ack": QT_TRANSLATE_NOOP("SequenceDiagram", "challenge ACK"),
    "dup-ack": QT_TRANSLATE_NOOP("SequenceDiagram", "duplicate ACK"),
    "window-probe": QT_TRANSLATE_NOOP("SequenceDiagram", "window probe"),
}

TIMEOUT_TEXT = {
    Timer.RETRANSMISSION: QT_TRANSLATE_NOOP("SequenceDiagram", "retransmission timeout"),
    Timer.TIME_WAIT: QT_TRANSLATE_NOOP("SequenceDiagram", "2MSL timeout"),
    Timer.KEEPALIVE: QT_TRANSLATE_NOOP("SequenceDiagram", "keep-alive timeout"),
    Timer.USER: QT_TRANSLATE_NOOP("SequenceDiagram", "user timeout"),
}

BRACKET_TEXT = {
    Timer.RETRANSMISSION: QT_TRANSLATE_NOOP("SequenceDiagram", "RTO"),
    Timer.TIME_WAIT: QT_TRANSLATE_NOOP("SequenceDiagram", "2MSL"),
    Timer.KEEPALIVE: QT_TRANSLATE_NOOP("SequenceDiagram", "keep-alive"),
    Timer.USER: QT_TRANSLATE_NOOP("SequenceDiagram", "user timer"),
}

HOST_ROLE_TEXT = {
    "client": QT_TRANSLATE_NOOP("SequenceDiagram", "client"),
    "server": QT_TRANSLATE_NOOP("SequenceDiagram", "server"),
    "peer": QT_TRANSLATE_NOOP("SequenceDiagram", "peer"),
}

SEVERITY_TEXT = {
    "error": QT_TRANSLATE_NOOP("SequenceDiagram", "Error"),
    "warning": QT_TRANSLATE_NOOP("SequenceDiagram", "Warning"),
    "info": QT_TRANSLATE_NOOP("SequenceDiagram", "Note"),
}

#: Socket call names are code and read the same in every language.
CALL_TEXT = {
    CallKind.LISTEN: "listen()",
    CallKind.CONNECT: "connect()",
    CallKind.CLOSE: "close()",
    CallKind.SHUTDOWN: "shutdown(SHUT_WR)",
    CallKind.ABORT: "abort",
}


def call_text(kind: CallKind, nbytes: int = 0) -> str:
    if kind is CallKind.SEND:
        return f"send({nbytes})"
    return CALL_TEXT[kind]


def crash_text() -> str:
    return QCoreApplication.translate("SequenceDiagram", "crash ⚡")


def role_text(role: str) -> str:
    return tr(ROLE_TEXT[role]) if role in ROLE_TEXT else role


def seconds(value: float, decimals: int = 3) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


# ---- fonts -------------------------------------------------------------------------------------

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "PingFang SC",
                "WenQuanYi Micro Hei")


class Fonts:
    """The handful of fonts the diagram draws with, sized in pixels (crisp at any DPI)."""

    def __init__(self, lang: str):
        app = QGuiApplication.instance()
        base = QFont(app.font()) if app is not None else QFont()
        families = [f for f in base.families() if f not in CJK_FAMILIES] or [base.family()]
        if lang == "zh_CN":
            families = [*CJK_FAMILIES, *families]
        else:
            families = [*families, *CJK_FAMILIES]

        def make(px: float, weight=QFont.Weight.Normal, italic=False) -> QFont:
            f = QFont(base)
            f.setFamilies(families)
            f.setPixelSize(int(px))
            f.setWeight(weight)
            f.setItalic(italic)
            f.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
            return f

        self.label = make(12)
        self.flags = make(12, QFont.Weight.Bold)
        self.tag = make(10)
        self.small = make(10)
        self.axis = make(10)
        self.chip = make(10, QFont.Weight.DemiBold)
        self.marker = make(11)
        self.header_name = make(13, QFont.Weight.Bold)
        self.header_sub = make(11)
        self.badge = make(9, QFont.Weight.Bold)
        self._metrics: dict[int, QFontMetricsF] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._elided: dict[tuple[int, str, float], str] = {}

    def metrics(self, font: QFont) -> QFontMetricsF:
        key = id(font)
        m = self._metrics.get(key)
        if m is None:
            m = self._metrics[key] = QFontMetricsF(font)
        return m

    def width(self, font: QFont, text: str) -> float:
        key = (id(font), text)
        w = self._widths.get(key)
        if w is None:
            if len(self._widths) > 20000:
                self._widths.clear()
            w = self._widths[key] = self.metrics(font).horizontalAdvance(text)
        return w

    def elided(self, font: QFont, text: str, width: float) -> str:
        """``text`` elided at the right to ``width`` (remembered: asked for on every paint)."""
        key = (id(font), text, width)
        out = self._elided.get(key)
        if out is None:
            if len(self._elided) > 4000:
                self._elided.clear()
            out = self._elided[key] = self.metrics(font).elidedText(
                text, Qt.TextElideMode.ElideRight, width)
        return out


# ---- colours -----------------------------------------------------------------------------------

class Theme:
    """Colours for light and dark palettes; state and host colours come from ``palette``."""

    def __init__(self):
        dark = palette.is_dark()
        app = QGuiApplication.instance()
        pal = app.palette() if app is not None else QPalette()
        self.dark = dark
        self._states: dict[tuple, QColor] = {}
        self.background = QColor(pal.color(QPalette.ColorRole.Base))
        self.text = QColor(pal.color(QPalette.ColorRole.Text))
        if dark:
            self.muted = QColor(0x9E, 0xA7, 0xAD)
            self.grid = QColor(255, 255, 255, 18)
            self.arrow = QColor(0xCF, 0xD8, 0xDC)
            self.header_bg = QColor(pal.color(QPalette.ColorRole.Window))
            self.tag_bg = QColor(255, 255, 255, 28)
            self.fold = QColor(255, 255, 255, 14)
            self.halo = QColor(self.background)
            self.halo.setAlpha(215)
        else:
            self.text = QColor(0x26, 0x32, 0x38)
            self.muted = QColor(0x78, 0x90, 0x9C)
            self.grid = QColor(0x26, 0x32, 0x38, 16)
            self.arrow = QColor(0x45, 0x5A, 0x64)
            self.header_bg = QColor(0xF7, 0xF9, 0xFA)
            self.tag_bg = QColor(0xEC, 0xEF, 0xF1)
            self.fold = QColor(0xF1, 0xF3, 0xF4)
            self.halo = QColor(255, 255, 255, 215)
        self.error = palette.error_color()
        self.warning = palette.warning_color()
        self.info = QColor(0x5C, 0x6B, 0xC0)
        self.selection = QColor(0x1E, 0x88, 0xE5)
        self.cursor = QColor(0x8E, 0x24, 0xAA)
        self.crash = QColor(0xE5, 0x39, 0x35)
        self.timer = QColor(0x00, 0x89, 0x7B)

    def severity(self, severity) -> QColor | None:
        value = getattr(severity, "value", severity)
        if value == "error":
            return self.error
        if value == "warning":
            return self.warning
        if value == "info":
            return self.info
        return None

    def state(self, state, alpha: int = 255) -> QColor:
        # Asked for on every paint: made once per theme (a palette change makes a new theme).
        key = (state, alpha)
        color = self._states.get(key)
        if color is None:
            color = self._states[key] = palette.state_color(state, alpha, self.dark)
        return color

    @staticmethod
    def host(host: str) -> QColor:
        return palette.host_color(host)
