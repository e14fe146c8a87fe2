"""A small exercise set with one exercise of each kind and known answers, for the practice GUI
tests (imported by the other ``test_practice*`` modules), and the helpers they share."""

from __future__ import annotations

from pathlib import Path

import pytest

EXERCISES = '''
format = "tcp-trainer-exercises"
version = 1

[set]
id = "gui-tests"
title = {zh_CN = "界面测试", en = "GUI tests"}
time_limit = 10

[[exercise]]
id = "fill"
kind = "fill-in"
topics = ["handshake", "seq-numbers"]
title = {zh_CN = "握手的确认号", en = "Acks of the handshake"}
prompt = {zh_CN = "填写确认号和 B 的状态。", en = "Fill in the acks and B's state."}
explanation = {zh_CN = "SYN 占一个序号。", en = "A SYN takes one sequence number."}
trace = """
host A client
host B server
0.000 A>B SYN seq=100 @0.050                 [B:?state_b]
0.050 B>A SYN,ACK seq=300 ack=?ack2 @0.100
0.100 A>B ACK seq=101 ack=?ack3 @0.150
"""

[[exercise.hints]]
text = {zh_CN = "SYN 占一个序号。", en = "A SYN takes one sequence number."}
penalty = 0.25

[[exercise]]
id = "bug"
kind = "find-the-bug"
topics = ["states"]
title = {zh_CN = "一处状态错误", en = "One wrong state"}
prompt = {zh_CN = "找出错误。", en = "Find the mistake."}
bugs = 1
rules = ["ack-not-next", "claim-mismatch"]
trace = """
host A client
host B server
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100    [B:ESTABLISHED]
0.100 A>B ACK seq=101 ack=301 @0.150
"""

[[exercise]]
id = "predict"
kind = "predict-next"
topics = ["handshake", "states"]
title = {zh_CN = "下一步", en = "What comes next"}
prompt = {zh_CN = "逐步预测。", en = "Predict step by step."}
trace = """
host A client
host B server
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
"""

[[exercise.checkpoints]]
event = 1
ask = "state"
host = "B"

[[exercise.checkpoints]]
event = 2
ask = "segment"
distractors = ["B>A SYN,ACK seq=300 ack=100"]

[[exercise]]
id = "build"
kind = "build"
topics = ["handshake"]
title = {zh_CN = "画出握手", en = "Draw the handshake"}
prompt = {zh_CN = "画出三次握手。", en = "Draw a three-way handshake."}
start = """
host A client
host B server
"""

[[exercise.require]]
rule = "passes-through"
host = "B"
state = "SYN-RECEIVED"

[[exercise.require]]
rule = "ends-in"
host = "A"
state = "ESTABLISHED"

[[exercise]]
id = "calc"
kind = "calculate"
topics = ["timing"]
title = {zh_CN = "两个 RTT", en = "Two RTTs"}
prompt = {zh_CN = "RTT = {rtt} ms，两个 RTT 是多少毫秒？", en = "RTT = {rtt} ms. How many ms are two RTTs?"}
unit = {zh_CN = "毫秒", en = "ms"}
answer = "2 * rtt"

[exercise.params]
rtt = 30

[[exercise]]
id = "pick"
kind = "choice"
topics = ["time-wait"]
title = {zh_CN = "谁进入 TIME-WAIT", en = "Who enters TIME-WAIT"}
prompt = {zh_CN = "哪一方进入 TIME-WAIT？", en = "Which side enters TIME-WAIT?"}
answer = "b"

[[exercise.options]]
id = "a"
text = {zh_CN = "后关闭的一方", en = "The side that closes second"}
feedback = {zh_CN = "它经过 LAST-ACK。", en = "It passes through LAST-ACK."}

[[exercise.options]]
id = "b"
text = {zh_CN = "先关闭的一方", en = "The side that closes first"}
feedback = {zh_CN = "它在收到对方的 FIN 时进入 TIME-WAIT。", en = "It enters TIME-WAIT on the peer's FIN."}

[[exercise.options]]
id = "c"
text = {zh_CN = "双方都进入", en = "Both sides"}
'''

HANDSHAKE_TEXT = """host A client
host B server

0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
"""


def write_exercises(folder: Path) -> Path:
    """The set above, sealed (the choice key hashed), as a file in ``folder``."""
    from trainer.practice.authoring import seal_text

    sealed, count = seal_text(EXERCISES, "gui-tests.toml")
    assert count == 1 and 'answer = "b"' not in sealed
    path = folder / "gui-tests.toml"
    path.write_text(sealed, encoding="utf-8")
    return path


def load_set(folder: Path):
    from trainer.practice.loader import load_exercises

    return load_exercises(write_exercises(folder))


def sources_for(folder: Path):
    """Exercise sources holding only the test set (no built-in pack)."""
    from trainer.gui.practice.sources import Sources

    sources = Sources()
    sources.add_file(write_exercises(folder))
    return sources


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_the_fixture_set_loads_with_every_kind(tmp_path):
    exercise_set = load_set(tmp_path)
    assert [e.kind for e in exercise_set.exercises] == [
        "fill-in", "find-the-bug", "predict-next", "build", "calculate", "choice"]
    assert exercise_set.time_limit == 10


@pytest.fixture
def exercise_set(tmp_path):
    return load_set(tmp_path)
