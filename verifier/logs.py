"""Logging set-up shared by the CLI and the GUI: a rotating file in the workspace, and stderr.

Secrets never reach a log because they never reach a log call: sealed values travel as
``verifier.sealing`` secrets whose ``str()`` is a placeholder. The filter below is a second line:
it drops any record whose arguments carry an object marked ``__never_log__``.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "verifier.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class NeverLogFilter(logging.Filter):
    """Replaces the message of a record that would format a never-log object."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if any(getattr(arg, "__never_log__", False) for arg in args if arg is not None):
            record.msg = "[record withheld: it referred to a sealed value]"
            record.args = ()
        return True


def configure_logging(log_dir: Path | None, *, stderr_level: int = logging.WARNING) -> Path | None:
    """Send the root logger to a rotating file (if a folder is given) and to stderr.

    Returns:
        The log file path, or None when no file could be opened (then only stderr is used).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        if getattr(handler, "_verifier_handler", False):
            root.removeHandler(handler)
            handler.close()
    stream = logging.StreamHandler()
    stream.setLevel(stderr_level)
    stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handlers: list[logging.Handler] = [stream]
    log_file: Path | None = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / LOG_FILE
            rotating = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
            rotating.setLevel(logging.INFO)
            rotating.setFormatter(logging.Formatter(_FORMAT))
            handlers.append(rotating)
        except OSError as exc:
            logging.getLogger(__name__).warning("Cannot write the log file in %s: %s", log_dir, exc)
            log_file = None
    for handler in handlers:
        handler.addFilter(NeverLogFilter())
        handler._verifier_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # Library chatter stays out of the user's terminal.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file
