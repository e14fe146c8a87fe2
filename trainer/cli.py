"""The command line: ``tcp-trainer gui | check | import | render | scenarios | show``.

Exit codes: 0 success (a valid trace), 1 the trace has an error finding, 2 the input cannot be
used (unreadable file, format error, unknown scenario, bad arguments), 3 internal error.
Every message goes through ``trainer.i18n``; ``--lang`` overrides the system language.
No traceback reaches the user unless ``TCP_TRAINER_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import unicodedata
from collections import defaultdict

from trainer import __version__
from trainer.i18n.argparse_text import install as install_argparse_language
from trainer.i18n.catalog import render_finding, rfc_label, value_word
from trainer.i18n.locale import SUPPORTED, normalize, resolve
from trainer.i18n.ui_text import UI, role_text, text
from trainer.practice.cli_commands import add_commands as add_practice_commands

PROG = "tcp-trainer"
EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3
DEBUG_ENV = "TCP_TRAINER_DEBUG"


# ---- entry point ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = resolve(_prescan_lang(argv))
    install_argparse_language(lang)
    _tolerant_streams()
    try:
        parser = build_parser(lang)
        argv = _default_to_gui(argv)
        args = parser.parse_args(argv)
        if getattr(args, "lang", None):
            lang = args.lang
        if getattr(args, "run", None) is None:
            parser.print_help()
            return EXIT_OK
        status = args.run(args, lang)
        if sys.stdout is not None:  # None under pythonw / a windowed frozen app
            sys.stdout.flush()  # a closed pipe shows up here, inside the handlers below
        return status
    except KeyboardInterrupt:
        _err(text("error.interrupted", lang))
        return 130
    except BrokenPipeError:
        # The reader went away (``tcp-trainer check x | head``): stop quietly.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        _err(text("error.internal", lang, error=f"{type(exc).__name__}: {exc}"))
        _err(text("error.debug_hint", lang))
        return EXIT_INTERNAL


COMMANDS = ("gui", "check", "import", "render", "scenarios", "show", "exercise", "grade")


def _default_to_gui(argv: list[str]) -> list[str]:
    """``tcp-trainer`` alone, or ``tcp-trainer FILE...``, opens the desktop app."""
    words = [a for i, a in enumerate(argv) if not a.startswith("-") and
             not (i > 0 and argv[i - 1] == "--lang")]
    if any(a in ("-h", "--help", "--version") for a in argv):
        return argv
    if not words:
        return ["gui", *argv]
    first = words[0]
    if first not in COMMANDS and (os.path.exists(first) or first.lower().endswith(_OPENABLE)):
        return ["gui", *argv]
    return argv  # a command, or a typo argparse will point out


_OPENABLE = (".tcpt", ".tcptrace", ".json", ".trace", ".txt", ".pcap", ".pcapng")


def _prescan_lang(argv: list[str]) -> str | None:
    """The ``--lang`` value, read before argparse so that help and errors use it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _tolerant_streams() -> None:
    """On a terminal that cannot show Chinese (``PYTHONIOENCODING=ascii``), print ``?`` rather
    than fail."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# ---- the parser ----------------------------------------------------------------------------

def _lang_type(value: str) -> str:
    found = normalize(value)
    if found is None:
        raise argparse.ArgumentTypeError(f"{value!r}: {' | '.join(SUPPORTED)}")
    return found


def _formatter(lang: str):
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            if prefix is None:
                prefix = text("help.usage", lang)
            return super().add_usage(usage, actions, groups, prefix)

    return Formatter


def _new_parser(factory, lang: str, **kwargs) -> argparse.ArgumentParser:
    parser = factory(formatter_class=_formatter(lang), add_help=False, **kwargs)
    parser._positionals.title = text("help.positionals", lang)
    parser._optionals.title = text("help.options", lang)
    parser.add_argument("-h", "--help", action="help", help=text("help.help", lang))
    # A subcommand repeats --lang; SUPPRESS keeps it from overwriting the global one.
    parser.add_argument("--lang", type=_lang_type, metavar="{zh_CN,en}",
                        default=argparse.SUPPRESS, help=text("help.lang", lang))
    return parser


def add_command(subparsers, lang: str, name: str, help_key: str, run) -> argparse.ArgumentParser:
    """A (sub)command ``name`` under ``subparsers``: the common options, its help text from
    ``help_key`` in ``lang``, and ``run(args, lang)`` to carry it out."""
    sub = _new_parser(subparsers.add_parser, lang, name=name, help=text(help_key, lang),
                      description=text(help_key, lang))
    sub.set_defaults(run=run)
    return sub


def build_parser(lang: str) -> argparse.ArgumentParser:
    parser = _new_parser(argparse.ArgumentParser, lang, prog=PROG,
                         description=text("prog.description", lang),
                         epilog=text("prog.epilog", lang))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help=text("help.version", lang))
    commands = parser.add_subparsers(title=text("help.commands", lang), dest="command",
                                     metavar="COMMAND")

    def command(name: str, help_key: str, run) -> argparse.ArgumentParser:
        return add_command(commands, lang, name, help_key, run)

    gui = command("gui", "help.gui", cmd_gui)
    gui.add_argument("files", metavar="FILE", nargs="*", help=text("help.gui.files", lang))

    check = command("check", "help.check", cmd_check)
    check.add_argument("file", metavar="FILE", help=text("help.check.file", lang))
    check.add_argument("--json", action="store_true", help=text("help.check.json", lang))
    check.add_argument("--connection", type=_connection_type, metavar="N",
                       help=text("help.check.connection", lang))
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help=text("help.color", lang))

    imports = command("import", "help.import", cmd_import)
    imports.add_argument("file", metavar="CAPTURE", help=text("help.import.file", lang))
    imports.add_argument("--connection", type=_connection_type, metavar="N",
                         help=text("help.import.connection", lang))
    imports.add_argument("-o", "--output", required=True, metavar="TRACE.json",
                         help=text("help.import.output", lang))

    render = command("render", "help.render", cmd_render)
    render.add_argument("file", metavar="FILE", help=text("help.render.file", lang))
    render.add_argument("-o", "--output", required=True, metavar="OUT.png",
                        help=text("help.render.output", lang))
    render.add_argument("--size", type=_size_type, default=(1280, 800), metavar="WxH",
                        help=text("help.render.size", lang))

    command("scenarios", "help.scenarios", cmd_scenarios)

    show = command("show", "help.show", cmd_show)
    show.add_argument("name", metavar="NAME", help=text("help.show.name", lang))
    show.add_argument("--format", choices=("text", "json"), default="text",
                      help=text("help.show.format", lang))

    add_practice_commands(commands, lang)  # exercise validate|seal|export, grade
    return parser


def _connection_type(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: 0, 1, 2, ...") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: 0, 1, 2, ...")
    return number


def _size_type(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: WxH, e.g. 1280x800") from None
    if not (320 <= width <= 8192 and 240 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"{value!r}: 320x240 .. 8192x8192")
    return width, height


# ---- gui and render (Qt is imported only here) -------------------------------------------------

def cmd_gui(args: argparse.Namespace, lang: str) -> int:
    from trainer.gui.launch import run_gui

    explicit = getattr(args, "lang", None)
    return run_gui(list(args.files), explicit)


def cmd_render(args: argparse.Namespace, lang: str) -> int:
    from trainer.gui.launch import render_main

    return render_main(args.file, args.output, lang, args.size)


# ---- check and import ----------------------------------------------------------------------

def cmd_import(args: argparse.Namespace, lang: str) -> int:
    from trainer.cli_capture import cmd_import as run

    return run(args, lang, _err)


def cmd_check(args: argparse.Namespace, lang: str) -> int:
    from trainer.cli_capture import cmd_check_capture, is_capture
    from trainer.engine.checker import check
    from trainer.formats.errors import TraceFormatError

    if is_capture(args.file):
        return cmd_check_capture(args, lang, _err, Painter(_use_color(args.color)))
    if args.connection not in (None, 0):
        _err(text("error.no_connection", lang, file=args.file, id=args.connection, count=1, last=0))
        return EXIT_UNUSABLE

    try:
        loaded = _load_trace(args.file)
    except TraceFormatError as exc:
        _err(exc.render(lang))
        return EXIT_UNUSABLE
    except OSError as exc:
        _err(text("error.cannot_read", lang, file=args.file, reason=_os_reason(exc, lang)))
        return EXIT_UNUSABLE
    except UnicodeDecodeError as exc:
        reason = text("error.not_utf8", lang, position=exc.start)
        _err(text("error.cannot_read", lang, file=args.file, reason=reason))
        return EXIT_UNUSABLE

    traces = loaded if isinstance(loaded, (list, tuple)) else [loaded]
    checked = [(trace, check(trace)) for trace in traces]
    if args.json:
        from trainer.report import build_report

        report = build_report(args.file, checked, lang)
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        painter = Painter(_use_color(args.color))
        print(format_check(args.file, checked, lang, painter))
    return EXIT_OK if all(result.valid for _, result in checked) else EXIT_INVALID


def _load_trace(path: str):
    from trainer.formats import load_trace

    # Open it once first so that the commonest problems get a message in the user's language.
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    os.close(os.open(path, os.O_RDONLY))
    return load_trace(path)


def _os_reason(exc: OSError, lang: str) -> str:
    if isinstance(exc, FileNotFoundError):
        return text("error.not_found", lang)
    if isinstance(exc, IsADirectoryError):
        return text("error.is_directory", lang)
    if isinstance(exc, PermissionError):
        return text("error.permission", lang)
    return exc.strerror or str(exc)


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Painter:
    """ANSI colours when enabled, plain text otherwise."""

    CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, value: str, *styles: str) -> str:
        if not self.enabled or not styles or not value:
            return value
        codes = ";".join(self.CODES[s] for s in styles)
        return f"\x1b[{codes}m{value}\x1b[0m"


SEVERITY_STYLE = {"error": ("red", "bold"), "warning": ("yellow",), "info": ("cyan",)}
SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "·"}


def width(value: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else
               0 if unicodedata.combining(ch) else 1 for ch in value)


def pad(value: str, columns: int, shown: str | None = None) -> str:
    """``shown`` (``value`` with colour codes) padded to ``columns`` by ``value``'s width."""
    return (value if shown is None else shown) + " " * max(0, columns - width(value))


def segment_text(seg) -> str:
    parts = [seg.flags.text(), f"seq={seg.seq}"]
    if seg.ack is not None:
        parts.append(f"ack={seg.ack}")
    if seg.length:
        parts.append(f"len={seg.length}")
    if seg.win is not None:
        parts.append(f"win={seg.win}")
    return " ".join(parts)


def describe_event(trace, step, lang: str) -> str:
    """``A → B  SYN seq=100`` for a send, ``B ← A  SYN seq=100`` for its arrival, and the
    call, timeout or crash of a host."""
    event = trace.events[step.event]
    kind = step.kind
    if kind in ("send", "arrive"):
        sender = event.sender
        receiver = "B" if sender == "A" else "A"
        if kind == "send":
            line = f"{sender} → {receiver}  {segment_text(event)}"
            if event.arrive_time is None:
                line += " " + text("event.lost", lang)
            if step.role:
                line += f" [{role_text(step.role, lang)}]"
        else:
            line = f"{receiver} ← {sender}  {segment_text(event)}"
        return line
    if kind == "call":
        line = text("event.call", lang, host=step.host, call=value_word("call", event.call, lang))
        if getattr(event, "nbytes", 0):
            line += " " + text("event.bytes", lang, n=event.nbytes)
        return line
    if kind == "timeout":
        return text("event.timeout", lang, host=step.host, timer=value_word("timer", event.timer, lang))
    return text("event.crash", lang, host=step.host)


def _finding_line(finding, lang: str, names: dict, paint: Painter) -> str:
    severity = finding.severity.value
    style = SEVERITY_STYLE.get(severity, ())
    label = paint(f"{SEVERITY_MARK.get(severity, '-')} {text('severity.' + severity, lang)}", *style)
    sep = "：" if lang == "zh_CN" else ": "
    line = f"{label}{sep}{render_finding(finding, lang, names)}"
    rfc = rfc_label(finding.rfc, lang)
    if rfc:
        line += " " + paint(f"[{rfc}]", "dim")
    return line


def _inferred_line(note: dict, lang: str, names: dict) -> str:
    event = str(note.get("event", ""))
    host = note.get("host")
    params = {
        "host": names.get(host, host or "?"),
        "step": note.get("step", "?"),
        "state": note.get("state", "?"),
        "call": value_word("call", note["call"], lang) if "call" in note else "?",
        "timer": value_word("timer", note["timer"], lang) if "timer" in note else "?",
        "values": ", ".join(f"{k}={v}" for k, v in note.items() if k not in ("host", "event", "step")),
    }
    for extra in ("segment", "frame", "after", "before", "reason"):
        if extra in note:
            params[extra] = note[extra]
    key = f"infer.{event}"
    if f"{key}.{note.get('reason')}" in UI:  # a loss says why it was inferred
        key = f"{key}.{note['reason']}"
    try:
        return text(key, lang, **params)
    except KeyError:
        extra = ", ".join(f"{k}={v}" for k, v in note.items() if k not in ("host", "event"))
        return f"{params['host']}: {event}" + (f" ({extra})" if extra else "")


def format_check(file: str, checked: list, lang: str, paint: Painter) -> str:
    """The human report of ``tcp-trainer check``: one table per connection and a verdict."""
    from trainer.report import display_names

    out = [paint(text("check.file", lang, file=file), "bold")]
    errors = warnings = 0
    for number, (trace, result) in enumerate(checked):
        names = display_names(trace)
        if len(checked) > 1:
            out.append("")
            out.append(paint(text("check.connection", lang, id=number), "bold"))
        out.append("   ".join(text("check.endpoint", lang, letter=h, name=_endpoint_title(trace, h, lang))
                               for h in ("A", "B")))
        out.append("")
        out.extend(_step_table(trace, result, lang, names, paint))
        history = [text("check.history", lang, host=h,
                        states=" → ".join(s.value for s in result.state_history(h)))
                   for h in ("A", "B")]
        out.append("")
        out.append(paint(text("check.history_header", lang), "bold"))
        out.extend("  " + line for line in history)
        if result.inferred:
            out.append("")
            out.append(paint(text("check.inferred", lang), "bold"))
            out.extend("  " + _inferred_line(note, lang, names) for note in result.inferred)
        errors += sum(1 for f in result.findings if f.severity.value == "error")
        warnings += sum(1 for f in result.findings if f.severity.value == "warning")
    counts = {"errors": text("count.errors", lang, n=errors),
              "warnings": text("count.warnings", lang, n=warnings)}
    out.append("")
    if errors:
        out.append(paint(text("verdict.invalid", lang, **counts), "red", "bold"))
    else:
        out.append(paint(text("verdict.valid", lang, **counts), "green", "bold"))
    return "\n".join(out)


def _endpoint_title(trace, host: str, lang: str) -> str:
    """``client (10.0.0.1:40000)``; a host with only a role is called by its role."""
    spec = trace.hosts.get(host)
    if spec is None:
        return host
    role = text(f"role.host.{spec.role}", lang) if f"role.host.{spec.role}" in UI else spec.role
    name = spec.name if spec.name != host else ""  # HostSpec("A") is named "A": no name
    title = name or role or (host if not spec.address else "")
    if spec.address:
        title = f"{title} ({spec.address})" if title else spec.address
    return title


def _step_table(trace, result, lang: str, names: dict, paint: Painter) -> list[str]:
    steps = result.steps
    if not steps:
        return [text("check.no_events", lang)]
    by_step: dict[int, list] = defaultdict(list)
    step_indices = {step.index for step in steps}
    unplaced = []
    for finding in result.findings:
        (by_step[finding.step] if finding.step in step_indices else unplaced).append(finding)

    events = [describe_event(trace, step, lang) for step in steps]
    # Milliseconds suit hand-drawn traces; a capture's microseconds need six places.
    fine = any(abs(step.time * 1000 - round(step.time * 1000)) > 1e-6 for step in steps)
    times = [f"{step.time:.6f}" if fine else f"{step.time:.3f}" for step in steps]
    headers = [text("col.step", lang), text("col.time", lang), text("col.event", lang),
               "A", "B", text("col.transition", lang)]
    w_idx = max(width(headers[0]), len(str(steps[-1].index)))
    w_time = max(width(headers[1]), *(len(t) for t in times))
    w_event = max(width(headers[2]), *(width(e) for e in events))
    w_state = max(len("SYN-RECEIVED *"), width(headers[3]))
    gap = "  "
    lines = [paint(gap.join([pad(headers[0], w_idx), pad(headers[1], w_time), pad(headers[2], w_event),
                             pad(headers[3], w_state), pad(headers[4], w_state), headers[5]]).rstrip(),
                   "bold")]
    indent = " " * (w_idx + w_time + 2 * len(gap))
    previous = result.initial
    for step, time, event in zip(steps, times, events):
        cells = []
        for i in (0, 1):
            state = step.states[i].value
            if step.states[i] is not previous[i]:
                plain = state + " *"
                cells.append(pad(plain, w_state, paint(plain, "bold")))
            else:
                cells.append(pad(state, w_state))
        transition = "+".join(step.transitions)
        row = gap.join([str(step.index).rjust(w_idx), time.rjust(w_time), pad(event, w_event),
                        *cells, transition])
        lines.append(row.rstrip())
        for finding in by_step.get(step.index, ()):
            lines.append(indent + _finding_line(finding, lang, names, paint))
        previous = step.states
    if unplaced:
        lines.append("")
        lines.append(paint(text("check.unplaced", lang), "bold"))
        lines.extend("  " + _finding_line(f, lang, names, paint) for f in unplaced)
    return lines


# ---- scenarios / show ----------------------------------------------------------------------

def cmd_scenarios(args: argparse.Namespace, lang: str) -> int:
    from trainer.scenarios import list_scenarios

    infos = list_scenarios()
    if not infos:
        print(text("scenarios.none", lang))
        return EXIT_OK
    w_name = max(width(text("col.name", lang)), *(width(info.name) for info in infos))
    print(text("scenarios.header", lang))
    print("  " + pad(text("col.name", lang), w_name) + "  " + text("col.title", lang))
    for info in infos:
        print("  " + pad(info.name, w_name) + "  " + info.title_in(lang))
    print()
    print(text("scenarios.hint", lang))
    return EXIT_OK


def cmd_show(args: argparse.Namespace, lang: str) -> int:
    from trainer.scenarios import UnknownScenario, load_scenario, scenario_file

    try:
        path = scenario_file(args.name)
    except UnknownScenario as exc:
        _err(text("error.unknown_scenario", lang, name=exc.name))
        if exc.suggestions:
            _err(text("error.did_you_mean", lang, names=", ".join(exc.suggestions)))
        elif exc.available:
            _err(text("error.available", lang, names=", ".join(exc.available)))
        return EXIT_UNUSABLE
    if args.format == "text":
        source = path.read_text(encoding="utf-8")
        sys.stdout.write(source if source.endswith("\n") else source + "\n")
        return EXIT_OK
    from trainer.formats import dumps_json

    sys.stdout.write(dumps_json(load_scenario(args.name)))
    return EXIT_OK
