"""Route Qt's own messages (qWarning, qCritical...) into Python logging (qutebrowser ``qtlog.py``).

Without this, Qt prints warnings to stderr where nobody sees them, and they never reach the
log file a user sends with a bug report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], None]

# Warnings that say nothing about the app: the offscreen platform (screenshots, CI) cannot pass
# window size hints to a window system it does not have. Logged at debug level only.
HARMLESS = ("This plugin does not support propagateSizeHints()",)


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Log one Qt message under ``qt.<category>`` (e.g. ``qt.qpa.fonts``)."""
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    where = f" ({context.file}:{context.line})" if context.file else ""
    level = logging.DEBUG if message in HARMLESS else _LEVELS.get(kind, logging.WARNING)
    logger.log(level, "%s%s", message, where)


def install() -> MessageHandler | None:
    """Install the handler; returns the previous one so a caller can restore it."""
    return qInstallMessageHandler(qt_message_handler)
