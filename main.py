"""Launcher of the Source Verifier desktop app (the ``source-verifier`` command).

Thin on purpose: parse the command line, resolve the core's settings, configure logging, and
hand over to ``ui.app.run``. Qt is imported only after the arguments are parsed, so ``--help``
and argument errors are instant and need no display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from verifier import __version__
from verifier.demo import demo_settings
from verifier.logs import configure_logging
from verifier.settings import ENV_DB, ENV_HOME, ENV_USER, Settings


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line of the desktop app."""
    parser = argparse.ArgumentParser(
        prog="source-verifier",
        description="Verify testimony and photos from the field without exposing anonymous sources.",
    )
    parser.add_argument(
        "--workspace", metavar="DIR", help=f"workspace folder (default: ${ENV_HOME} or the user data folder)"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"SQLAlchemy database URL, e.g. postgresql+psycopg://host/db (default: ${ENV_DB})",
    )
    parser.add_argument(
        "--user", metavar="NAME", help=f"name recorded in the audit log (default: ${ENV_USER})"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the separate demo workspace, building the demo case there if it is missing",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="render the main window to this PNG once the data is shown, then exit (offscreen use)",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        choices=["ar", "ckb", "en", "system"],
        help="interface language, remembered for later runs: ar (Arabic), ckb (Central Kurdish), "
        "en (English) or system (the desktop's language, the default)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print debug messages on stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit code."""
    args = parse_args(argv)
    settings = Settings.resolve(workspace=args.workspace, database_url=args.db, user=args.user)
    if args.demo:
        settings = demo_settings(settings)
    log_file = configure_logging(
        settings.log_dir, stderr_level=logging.DEBUG if args.verbose else logging.WARNING
    )

    from ui import app  # Qt loads here, after the cheap part succeeded

    return app.run(
        settings, demo=args.demo, screenshot=args.screenshot, log_file=log_file, language=args.lang
    )


if __name__ == "__main__":
    sys.exit(main())
