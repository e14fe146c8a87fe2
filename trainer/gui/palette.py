"""Colours shared by every view, so that a state looks the same on a lifeline band and in the
state graph, and host A / host B keep their colours everywhere."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from trainer.engine.states import State

#: Hue families by phase of the connection: no connection (grey), opening (amber/yellow),
#: open (green), closing actively (blue), closing passively (purple), waiting (teal).
_STATE_RGB = {
    State.CLOSED: (0x9E, 0x9E, 0x9E),
    State.LISTEN: (0xB0, 0xBE, 0xC5),
    State.SYN_SENT: (0xFF, 0xB7, 0x4D),
    State.SYN_RECEIVED: (0xFF, 0xD5, 0x4F),
    State.ESTABLISHED: (0x66, 0xBB, 0x6A),
    State.FIN_WAIT_1: (0x64, 0xB5, 0xF6),
    State.FIN_WAIT_2: (0x42, 0x8F, 0xE0),
    State.CLOSE_WAIT: (0xBA, 0x68, 0xC8),
    State.CLOSING: (0x4D, 0xB6, 0xAC),
    State.LAST_ACK: (0x95, 0x75, 0xCD),
    State.TIME_WAIT: (0x26, 0xA6, 0x9A),
}

HOST_RGB = {"A": (0x1E, 0x88, 0xE5), "B": (0xF4, 0x51, 0x1E)}
ERROR_RGB = (0xE5, 0x39, 0x35)
WARNING_RGB = (0xFB, 0x8C, 0x00)
OK_RGB = (0x43, 0xA0, 0x47)


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def state_color(state: State, alpha: int = 255, dark: bool | None = None) -> QColor:
    """``state``'s colour; ``dark``: for a dark palette (default: the application's)."""
    r, g, b = _STATE_RGB[state]
    color = QColor(r, g, b, alpha)
    if dark is None:
        dark = is_dark()
    return color.darker(130) if dark else color


def host_color(host: str) -> QColor:
    return QColor(*HOST_RGB[host])


def error_color() -> QColor:
    return QColor(*ERROR_RGB)


def warning_color() -> QColor:
    return QColor(*WARNING_RGB)


def ok_color() -> QColor:
    return QColor(*OK_RGB)
