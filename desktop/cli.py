"""`vschool-crm`: the application (no sub-command, or `app`), `demo`, the headless sync commands and the local
stand-in. Nothing here imports Qt at module level, so the headless sub-commands start fast and run on
machines without a display; and the application's own start never imports the headless commands (sync/cli.py
brings rich and the sync engine with it, about a quarter of a second the window would wait for)."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import Any

from desktop.app_arguments import add_arguments

WINDOW_COMMANDS = ("app", "demo")


class _Version(argparse.Action):
    """--version, read from the installed package's metadata (which the installer spec copies into the frozen
    folder) only when asked: importlib.metadata is not free, and every start would pay for it."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str = "show the program's version number and exit") -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from importlib import metadata

        print(f"{parser.prog} {metadata.version('vschool-crm')}")
        parser.exit()


def _devserver(argv: list[str]) -> int:
    try:
        from devserver.cli import main as devserver_main
    except ImportError:
        print("The local Supabase stand-in is not part of this installation "
              "(it ships with the source tree: pip install -e '.[devserver]').", file=sys.stderr)
        return 2
    return devserver_main(argv)


def load_qt() -> None:
    """Import PySide6 for the window, without the import hook it installs for `__feature__`.

    PySide6 puts a function of its own in place of `__import__` that, for each module imported after it, reads
    the module's whole source to see whether it names PySide6 (so that `from __feature__ import snake_case` could
    apply to it). This program uses no `__feature__`, and its window imports some 120 modules before its first
    frame: reading their sources took 18 ms of a 0.31 s start (bench/app_bench.py's child, median of 31). The
    hook keeps the import it replaced as `builtins.__orig_import__` (PySide's own documentation of `__feature__`
    says so); that import (PySide's lazy loading of classes, for `import *`) goes back in place. Called before any
    other module of the window is imported: a later call would miss the modules already read."""
    import builtins

    import PySide6.QtCore  # noqa: F401  (the import that installs the hook)

    if getattr(builtins.__import__, "__name__", "") == "__feature_import__" and hasattr(builtins, "__orig_import__"):
        builtins.__import__ = builtins.__orig_import__


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["devserver"]:
        return _devserver(argv[1:])
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["app", *argv]
    parser = argparse.ArgumentParser(prog="vschool-crm", description="VSchool CRM for the school's sales staff.")
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    app = commands.add_parser("app", help="open the application (the default)")
    add_arguments(app)
    demo = commands.add_parser("demo", help="the application on the local stand-in with demo data")
    add_arguments(demo)
    if argv[0] not in WINDOW_COMMANDS:  # a headless command, the overall --help, or a mistyped command
        from sync import cli as sync_cli

        sync_cli.add_commands(commands)
    commands.add_parser("devserver", help="run the local Supabase stand-in with demo data", add_help=False)
    args = parser.parse_args(argv)
    if args.command in WINDOW_COMMANDS:
        # The window's start allocates some hundred thousand objects (modules, functions, Qt's enums) and
        # hardly a cycle: the automatic collector would walk them over and over before the first frame (the
        # lower quartile of a whole start, bench/app_bench.py's child: 417 -> 397 ms). The window's own
        # collector (desktop/collector.py) takes over.
        gc.disable()
        load_qt()
    if args.command == "app":
        from desktop import app as application

        return application.run(args)
    if args.command == "demo":
        from desktop import demo as demo_launcher

        return demo_launcher.run(args)
    from sync import cli as sync_cli

    return sync_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
