"""Opening the workspace database: URL checks, engine set-up, schema migration.

SQLite is the embedded default; PostgreSQL (psycopg 3) serves a newsroom team. Both are opened
the same way and migrated by Alembic on open.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from verifier.errors import ConfigurationError, SchemaTooNew, StorageError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Execution option read by the "begin" hook: write transactions take SQLite's write lock at
# BEGIN, so two writers wait for each other (busy timeout) instead of failing half-way.
SQLITE_BEGIN_OPTION = "sqlite_begin"


def parse_database_url(raw: str) -> URL:
    """Check a database URL and normalise its driver.

    Raises:
        ConfigurationError: not a URL, or a scheme other than sqlite or postgresql.
    """
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConfigurationError(
            f"'{raw}' is not a database URL. Use sqlite:///PATH/TO/FILE.db or "
            "postgresql://USER@HOST:PORT/DATABASE."
        ) from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise ConfigurationError(
                "An in-memory SQLite database cannot hold a workspace: give a file, as in sqlite:///case.db."
            )
        return url.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    raise ConfigurationError(
        f"Unsupported database URL scheme '{url.drivername}' in {url.render_as_string(hide_password=True)}: "
        "Source Verifier works with sqlite:/// (one person) or postgresql:// (a team)."
    )


def display_url(url: URL) -> str:
    """The URL as shown to users and written to logs: never with its password."""
    return url.render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook emit BEGIN itself (pysqlite's own handling is too lazy).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("SQLite refused WAL mode (got %s); concurrent readers will wait", mode)
            # WAL with synchronous=FULL: a committed transaction survives power loss, not just a
            # crash of the app. Evidence and audit records are worth the extra fsync.
            cursor.execute("PRAGMA synchronous = FULL")
            # Deleted content (a shredded key ring, say) is overwritten, not left in free pages.
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def create_database_engine(url: URL) -> Engine:
    """An engine for a checked URL, with the per-backend settings the app relies on."""
    if url.get_backend_name() == "sqlite":
        database = Path(url.database or "")
        if database.exists() and not database.is_file():
            raise ConfigurationError(f"The database path {database} exists but is not a file.")
        if not database.parent.is_dir():
            raise ConfigurationError(f"The folder for the database, {database.parent}, does not exist.")
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def connection_error(url: URL, exc: Exception) -> StorageError:
    """Turn a driver error met while connecting into a message naming the server and the cause."""
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    if url.get_backend_name() == "postgresql":
        where = f"{url.host or 'localhost'}:{url.port or 5432}, database '{url.database}'"
        return StorageError(
            f"Cannot reach the PostgreSQL server at {where}: {detail}. "
            "Check that the server runs and that VERIFIER_DB (or --db) is right."
        )
    return StorageError(f"Cannot open the SQLite database {url.database}: {detail}.")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def read_head() -> str:
    """The newest schema revision this app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands against this app's migrations."""

    current: str | None
    head: str
    backup: Path | None = None

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _sqlite_backup(url: URL, revision: str, backup_dir: Path) -> Path:
    source = Path(url.database or "")
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{source.stem}-before-upgrade-from-{revision}-{stamp}.db"
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    log.info("Backed up %s to %s before upgrading its schema", source, target)
    return target


def read_schema_state(engine: Engine) -> SchemaState:
    """The database's revision and this app's newest one."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None, "the migrations folder has no revision"
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            tables = set(inspect(connection).get_table_names())
    except (OperationalError, DBAPIError) as exc:
        raise connection_error(engine.url, exc) from exc
    if current is None and tables - {"alembic_version"}:
        raise StorageError(
            f"The database {display_url(engine.url)} holds tables but is not a Source Verifier "
            "workspace (no schema version). Point --db at another database."
        )
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises several kinds for an unknown revision
            raise SchemaTooNew(
                f"The database {display_url(engine.url)} was written by a newer version of Source "
                f"Verifier (schema {current}; this version knows up to {head}). Update the app; "
                "the database was not changed."
            ) from exc
    return SchemaState(current=current, head=head)


def migrate(engine: Engine, backup_dir: Path) -> SchemaState:
    """Bring the schema to this app's head, backing up an existing SQLite database first.

    Raises:
        SchemaTooNew: the database is newer than the app (it is left untouched).
        StorageError: the server cannot be reached or the upgrade failed.
    """
    state = read_schema_state(engine)
    if state.up_to_date:
        return state
    backup = None
    if state.current is not None and engine.url.get_backend_name() == "sqlite":
        backup = _sqlite_backup(engine.url, state.current, backup_dir)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (OperationalError, DBAPIError) as exc:
        raise StorageError(
            f"Upgrading the schema of {display_url(engine.url)} failed: {exc.orig}. "
            + (f"A copy made before the upgrade is at {backup}." if backup else "")
        ) from exc
    log.info("Schema of %s upgraded from %s to %s", display_url(engine.url), state.current, state.head)
    return SchemaState(current=state.head, head=state.head, backup=backup)
