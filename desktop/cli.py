"""`vschool-crm`: the application (no sub-command, or `app`), `demo`, the headless sync commands and the local
stand-in. Nothing here imports Qt at module level, so the headless sub-commands start fast and run on
machines without a display."""

from __future__ import annotations

import argparse
import sys
from importlib import metadata

from desktop.app_arguments import add_arguments


def _devserver(argv: list[str]) -> int:
    try:
        from devserver.cli import main as devserver_main
    except ImportError:
        print("The local Supabase stand-in is not part of this installation "
              "(it ships with the source tree: pip install -e '.[devserver]').", file=sys.stderr)
        return 2
    return devserver_main(argv)


def main(argv: list[str] | None = None) -> int:
    from sync import cli as sync_cli

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="vschool-crm", description="VSchool CRM for the school's sales staff.")
    # From the installed package's metadata, which the installer spec copies into the frozen folder.
    parser.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('vschool-crm')}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    app = commands.add_parser("app", help="open the application (the default)")
    add_arguments(app)
    demo = commands.add_parser("demo", help="the application on the local stand-in with demo data")
    add_arguments(demo)
    sync_cli.add_commands(commands)
    commands.add_parser("devserver", help="run the local Supabase stand-in with demo data", add_help=False)
    if argv[:1] == ["devserver"]:
        return _devserver(argv[1:])
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["app", *argv]
    args = parser.parse_args(argv)
    if args.command == "app":
        from desktop import app as application

        return application.run(args)
    if args.command == "demo":
        from desktop import demo as demo_launcher

        return demo_launcher.run(args)
    return sync_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
