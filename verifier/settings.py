"""Settings of the core, declared once with their defaults and where they come from.

Precedence: command-line flag, then environment variable, then default. The GUI keeps its own
presentation preferences in QSettings (``ui/settings.py``); what the core needs is here.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "source-verifier"
ENV_HOME = "VERIFIER_HOME"
ENV_DB = "VERIFIER_DB"
ENV_USER = "VERIFIER_USER"
ENV_NEWSROOM = "VERIFIER_NEWSROOM"
DATABASE_FILE = "workspace.db"


def default_workspace() -> Path:
    """The per-user data folder, e.g. ``~/.local/share/source-verifier`` on Linux."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, as in some containers
        return "unknown"


@dataclass(frozen=True)
class Settings:
    """What the core needs to open a workspace.

    Attributes:
        workspace: folder holding the SQLite database (by default), the vault, logs and caches.
        database_url: a SQLAlchemy URL; empty means SQLite in the workspace folder.
        user: the name recorded in the audit log for every action.
        newsroom: the organisation named as author of published reviews.
    """

    workspace: Path
    database_url: str = ""
    user: str = "unknown"
    newsroom: str = ""

    @classmethod
    def resolve(
        cls,
        *,
        workspace: str | Path | None = None,
        database_url: str | None = None,
        user: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Settings from explicit values, else the environment, else the defaults."""
        env = os.environ if environ is None else environ
        folder = workspace or env.get(ENV_HOME) or default_workspace()
        return cls(
            workspace=Path(folder).expanduser(),
            database_url=database_url if database_url is not None else env.get(ENV_DB, ""),
            user=user or env.get(ENV_USER) or _default_user(),
            newsroom=env.get(ENV_NEWSROOM, ""),
        )

    @property
    def effective_database_url(self) -> str:
        """The URL actually used: the configured one or the workspace's SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.workspace / DATABASE_FILE).resolve()}"

    @property
    def vault_dir(self) -> Path:
        return self.workspace / "vault"

    @property
    def log_dir(self) -> Path:
        return self.workspace / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.workspace / "backups"

    @property
    def cache_dir(self) -> Path:
        return self.workspace / "cache"

    @property
    def anchor_file(self) -> Path:
        return self.workspace / "audit-anchors.jsonl"
