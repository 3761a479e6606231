"""`vschool-crm`: one command with sub-commands. Nothing here imports Qt at module level, so the headless
sub-commands start fast and run on machines without a display."""

from __future__ import annotations

import argparse
import sys


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sync_cli.add_commands(commands)
    commands.add_parser("devserver", help="run the local Supabase stand-in with demo data", add_help=False)
    if argv[:1] == ["devserver"]:
        return _devserver(argv[1:])
    args = parser.parse_args(argv)
    return sync_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
