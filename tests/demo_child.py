"""`vschool-crm demo` as `make demo` runs it, on a port and a data folder of the test's own (and no demo data,
so it starts in seconds), saying on its own line when the window is up, so a test can kill it then.

    python -m tests.demo_child PORT DATA_DIR
"""

from __future__ import annotations

import argparse
import sys

from desktop import app, demo
from desktop.app_arguments import add_arguments


def main() -> int:
    port, data_dir = sys.argv[1], sys.argv[2]
    url = f"http://127.0.0.1:{port}"
    app.DEMO_URL = url  # the demo signs in where this stand-in listens
    start = app.Application.start

    def start_and_say(self: app.Application) -> None:
        start(self)
        print("WINDOW SHOWN", flush=True)

    app.Application.start = start_and_say  # type: ignore[method-assign]
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return demo.run(parser.parse_args([]), url=url,
                    standin_args=["--port", port, "--data-dir", data_dir, "--dataset", "none"])


if __name__ == "__main__":
    sys.exit(main())
