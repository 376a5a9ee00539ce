"""Schema migrations: from empty, from an older schema (with a backup), and a newer one refused."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from verifier.errors import SchemaTooNew, StorageError
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage import database
from verifier.storage.models import Base

EXTRA_REVISION = '''
"""test-only revision adding a column"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_file") as batch:
        batch.add_column(sa.Column("test_only", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_file") as batch:
        batch.drop_column("test_only")
'''


def test_empty_database_is_migrated_to_head_and_matches_the_models(workspace: Workspace) -> None:
    assert workspace.schema.up_to_date
    with workspace.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        context = MigrationContext.configure(
            connection,
            # The search index is backend-specific DDL kept out of the ORM metadata on purpose.
            opts={"include_name": lambda name, kind, parent: not (name or "").startswith("search_index")},
        )
        diff = compare_metadata(context, Base.metadata)
    assert {"case_file", "source", "testimony", "claim", "evidence", "place", "audit_entry"} <= tables
    assert diff == [], f"models and migrations disagree: {diff}"


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == database.SQLITE_BUSY_TIMEOUT_MS


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_older_sqlite_database_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(workspace=tmp_path / "ws", user="tester")
    with Workspace.open(settings) as ws, ws.transaction() as uow:
        from verifier.services import cases

        cases.create_case(uow, "Older case")
    db_file = settings.workspace / "workspace.db"
    current_head = database.read_head()
    # A newer app: the real migrations plus one more revision.
    newer = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS_DIR, newer)
    (newer / "versions" / "9001_test_only.py").write_text(EXTRA_REVISION.replace("{head}", current_head))
    monkeypatch.setattr(database, "MIGRATIONS_DIR", newer)

    with Workspace.open(settings) as ws:
        assert ws.schema.current == "9001"
        backup = ws.schema.backup
        with ws.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("case_file")}
            title = connection.execute(text("SELECT title FROM case_file")).scalar()
    assert "test_only" in columns and title == "Older case"
    assert backup is not None and backup.parent == settings.backup_dir
    import sqlite3

    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (current_head,)
        assert copy.execute("SELECT title FROM case_file").fetchone() == ("Older case",)
    assert db_file.exists()


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "ws", user="tester")
    with Workspace.open(settings) as ws, ws.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
    db_file = settings.workspace / "workspace.db"
    before = _sha(db_file)
    with pytest.raises(SchemaTooNew, match=r"newer version of Source Verifier \(schema f00dfeed9999"):
        Workspace.open(settings)
    assert _sha(db_file) == before


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    settings = Settings(workspace=tmp_path / "ws", database_url=f"sqlite:///{path}", user="tester")
    with pytest.raises(StorageError, match="not a Source Verifier workspace"):
        Workspace.open(settings)
