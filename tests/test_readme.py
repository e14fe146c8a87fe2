"""README.md and README.zh_CN.md: every relative link and image exists, the two have the same
sections and link to each other, and the commands they show run as shown.

The commands run in a temporary folder (with ``tests`` linked to the repository's, for the
sample capture), ``tcp-trainer`` being ``python -m trainer``; outputs the READMEs quote are
compared with what the commands print.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
READMES = {"en": REPO / "README.md", "zh_CN": REPO / "README.zh_CN.md"}

#: Commands both READMEs show, in the order they are run here, with their exit codes.
COMMANDS = [
    ("tcp-trainer scenarios", 0),
    ("tcp-trainer show rfc9293-fig6-basic-handshake > mine.tcpt", 0),
    ("tcp-trainer check mine.tcpt", 0),
    ("tcp-trainer check mine.tcpt --lang zh_CN", 0),
    ("tcp-trainer check mine.tcpt --json", 0),
    ("tcp-trainer render mine.tcpt -o mine.png --lang zh_CN", 0),
    ("tcp-trainer check tests/capture/data/veth_lost_fin.pcap", 0),
    ("tcp-trainer check tests/capture/data/veth_lost_fin.pcap --connection 0", 0),
    ("tcp-trainer import tests/capture/data/veth_lost_fin.pcap --connection 0 -o lost-fin.tcpt", 0),
    ("tcp-trainer exercise seal my-exercises.toml", 0),
    ("tcp-trainer exercise validate my-exercises.toml", 0),
    ("tcp-trainer exercise export my-exercises.toml --moodle-xml -o quiz.xml", 0),
    ("tcp-trainer grade my-exercises.toml answers/ --csv results.csv", 0),
]

_FENCE = re.compile(r"^(```|~~~)\s*(\S*)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"<(?:img|a)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.I)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _read(lang: str) -> str:
    return READMES[lang].read_text(encoding="utf-8")


def _split(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines outside fenced code blocks, [(info string, body) of each fenced block])."""
    prose: list[str] = []
    blocks: list[tuple[str, str]] = []
    fence = info = None
    body: list[str] = []
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence, info, body = match.group(1), match.group(2), []
        elif fence is not None and line.startswith(fence):
            blocks.append((info, "\n".join(body)))
            fence = None
        elif fence is not None:
            body.append(line)
        else:
            prose.append(line)
    assert fence is None, "a code block is not closed"
    return prose, blocks


def _prose(lang: str) -> str:
    return _INLINE_CODE.sub("", "\n".join(_split(_read(lang))[0]))


def _relative(target: str) -> bool:
    return not _SCHEME.match(target) and not target.startswith("#")


def _headings(lang: str) -> list[tuple[int, str]]:
    out = []
    for line in _split(_read(lang))[0]:
        match = re.match(r"^(#{2,3}) (.+)$", line)
        if match:
            out.append((len(match.group(1)), match.group(2).strip()))
    return out


def _shell_lines(lang: str) -> list[str]:
    """Every command line of the ``sh`` blocks, without its trailing comment."""
    lines = []
    for info, body in _split(_read(lang))[1]:
        if info == "sh":
            lines += [re.sub(r"\s+#\s.*$", "", line).strip() for line in body.splitlines()]
    return [line for line in lines if line]


def _blocks(lang: str, info: str) -> list[str]:
    return [body for kind, body in _split(_read(lang))[1] if kind == info]


def _example_exercises(lang: str) -> str:
    examples = [b for b in _blocks(lang, "toml") if b.startswith('format = "tcp-trainer-exercises"')]
    assert len(examples) == 1, f"README ({lang}) needs exactly one complete exercise file"
    return examples[0] + "\n"


# ---- links, images, structure ---------------------------------------------------------------

@pytest.mark.parametrize("lang", READMES)
def test_relative_links_and_images_exist(lang):
    prose = _prose(lang)
    targets = _MD_LINK.findall(prose) + _HTML_LINK.findall(prose)
    relative = [t for t in targets if _relative(t)]
    assert len(relative) >= 5, relative
    missing = [t for t in relative if not (REPO / t.split("#")[0]).exists()]
    assert not missing, f"README ({lang}) links to missing files: {missing}"


@pytest.mark.parametrize("lang", READMES)
def test_images_are_png_screenshots(lang):
    prose = _prose(lang)
    images = _MD_IMAGE.findall(prose) + _HTML_IMAGE.findall(prose)
    assert len(images) >= 3, images
    for image in images:
        path = REPO / image
        assert path.parent == REPO / "resources" / "docs" / "screenshots", image
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image


def test_each_readme_shows_the_screenshots_in_its_language():
    """The Chinese README shows the Chinese render wherever the English one shows the English
    render (and the reverse); the side-by-side pair at the top is in both."""
    def images(lang):
        prose = _prose(lang)
        return sorted(Path(p).name for p in _MD_IMAGE.findall(prose) + _HTML_IMAGE.findall(prose))

    def other_language(name: str) -> str:
        if name.endswith("-en.png"):
            return name.removesuffix("-en.png") + "-zh_CN.png"
        return name.removesuffix("-zh_CN.png") + "-en.png"

    assert sorted(other_language(name) for name in images("en")) == images("zh_CN")
    for lang in READMES:
        assert {"main-window-en.png", "main-window-zh_CN.png"} <= set(images(lang))


def test_the_readmes_link_to_each_other_at_the_top():
    assert "(README.zh_CN.md)" in "\n".join(_read("en").splitlines()[:5])
    assert "(README.md)" in "\n".join(_read("zh_CN").splitlines()[:5])


def test_both_readmes_have_the_same_sections():
    en, zh = _headings("en"), _headings("zh_CN")
    assert [level for level, _ in en] == [level for level, _ in zh]
    assert sum(level == 2 for level, _ in en) >= 4
    def command(heading: str) -> str | None:
        match = re.match(r"`[^`]+`", heading)
        return match.group(0) if match else None

    # A heading that starts with a command starts with the same command in both languages.
    for (_, a), (_, b) in zip(en, zh, strict=True):
        assert command(a) == command(b), (a, b)


def test_both_readmes_show_the_same_commands():
    for lang in READMES:
        text = _read(lang)
        for command, _ in COMMANDS:
            assert command in text, f"README ({lang}) does not show: {command}"
    assert _shell_lines("en") == _shell_lines("zh_CN")
    assert _blocks("en", "json") == _blocks("zh_CN", "json")


# ---- the commands --------------------------------------------------------------------------

#: The locale each README's reader is assumed to have: the quoted outputs are in that language.
LOCALES = {"en": "C.UTF-8", "zh_CN": "zh_CN.UTF-8"}


def _env(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
    env.update(LC_ALL=LOCALES[lang], LANG=LOCALES[lang], NO_COLOR="1",
               QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    return env


def _run(command: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess:
    """``command`` as a shell would run it; only ``> FILE`` redirection is used in the READMEs."""
    words = shlex.split(command)
    assert words[0] == "tcp-trainer", command
    out_file = None
    if ">" in words:
        at = words.index(">")
        words, out_file = words[:at], words[at + 1]
    argv = [sys.executable, "-m", "trainer", *words[1:]]
    if out_file is None:
        return subprocess.run(argv, cwd=cwd, env=_env(lang), capture_output=True, text=True,
                              timeout=120)
    with open(cwd / out_file, "w", encoding="utf-8") as out:
        return subprocess.run(argv, cwd=cwd, env=_env(lang), stdout=out,
                              stderr=subprocess.PIPE, text=True, timeout=120)


def _write_answer_file(folder: Path) -> None:
    """What an exam saves: one learner who answered the choice exercise and not the fill-in."""
    from trainer.practice.answers import AnswerFile, AnswerRecord, save
    from trainer.practice.loader import load_exercises

    exercises = load_exercises(folder / "my-exercises.toml")
    (folder / "answers").mkdir()
    save(AnswerFile(student="Li Lei", mode="exam", exercise_set=exercises.id,
                    exercises_digest=exercises.digest,
                    answers=[AnswerRecord("close-who-waits", 7, {"selected": ["a"]}, 0,
                                          seconds=12.5)]),
         folder / "answers" / "li-lei.tcpanswers")


def _quoted_block_after(text: str, marker: str) -> str:
    """The body of the first ``text`` block after the first line containing ``marker``."""
    rest = text[text.index(marker):]
    match = re.search(r"^```text\n(.*?)\n```", rest, re.S | re.M)
    assert match, marker
    return match.group(1)


@pytest.mark.slow
@pytest.mark.parametrize("lang", READMES)
def test_the_commands_run_as_shown(lang, tmp_path):
    readme = _read(lang)
    (tmp_path / "tests").symlink_to(REPO / "tests", target_is_directory=True)
    (tmp_path / "my-exercises.toml").write_text(_example_exercises(lang), encoding="utf-8")
    out = {}
    for command, code in COMMANDS:
        if command.startswith("tcp-trainer grade"):
            _write_answer_file(tmp_path)
        done = _run(command, tmp_path, lang)
        assert done.returncode == code, f"{command}: exit {done.returncode}\n{done.stderr}"
        out[command] = (done.stdout or "").strip()

    assert "rfc9293-fig6-basic-handshake" in out["tcp-trainer scenarios"]
    assert "有效" in out["tcp-trainer check mine.tcpt --lang zh_CN"]
    assert json.loads(out["tcp-trainer check mine.tcpt --json"])["connections"][0]["valid"]
    assert (tmp_path / "mine.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "lost-fin.tcpt").read_text(encoding="utf-8").count(" lost") == 1
    assert (tmp_path / "quiz.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert 'key = "sha256$' in (tmp_path / "my-exercises.toml").read_text(encoding="utf-8")
    # What the README quotes is what the commands print.
    capture = "tcp-trainer check tests/capture/data/veth_lost_fin.pcap"
    assert out[capture] == _quoted_block_after(readme, capture + " ")
    for command in ("tcp-trainer exercise seal my-exercises.toml",
                    "tcp-trainer exercise validate my-exercises.toml"):
        assert re.search(re.escape(command) + r" +# " + re.escape(out[command]) + "$", readme,
                         re.M), f"README ({lang}) should quote: {command}  # {out[command]}"
    csv = (tmp_path / "results.csv").read_text(encoding="utf-8").replace("\r\n", "\n").strip()
    assert csv == _quoted_block_after(readme, "tcp-trainer grade my-exercises.toml")


@pytest.mark.slow
@pytest.mark.parametrize("lang", READMES)
def test_the_edited_trace_fails_as_shown(lang, tmp_path):
    """First steps: ack=100 instead of 101 on the SYN,ACK; the README quotes the step."""
    shown = _run("tcp-trainer show rfc9293-fig6-basic-handshake", tmp_path, lang).stdout
    edited = shown.replace("SYN,ACK seq=300 ack=101", "SYN,ACK seq=300 ack=100")
    assert edited.count("ack=100") == 1
    (tmp_path / "mine.tcpt").write_text(edited, encoding="utf-8")
    done = _run("tcp-trainer check mine.tcpt", tmp_path, lang)
    assert done.returncode == 1
    quoted = _quoted_block_after(_read(lang), "`ack=100`")
    assert quoted
    for line in quoted.splitlines():
        assert line in done.stdout.splitlines(), line


@pytest.mark.parametrize("lang", READMES)
def test_the_example_exercise_file_validates_once_sealed(lang, tmp_path):
    path = tmp_path / "my-exercises.toml"
    path.write_text(_example_exercises(lang), encoding="utf-8")
    draft = _run("tcp-trainer exercise validate my-exercises.toml", tmp_path)
    assert draft.returncode == 2 and "plain text" in draft.stderr  # the answer is not sealed yet
    assert _run("tcp-trainer exercise seal my-exercises.toml", tmp_path).returncode == 0
    done = _run("tcp-trainer exercise validate my-exercises.toml", tmp_path)
    assert done.returncode == 0, done.stderr
