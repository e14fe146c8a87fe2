"""Exam sessions with a fake clock, practice checking, and the history database."""

from __future__ import annotations

import sqlite3

import pytest

from trainer.practice.history import History, default_path
from trainer.practice.loader import instantiate
from trainer.practice.session import Session, SessionError, draw

from tests.practice.helpers import CALC, CHOICE, HANDSHAKE_FILL, load


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def stamps():
    counter = iter(range(10**6))
    return lambda: f"2025-01-01T00:{next(counter):02d}:00+00:00"


def _exam(clock, limit=600.0):
    exercise_set = load(HANDSHAKE_FILL, CHOICE, CALC)
    return Session(exercise_set.exercises, seeds=[1, 2, 3], mode="exam", time_limit=limit,
                   student="Li Lei", exercise_set=exercise_set, clock=clock, now=stamps())


def _fill_answer(session):
    isn = session.questions[0].instance.values["isn"]
    return {"blanks": {"state_b": "SYN-RECEIVED", "ack2": str(isn + 1), "seq3": str(isn + 1)}}


def test_exam_auto_submits_when_the_time_is_up():
    clock = FakeClock()
    session = _exam(clock)
    session.start()
    session.focus("fill")
    clock.now += 100
    session.answer("fill", _fill_answer(session))
    session.focus("pick")
    clock.now += 200
    session.answer("pick", {"selected": ["b"]})
    assert session.remaining() == 300
    assert not session.poll()
    clock.now += 299.5
    assert not session.poll() and session.report is None
    clock.now += 0.5
    assert session.poll()  # the countdown reached zero: submitted without the learner
    report = session.report
    assert report.timed_out and report.seconds == 600
    assert [g.exercise_id for g in report.grades] == ["fill", "pick", "calc"]
    assert report.grades[0].raw == 1 and report.grades[1].raw == 0
    assert not report.grades[2].answered
    assert report.score == 10 and report.points == 30
    assert session.questions[0].seconds == 100
    assert session.questions[1].seconds == 500  # open until the deadline, not beyond
    assert not session.poll()  # only once


def test_late_answers_are_refused_after_the_deadline():
    clock = FakeClock()
    session = _exam(clock, limit=60)
    session.answer("pick", {"selected": ["a", "c"]})
    clock.now += 61  # no poll happened in between (the app was busy)
    with pytest.raises(SessionError) as info:
        session.answer("pick", {"selected": ["b"]})
    assert info.value.code == "time-up"
    assert session.report.timed_out
    assert session.report.grades[1].raw == 1  # the answer given in time counts
    with pytest.raises(SessionError) as info:
        session.answer("pick", {"selected": ["b"]})
    assert info.value.code == "submitted"


def test_exam_gives_no_feedback_before_submission_and_all_of_it_after():
    clock = FakeClock()
    session = _exam(clock)
    session.answer("pick", {"selected": ["a", "c"]})
    with pytest.raises(SessionError) as info:
        session.check("pick")
    assert info.value.code == "no-checking"
    report = session.submit()
    assert not report.timed_out
    assert session.check("pick").raw == 1
    with pytest.raises(SessionError):
        session.submit()


def test_practice_checks_at_once_and_hints_cost_points():
    session = Session(load(HANDSHAKE_FILL).exercises, seeds=[9], clock=FakeClock(), now=stamps())
    hint = session.hint("fill")
    assert hint.text["en"] == "hint"
    with pytest.raises(SessionError):
        session.hint("fill")
    session.answer("fill", _fill_answer(session))
    result = session.check("fill")
    assert result.raw == 1 and result.score == 7.5
    with pytest.raises(SessionError):
        session.answer("nope", {})


def test_answer_file_of_a_session():
    clock = FakeClock()
    session = _exam(clock)
    session.focus("pick")
    clock.now += 42
    session.answer("pick", {"selected": ["a"]})
    session.submit()
    answers = session.answer_file()
    assert answers.student == "Li Lei" and answers.mode == "exam"
    assert [(a.exercise, a.seed) for a in answers.answers] == [("fill", 1), ("pick", 2), ("calc", 3)]
    assert answers.answers[1].seconds == 42 and answers.answers[1].answer == {"selected": ["a"]}
    assert answers.exercises_digest == session.exercise_set.digest


def test_random_draw_is_reproducible_and_filtered():
    exercise_set = load(HANDSHAKE_FILL, CHOICE, CALC)
    first = draw(exercise_set, 2, seed=7)
    assert [e.id for e in first[0]] == [e.id for e in draw(exercise_set, 2, seed=7)[0]]
    assert first[1] == draw(exercise_set, 2, seed=7)[1]
    only = draw(exercise_set, 5, seed=1, topics={"timing"})
    assert [e.id for e in only[0]] == ["calc"]


# ---- history ------------------------------------------------------------------------------

def test_history_survives_reopening_and_ranks_weakest_topics_first(tmp_path):
    path = tmp_path / "data" / "history.sqlite3"
    clock = FakeClock()
    session = _exam(clock)
    session.answer("fill", _fill_answer(session))  # handshake: right
    session.answer("pick", {"selected": ["b"]})  # time-wait: wrong
    session.answer("calc", {"value": 1})  # timing: wrong
    report = session.submit()
    with History(path) as history:
        history.record_report(report, "exam")
    with History(path) as history:  # a restart: a new connection to the same file
        assert history.session_count() == 1
        attempts = history.attempts()
        assert [(a.exercise, a.score) for a in attempts] == [("fill", 10), ("pick", 0), ("calc", 0)]
        stats = history.topic_stats()
        assert [s.topic for s in stats] == ["time-wait", "timing", "handshake"]
        assert stats[-1].ratio == 1 and stats[0].attempts == 1
        ex = load(CHOICE).exercises[0]
        from trainer.practice.grading import grade

        right = grade(ex, 4, {"selected": ["a", "c"]})
        history.record_session("practice", None, "2025-02-01T00:00:00+00:00", [(ex, right, 12.0)])
    with History(path) as history:
        assert history.scores_over_time("time-wait") == [
            (report.submitted, 0.0), ("2025-02-01T00:00:00+00:00", 1.0)]
        assert [s.topic for s in history.topic_stats()][:2] == ["timing", "time-wait"]
    rows = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()
    assert rows == (1,)


def test_history_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError):
        History(path)


def test_default_history_path_follows_the_platform():
    assert default_path({"HOME": "/home/u"}, "linux").as_posix() == \
        "/home/u/.local/share/TCP Trainer/history.sqlite3"
    assert default_path({"HOME": "/home/u", "XDG_DATA_HOME": "/x"}, "linux").as_posix() == \
        "/x/TCP Trainer/history.sqlite3"
    assert default_path({"HOME": "/Users/u"}, "darwin").as_posix() == \
        "/Users/u/Library/Application Support/TCP Trainer/history.sqlite3"
    assert default_path({"HOME": "C:/Users/u", "APPDATA": "C:/Users/u/AppData/Roaming"},
                        "win32").as_posix().endswith("Roaming/TCP Trainer/history.sqlite3")


def test_instances_are_independent_of_sessions():
    ex = load(HANDSHAKE_FILL).exercises[0]
    session = Session([ex], seeds=[5], clock=FakeClock(), now=stamps())
    assert session.questions[0].instance.values == instantiate(ex, 5).values
