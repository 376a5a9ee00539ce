"""An opened workspace: the database engine, session factory, vault and acting user.

Built once by the launcher (``main.py``) or the CLI and passed down; there is no global.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import URL, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from verifier.errors import ConfigurationError, StorageError
from verifier.permissions import Access
from verifier.settings import Settings
from verifier.storage.audit import AnchorFile, AuditWriter, serialize_writers
from verifier.storage.database import (
    SQLITE_BEGIN_OPTION,
    SchemaState,
    connection_error,
    create_database_engine,
    display_url,
    migrate,
    parse_database_url,
    read_schema_state,
)
from verifier.storage.unit_of_work import UnitOfWork, resolve_access
from verifier.storage.vault import Vault

log = logging.getLogger(__name__)


def prepare_folder(settings: Settings) -> None:
    """Create the workspace folder, or explain why it cannot be used."""
    folder = settings.workspace
    if folder.exists() and not folder.is_dir():
        raise ConfigurationError(f"The workspace {folder} is a file, not a folder. Choose another path.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"Cannot create the workspace folder {folder}: {exc.strerror}.") from exc
    if not os.access(folder, os.W_OK):
        raise ConfigurationError(f"The workspace folder {folder} is not writable by this user.")


@dataclass(frozen=True)
class WorkspaceInfo:
    """What ``verifier info`` prints."""

    workspace: str
    database: str
    backend: str
    schema: str
    user: str
    vault: str


class Workspace:
    """The core's composition root for one workspace."""

    def __init__(self, settings: Settings, url: URL, engine: Engine, schema: SchemaState) -> None:
        self.settings = settings
        self.url = url
        self.engine = engine
        self.schema = schema
        self.vault = Vault(settings.vault_dir)
        self.vault.ensure()
        self.vault.remove_stale_incoming()  # what an import killed half-way left behind
        self.user = settings.user
        self._read_sessions = sessionmaker(engine, expire_on_commit=False)
        write_bind = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        serialize_writers(engine, SQLITE_BEGIN_OPTION)  # PostgreSQL's counterpart of BEGIN IMMEDIATE
        self._write_sessions = sessionmaker(write_bind, expire_on_commit=False)
        database_id = hashlib.sha256(display_url(url).encode("utf-8")).hexdigest()[:16]
        self.anchors = AnchorFile(settings.anchor_file, database_id)

    @classmethod
    def open(cls, settings: Settings, *, upgrade: bool = True) -> Workspace:
        """Open (creating if needed) the workspace folder and database, migrating the schema.

        Raises:
            ConfigurationError: the folder or URL cannot be used.
            SchemaTooNew: the database comes from a newer app version.
            StorageError: the database server cannot be reached.
        """
        prepare_folder(settings)
        url = parse_database_url(settings.effective_database_url)
        engine = create_database_engine(url)
        try:
            schema = migrate(engine, settings.backup_dir) if upgrade else read_schema_state(engine)
        except BaseException:
            engine.dispose()
            raise
        log.info("Opened workspace %s on %s as %s", settings.workspace, display_url(url), settings.user)
        return cls(settings, url, engine, schema)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """One user action: a write transaction with audit and vault; commits on success."""
        uow: UnitOfWork | None = None
        try:
            with self._write_sessions() as session, session.begin():
                uow = UnitOfWork(
                    session, AuditWriter(session, self.user), self.vault, self.user, self.settings.cache_dir
                )
                yield uow
        except (OperationalError, DBAPIError) as exc:
            raise self._storage_error(exc) from exc
        if uow is not None and uow.audit.written:
            self.anchors.append(*uow.audit.written[-1])

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look at the database (one consistent transaction)."""
        try:
            with self._read_sessions() as session, session.begin():
                resolve_access(session, self.user)  # an unknown or deactivated user reads nothing
                yield session
                session.rollback()
        except (OperationalError, DBAPIError) as exc:
            raise self._storage_error(exc) from exc

    def access(self) -> Access:
        """The acting user's role here (None in a solo workspace), for the status bar and checks.

        Raises:
            PermissionDenied: the user is unknown to or deactivated in the team.
        """
        with self.reading() as session:
            return resolve_access(session, self.user)

    def _storage_error(self, exc: DBAPIError) -> StorageError:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        if "locked" in message or "could not connect" in message or "connection" in message.lower():
            return connection_error(self.url, exc)
        return StorageError(f"The database {display_url(self.url)} refused the change: {message}.")

    def checkpoint(self) -> None:
        """Fold SQLite's write-ahead log into the database and empty it.

        After a shred, the old key ring's pages would otherwise linger in the -wal file until
        the next automatic checkpoint; with secure_delete on, this leaves no copy on disk.
        """
        if self.url.get_backend_name() != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def info(self) -> WorkspaceInfo:
        return WorkspaceInfo(
            workspace=str(self.settings.workspace),
            database=display_url(self.url),
            backend=self.url.get_backend_name(),
            schema=self.schema.current or "",
            user=self.user,
            vault=str(self.vault.root),
        )
