"""Practice and exams without Qt: exercise files, grading, answer files, sessions, history.

- ``loader``: read and validate exercise files (TOML); ``model``: what they hold.
- ``grading``: grade one answer; ``explain``: the verdict as sentences.
- one module per kind: ``build``, ``fillin``, ``findbug``, ``predict``, ``calculate``, ``choice``.
- ``answers``: the files learners hand in; ``session``: practice and timed exams;
  ``history``: results in SQLite; ``export``: Moodle XML and GIFT; ``authoring``: sealing.
- ``cli_commands``: ``tcp-trainer exercise ...`` and ``tcp-trainer grade``.

Nothing here imports Qt (a test enforces it); the GUI builds on these modules.
"""
