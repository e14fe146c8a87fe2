"""Small exercise files for the practice tests."""

from __future__ import annotations

from trainer.practice.loader import loads_exercises
from trainer.practice.sealing import canonical_choice, canonical_number, seal

HEAD = 'format = "tcp-trainer-exercises"\nversion = 1\n'
TEXT = '{zh_CN = "中文", en = "English"}'


def exercise(body: str, kind: str, ex_id: str = "ex", topics: str = '["handshake"]') -> str:
    """One ``[[exercise]]`` table with the common keys filled in and ``body`` appended."""
    return (f'\n[[exercise]]\nid = "{ex_id}"\nkind = "{kind}"\ntopics = {topics}\n'
            f"title = {TEXT}\nprompt = {TEXT}\n" + body)


def load(*exercises: str, **kwargs):
    return loads_exercises(HEAD + "".join(exercises), "test.toml", **kwargs)


def sealed_choice(ex_id: str, ids, salt: str = "0" * 32) -> str:
    return seal(ex_id, canonical_choice(ids), salt)


def sealed_number(ex_id: str, value: float, decimals: int = 0, salt: str = "0" * 32) -> str:
    return seal(ex_id, canonical_number(value, decimals), salt)


HANDSHAKE_FILL = exercise("""trace = '''
host A client
host B server
0.000 A>B SYN seq={isn} @0.050          [B:?state_b]
0.050 B>A SYN,ACK seq=500 ack=?ack2 @0.100
0.100 A>B ACK seq=?seq3 ack=501 @0.150
'''
[exercise.params]
isn = {min = 100, max = 100000}
[[exercise.hints]]
text = {zh_CN = "提示", en = "hint"}
penalty = 0.25
""", "fill-in", "fill")

CHOICE = exercise(f"""multiple = true
key = "{sealed_choice('pick', ['a', 'c'])}"
[[exercise.options]]
id = "a"
text = {TEXT}
feedback = {{zh_CN = "甲", en = "about a"}}
[[exercise.options]]
id = "b"
text = {TEXT}
[[exercise.options]]
id = "c"
text = {TEXT}
""", "choice", "pick", '["time-wait"]')

CALC = exercise("""answer = "3 * rtt + 2 * msl * 1000"
unit = {zh_CN = "毫秒", en = "ms"}
[exercise.params]
rtt = {choices = [10, 20]}
msl = {choices = [30, 60]}
""", "calculate", "calc", '["timing"]')
