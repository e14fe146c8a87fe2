"""Entry points the command line calls: ``run_gui`` (the desktop app) and ``render_main`` (the
main window drawn offscreen into a PNG, for ``tcp-trainer render``)."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_RENDER_SIZE = (1280, 800)


def run_gui(files: list[str], lang: str | None) -> int:
    """Start the app with one window per file given (one empty window when none) and run it
    until the last window closes. ``lang`` (``"zh_CN"``/``"en"``) overrides the saved choice
    for this session only. Returns the exit code."""
    from trainer.gui.app import create_application
    from trainer.gui.settings import Settings

    app = create_application(sys.argv[:1])
    settings = Settings()
    windows = open_windows(files, lang, settings)
    opener = file_open_handler(windows)  # macOS Finder sends files as events, not arguments
    app.installEventFilter(opener)
    code = app.exec()
    settings.sync()
    return code


def open_windows(files: list[str], lang: str | None, settings) -> list:
    """Set the language, then show a main window per file (the trace loaded before the first
    paint, so that the first frame already shows it)."""
    from trainer.gui import i18n

    i18n.set_language(i18n.resolve_choice(lang or settings.language()))
    from PySide6.QtCore import QTimer

    from trainer.cli_capture import is_capture
    from trainer.gui.main_window import MainWindow

    windows = []
    for path in files or [None]:
        window = MainWindow(settings)
        if path is not None and is_capture(path):
            # Import once the window is up: progress and the picker need it on screen.
            QTimer.singleShot(0, lambda w=window, p=path: w.import_capture(p, ask=False))
        elif path is not None:
            window.open_file(path, ask=False)
        window.show()
        windows.append(window)
    return windows


def file_open_handler(windows: list):
    """An event filter for the QApplication that opens ``QFileOpenEvent`` files in a window."""
    from PySide6.QtCore import QEvent, QObject

    class FileOpenHandler(QObject):
        """Opens the files the platform hands over as ``QFileOpenEvent``s (macOS: a document
        double-clicked in Finder or dropped on the Dock icon while the app runs or starts) in
        the active main window, like File > Open (asking about unsaved changes first)."""

        def __init__(self, windows: list):
            super().__init__()
            self.windows = windows

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.FileOpen and event.file():
                self.open(event.file())
                return True
            return False

        def open(self, path: str) -> None:
            from PySide6.QtWidgets import QApplication

            active = QApplication.activeWindow()
            window = next((w for w in self.windows if w is active), None) or \
                next((w for w in self.windows if w.isVisible()), None)
            if window is not None:
                window.open_file(path)

    return FileOpenHandler(windows)


def render_main(path: str, out: str, lang: str | None = None,
                size: tuple[int, int] = DEFAULT_RENDER_SIZE) -> int:
    """Draw the main window with the trace ``path`` into the PNG ``out`` at ``size`` (width,
    height), offscreen, without reading or writing the user's settings.

    The picture shows the window as after opening the file: the cursor on the last step, and
    the first segment with an error (else the first segment) selected so that the inspector shows
    a header. Exit code 0; 2 when the trace cannot be read (a located message on stderr, in
    ``lang``); 1 when the PNG cannot be written."""
    from trainer.gui.app import create_application
    from trainer.gui import i18n
    from trainer.i18n.locale import resolve

    language = resolve(lang)
    from trainer.formats import TraceFormatError, load_trace

    try:
        trace = load_trace(path)
    except TraceFormatError as error:
        print(error.render(language), file=sys.stderr)
        return 2
    width, height = size
    if width < 200 or height < 150:
        print(f"{out}: size {width}x{height} is too small (at least 200x150)", file=sys.stderr)
        return 2

    app = create_application(sys.argv[:1], offscreen=True)
    previous_language = i18n.current_language()
    i18n.set_language(language)
    from trainer.gui.document import TraceDocument
    from trainer.gui.main_window import MainWindow
    from trainer.gui.settings import Settings

    doc = TraceDocument(trace, Path(path).resolve())
    window = MainWindow(Settings(None), doc, progressive=False)
    try:
        window.resize(width, height)
        window.size_docks()
        doc.set_cursor(len(doc.result.steps) - 1)
        doc.select(_interesting_event(doc))
        window.show()
        window.text.reload()
        for _ in range(3):
            app.processEvents()
        window.diagram.zoom_fit()
        app.processEvents()
        image = window.grab().toImage()
        if image.width() != width or image.height() != height:
            from PySide6.QtCore import Qt

            image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        if not image.save(str(out), "PNG"):
            print(f"{out}: cannot write the PNG file", file=sys.stderr)
            return 1
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()
        if previous_language != language:
            i18n.set_language(previous_language)
    return 0


def _interesting_event(doc) -> int | None:
    from trainer.engine.findings import Severity

    for finding in doc.result.findings:
        if finding.severity is Severity.ERROR and 0 <= finding.step < len(doc.result.steps):
            return doc.result.steps[finding.step].event
    from trainer.engine.trace import Segment

    return next((i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment)), None)
