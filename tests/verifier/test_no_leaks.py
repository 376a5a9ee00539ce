"""A sealed identity reaches no log, no temporary file, no search index and no export.

The demo case gets a source whose identity is sealed with a distinctive canary (a name, a phone
number, an e-mail address). The main flows then run with logging at DEBUG, SQL statements and
their parameters included: unsealing (and logging the unsealed values, as a careless caller
might), re-indexing and searching, cross-referencing and exporting every text format under the
most and the least revealing profiles. Afterwards every file of the workspace (database, WAL,
logs, vault, cache, anchors), the temporary folder, the exports, what logging printed, and every
row of every table (the full-text index and its shadow tables included) are searched for the
canary in plain text, UTF-16/32, base64 and common digests (the needles of the sealing canary test).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.verifier.sealing.support import CANARY
from tests.verifier.sealing.test_sealing_canary import EMAIL, PHONE, _needles
from verifier import demo
from verifier.logs import configure_logging
from verifier.sealing import KdfCost, Secret
from verifier.services import crossref, export, identities, sources
from verifier.services import search as search_service
from verifier.services.workspace import Workspace
from verifier.settings import Settings

FAST = KdfCost(2**10, 8, 1)  # tests only
PASS = "the river at Gwer, at dawn"
TEXT_FORMATS = ["html", "md", "csv", "claimreview"]
log = logging.getLogger("tests.no_leaks")


@pytest.fixture
def debug_logging(tmp_path: Path) -> Iterator[Path]:
    """The app's logging set-up, everything at DEBUG, SQL with its parameters; undone afterwards."""
    log_dir = tmp_path / "workspace" / "logs"
    configure_logging(log_dir, stderr_level=logging.DEBUG)
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, "_verifier_handler", False)]
    # What the app would print on stderr goes to a file here (pytest swaps sys.stderr between phases).
    terminal = (log_dir / "stderr.txt").open("w", encoding="utf-8")
    for handler in ours:
        handler.setLevel(logging.DEBUG)
        if type(handler) is logging.StreamHandler:
            handler.setStream(terminal)
    sql = logging.getLogger("sqlalchemy.engine")
    old_sql_level = sql.level
    sql.setLevel(logging.INFO)  # INFO logs every statement and its parameters
    try:
        yield log_dir
    finally:
        sql.setLevel(old_sql_level)
        for handler in ours:
            root.removeHandler(handler)
            handler.close()
        terminal.close()


def _files(*folders: Path) -> Iterable[Path]:
    for folder in folders:
        yield from (p for p in folder.rglob("*") if p.is_file())


def _leaks(blob: bytes, needles: set[bytes]) -> list[bytes]:
    return [needle for needle in needles if needle in blob]


def test_a_sealed_canary_reaches_no_log_temp_file_index_or_export(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    debug_logging: Path,
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    caplog.set_level(logging.DEBUG)
    settings = Settings(workspace=tmp_path / "workspace", user="editor")
    exports = tmp_path / "exports"

    with Workspace.open(settings) as ws:
        case_id = demo.build_demo_case(ws)
        with ws.reading() as session:
            hama = next(s.id for s in sources.list_sources(session, case_id) if s.alias == "Hama")
        with ws.transaction() as uow:
            identities.enroll_holder(uow, "editor", Secret(PASS), cost=FAST)
            identities.seal_identity(uow, hama, {"name": CANARY, "phone": PHONE, "email": EMAIL}, ["editor"])

        # Unseal, and log what came back as careless code would: the placeholder must be all that shows.
        with ws.transaction() as uow:
            fields = identities.unseal_identity(uow, hama, "editor", Secret(PASS), "check before publication")
        assert fields["name"].reveal() == CANARY  # the canary really is in the workspace, sealed
        log.debug("unsealed %s and %r", fields["name"], fields)
        log.info(f"phone {fields['phone']}")  # an f-string: what a careless caller writes
        log.warning("fields: %s", dict(fields))

        # Re-index and search: the canary is not findable, the source's alias is.
        with ws.transaction() as uow:
            assert search_service.rebuild_index(uow) > 0
        with ws.reading() as session:
            assert search_service.search(session, "Hama", case_id=case_id)
            # Typing the canary into the search box puts it in the SQL log by the user's own doing:
            # these look-ups run with SQL logging off.
            sql = logging.getLogger("sqlalchemy.engine")
            sql.setLevel(logging.WARNING)
            for word in ("Zebulon", CANARY, "Qx7", "750 123", "example.org"):
                assert search_service.search(session, word) == [], word
            sql.setLevel(logging.INFO)
            report = crossref.case_report(session, case_id)
        assert CANARY not in repr(report)

        for profile in ("internal", "public"):
            manifest = export.export_case(
                ws,
                case_id,
                exports / profile,
                profile=profile,
                formats=TEXT_FORMATS,
                holder="editor",
                passphrase=Secret(PASS),
            )
            assert manifest.files
        ws.checkpoint()

        # Every row of every table, the search index's own tables included.
        needles = _needles()
        with ws.reading() as session:
            tables = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            for table in list(tables):
                for row in session.execute(text(f'SELECT * FROM "{table}"')):
                    for value in row:
                        raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
                        assert not _leaks(raw, needles), f"table {table} holds the sealed canary"

    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = list(_files(debug_logging))
    assert logged and any(p.stat().st_size for p in logged), "the log file was not written"
    assert b"INSERT INTO" in b"".join(p.read_bytes() for p in logged), "SQL was not logged"
    written = (debug_logging / "verifier.log").read_text(encoding="utf-8")
    assert "tests.no_leaks: phone Secret(***)" in written  # the f-string got the placeholder
    assert "tests.no_leaks: [record withheld: it referred to a sealed value]" in written

    offenders = {
        str(path.relative_to(tmp_path)): _leaks(path.read_bytes(), needles)
        for path in _files(tmp_path / "workspace", temp, exports)
    }
    assert {path: found for path, found in offenders.items() if found} == {}
    assert len(offenders) > 10  # database, logs, vault, cache, anchors, exports were all searched

    assert (debug_logging / "stderr.txt").stat().st_size, "nothing reached the terminal's stream"
    assert not _leaks(caplog.text.encode("utf-8"), needles), "the canary was logged"
