"""Practice, exams, progress and authoring in the desktop app (issue 5, in the app).

Built on the Qt-free core in ``trainer.practice``; each screen is a top-level window opened
from the main window's Practice menu (``menu.PracticeMenu``). Only the menu (a few
milliseconds) is imported with the main window; a screen and what it needs (the exercise
pack, pyqtgraph for the chart) load when it is first opened.

- ``menu``: the Practice menu and the windows it opens.
- ``practice_window``: practice mode (pick by topic/difficulty, instant checking, hints).
- ``exam_window``: exam mode (a set or a random draw, countdown, submit, report, answer file).
- ``progress_window``: history (pyqtgraph chart of scores over time, weakest topics first).
- ``authoring_window`` (+ ``drafting``, ``toml_writer``, Qt-free): a new exercise from the
  current trace.
- ``question``: one exercise on screen (prompt, answer, hints, check, verdict).
- ``answer_base``, ``answer_trace``, ``answer_forms``: the answer widgets (their interface,
  the trace-based kinds, calculate and choice).
- ``quiz_diagram``: the sequence diagram without its give-aways.
- ``feedback``: a grade as HTML; ``sources``: built-in and opened exercise files.
"""
