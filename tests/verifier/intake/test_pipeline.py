"""The intake pipeline and service: every file ends imported or with a clear reason, nothing half-stored."""

from __future__ import annotations

import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.verifier.intake import samples
from tests.verifier.intake.hostile import count_threads, hang_or_crash
from verifier.domain import ArrivalChannel
from verifier.errors import InvalidInput
from verifier.intake.pipeline import WorkerPool, process_file, thumbnail_path
from verifier.services import cases, evidence, intake, integrity, sources
from verifier.services.workspace import Workspace
from verifier.storage.models import PhotoMetadataRow


def _jpeg(seed: int = 3, **exif: object) -> bytes:
    return samples.save(samples.picture((320, 240), seed=seed), "JPEG", exif=samples.phone_exif(**exif))  # type: ignore[arg-type]


@pytest.fixture
def case_and_source(sqlite_workspace: Workspace) -> tuple[int, int]:
    with sqlite_workspace.transaction() as uow:
        case = cases.create_case(uow, "Makhmour")
        villager = sources.add_source(uow, case.id, "Villager", kind="submitter")
    return case.id, villager.id


def _photo_folder(tmp_path: Path, count: int) -> Path:
    """A folder of ``count`` different small phone JPEGs, named 00.jpg, 01.jpg..."""
    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02d}.jpg").write_bytes(_jpeg(seed=n))
    return folder


def _vault_files(ws: Workspace) -> set[str]:
    return set(ws.vault.iter_stored())


def test_folder_with_good_and_bad_files(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, villager = case_and_source
    folder = tmp_path / "from the villager"
    (folder / "sub").mkdir(parents=True)
    good = _jpeg()
    (folder / "IMG_0001.jpg").write_bytes(good)
    (folder / "sub" / "صورة_مخمور.JPG").write_bytes(_jpeg(seed=9))  # Arabic, right-to-left name
    (folder / "actually_png.jpg").write_bytes(samples.save(samples.picture(), "PNG"))
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("meeting at the checkpoint at 10")
    (folder / "report.jpg").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    (folder / "truncated.jpg").write_bytes(good[: len(good) // 2])
    (folder / "bomb.png").write_bytes(samples.save(Image.new("1", (20000, 20000)), "PNG"))
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    os.symlink(folder / "loop", folder / "loop")
    report = intake.import_photos(
        ws,
        case_id,
        [folder],
        intake.Provenance(
            submitted_by_id=villager, arrival=ArrivalChannel.MESSAGING_APP, caption="armed men"
        ),
    )
    imported = {Path(i.path).name for i in report.imported}
    failed = {Path(f.path).name: f.message for f in report.failed}
    assert imported == {"IMG_0001.jpg", "صورة_مخمور.JPG", "actually_png.jpg"}
    assert failed["empty.jpg"] == "is empty (0 bytes)"
    assert "text file" in failed["notes.jpg"] and "PDF" in failed["report.jpg"]
    assert "cannot be decoded" in failed["truncated.jpg"]
    assert "400,000,000" in failed["bomb.png"] or "bomb" in failed["bomb.png"].lower()
    assert "symbolic links" in failed["loop"]
    assert [Path(s.path).name for s in report.skipped] == [".DS_Store"]
    # Nothing half-stored: exactly the imported originals are in the vault, each with its row.
    assert _vault_files(ws) == {i.sha256 for i in report.imported}
    with ws.reading() as session:
        items = evidence.list_evidence(session, case_id)
        assert integrity.verify_vault(session, ws.vault).ok
        assert ws.vault.stale_incoming() == []
        png = next(i for i in items if i.original_name == "actually_png.jpg")
        assert png.media_type == "image/png"  # chosen from the content, not the name
        first = next(i for i in items if i.original_name == "IMG_0001.jpg")
        details = intake.photo_details(session, first.id)
    assert (first.arrival, first.caption, first.submitted_by_id) == (
        ArrivalChannel.MESSAGING_APP,
        "armed men",
        villager,
    )
    assert first.original_folder == str(folder)
    assert details.make == "Apple" and details.capture_tz_source == "offset_tag"
    assert details.capture_utc == datetime(
        2024, 3, 5, 11, 22, 9, 123000, tzinfo=UTC
    )  # SubSecTimeOriginal 123
    assert thumbnail_path(ws.settings.cache_dir, first.sha256).exists()
    with ws.reading() as session:  # the summary is queryable column by column
        row = session.get(PhotoMetadataRow, first.sha256)
        assert row is not None
        assert (row.orientation, row.modified_utc is not None, row.gps_utc is not None) == (1, True, True)
        assert row.gps_latitude is not None and row.gps_altitude is not None


def test_running_the_same_import_again_adds_nothing(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, villager = case_and_source
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(_jpeg(seed=1))
    (folder / "b.jpg").write_bytes(_jpeg(seed=2))
    first = intake.import_photos(ws, case_id, [folder], intake.Provenance(submitted_by_id=villager))
    again = intake.import_photos(ws, case_id, [folder], intake.Provenance(submitted_by_id=villager))
    assert len(first.imported) == 2 and again.imported == []
    assert all("already imported in this case" in s.message for s in again.skipped)
    with ws.reading() as session:
        assert len(evidence.list_evidence(session, case_id)) == 2


def test_an_import_audits_each_new_photo_in_order(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    """The entries of one batch are written together, one per photo, in the order recorded."""
    ws = sqlite_workspace
    case_id, villager = case_and_source
    folder = _photo_folder(tmp_path, 4)
    report = intake.import_photos(ws, case_id, [folder], intake.Provenance(submitted_by_id=villager))
    with ws.reading() as session:
        entries = integrity.audit_log(session, case_id=case_id, entity_type="evidence", limit=10)
        assert integrity.verify_audit(session, ws.anchors).ok
    created = sorted(entries, key=lambda e: e.seq)
    assert [e.entity_id for e in created] == sorted(i.evidence_id for i in report.imported)
    assert [e.seq for e in created] == list(range(created[0].seq, created[0].seq + 4))
    assert {e.new_values["sha256"] for e in created if e.new_values} == {i.sha256 for i in report.imported}


def test_same_bytes_from_another_submitter_is_recorded_and_reported(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, villager = case_and_source
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(_jpeg(seed=4))
    intake.import_photos(
        ws,
        case_id,
        [photo],
        intake.Provenance(submitted_by_id=villager, received_at=datetime(2017, 6, 11, tzinfo=UTC)),
    )
    with ws.transaction() as uow:
        later = cases.create_case(uow, "Kirkuk, 2019")
        stranger = sources.add_source(uow, later.id, "Stranger")
    report = intake.import_photos(ws, later.id, [photo], intake.Provenance(submitted_by_id=stranger.id))
    (item,) = report.recycled
    assert item.message == "already received on 2017-06-11 from Villager in case 'Makhmour'"
    assert len(_vault_files(ws)) == 1
    with ws.reading() as session:
        (near,) = intake.similar_photos(session, item.evidence_id)
    assert (near.case_title, near.distance, near.same_bytes, near.submitter) == (
        "Makhmour",
        0,
        True,
        "Villager",
    )


def test_near_duplicate_is_found_across_cases(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, _ = case_and_source
    original = samples.scene((1200, 900), variant=1)
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "orig.jpg").write_bytes(samples.save(original, "JPEG", quality=92))
    (folder / "copy.jpg").write_bytes(samples.save(original.resize((600, 450)), "JPEG", quality=60))
    (folder / "other.jpg").write_bytes(samples.save(samples.scene((1200, 900), variant=0), "JPEG"))
    report = intake.import_photos(ws, case_id, [folder])
    ids = {Path(i.path).name: i.evidence_id for i in report.imported}
    with ws.reading() as session:
        near = intake.similar_photos(session, ids["orig.jpg"], max_distance=10)
    assert [n.evidence_id for n in near] == [ids["copy.jpg"]] and not near[0].same_bytes


def test_a_hanging_or_crashing_file_does_not_stop_the_batch(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    for name in ("a.jpg", "hang.jpg", "crash.jpg", "z.jpg"):
        (tmp_path / name).write_bytes(_jpeg(seed=len(name)))
    outcomes = {}
    cache = tmp_path / "cache"
    with WorkerPool(sqlite_workspace.vault.root, cache, workers=2, timeout=3, task_fn=hang_or_crash) as pool:
        for outcome in pool.run(sorted(tmp_path.glob("*.jpg")), lambda: False):
            outcomes[Path(outcome.path).name] = outcome
    assert outcomes["a.jpg"].ok and outcomes["z.jpg"].ok
    assert "took longer than 3 s" in outcomes["hang.jpg"].error
    assert "made the reader crash" in outcomes["crash.jpg"].error


def test_cancel_keeps_what_was_done(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, _ = case_and_source
    folder = _photo_folder(tmp_path, 12)
    stop = threading.Event()

    def progress(done: int, total: int, name: str) -> None:
        if done >= 3:
            stop.set()

    report = intake.import_photos(ws, case_id, [folder], progress=progress, cancel=stop, workers=1)
    assert 3 <= len(report.imported) < 12 and report.not_started == 12 - len(report.imported)
    with ws.reading() as session:
        assert len(evidence.list_evidence(session, case_id)) == len(report.imported)
    assert _vault_files(ws) == {i.sha256 for i in report.imported}


def test_bad_request_is_refused_before_anything_is_read(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    case_id, _ = case_and_source
    with pytest.raises(InvalidInput, match="Unknown arrival channel 'pigeon'"):
        intake.import_photos(sqlite_workspace, case_id, [tmp_path], intake.Provenance(arrival="pigeon"))
    with pytest.raises(InvalidInput, match="needs a time zone"):
        intake.import_photos(
            sqlite_workspace, case_id, [tmp_path], intake.Provenance(received_at=datetime(2019, 1, 1))
        )


def test_missing_thumbnail_is_made_again_from_the_vault(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, _ = case_and_source
    (tmp_path / "p.jpg").write_bytes(_jpeg(seed=6))
    (item,) = intake.import_photos(ws, case_id, [tmp_path / "p.jpg"]).imported
    cached = thumbnail_path(ws.settings.cache_dir, item.sha256)
    first = cached.read_bytes()
    cached.unlink()
    assert intake.thumbnail_bytes(ws, item.sha256) == first and cached.exists()


def test_rescan_reads_every_photo_again(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, _ = case_and_source
    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.jpg").write_bytes(_jpeg(seed=n, gps=n != 1))
    intake.import_photos(ws, case_id, [folder, tmp_path / "workspace"])
    report = intake.rescan_metadata(ws)
    assert (report.scanned, report.changed, report.failed) == (3, 0, ())


def test_the_workspace_folder_itself_is_never_imported(
    sqlite_workspace: Workspace, case_and_source: tuple[int, int], tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id, _ = case_and_source
    (tmp_path / "p.jpg").write_bytes(_jpeg(seed=6))
    intake.import_photos(ws, case_id, [tmp_path / "p.jpg"])
    report = intake.import_photos(ws, case_id, [tmp_path])  # tmp_path holds the workspace too
    assert [Path(i.path).name for i in report.imported] == []
    assert any("this workspace's own folder" in s.message for s in report.skipped)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_jpegs_end_imported_or_refused_never_half_stored(tmp_path: Path, data: st.DataObject) -> None:
    base = bytearray(_jpeg(seed=11))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(base) - 1))
        base[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        base = base[: data.draw(st.integers(0, len(base)))]
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        path = Path(folder) / "mutant.jpg"
        path.write_bytes(bytes(base))
        vault_root = Path(folder) / "vault"
        outcome = process_file(path, vault_root, Path(folder) / "cache")
        stored = list((vault_root / "sha256").glob("*/*")) if vault_root.exists() else []
        if outcome.ok:
            assert [p.name for p in stored] == [outcome.sha256]
        else:
            assert outcome.error and stored == []


_MAIN_SCRIPT = """
import os, sys
from pathlib import Path

Path(os.environ["MARKER_DIR"], f"{__name__}-{os.getpid()}").touch()  # every run of this script

from verifier.intake.pipeline import FileOutcome, WorkerPool


def from_main(path, vault_root, cache_dir):
    return FileOutcome(str(path), error="handled by a task defined in the main script")


if __name__ == "__main__":
    photo, vault, cache = (Path(a) for a in sys.argv[1:4])
    task = {"own": {}, "main": {"task_fn": from_main}}[sys.argv[4]]
    with WorkerPool(vault, cache, workers=1, timeout=60, **task) as pool:
        (outcome,) = pool.run([photo], lambda: False)
    print(outcome.error or outcome.sha256)
"""


@pytest.mark.parametrize("task", ["own", "main"])
def test_workers_do_not_rerun_the_main_script(tmp_path: Path, task: str) -> None:
    """A worker does not import the parent's ``__main__`` (the ``verifier`` command's imports cost
    0.8 s of CPU per worker), unless the task function is defined there."""
    import subprocess
    import sys

    script, markers = tmp_path / "main_script.py", tmp_path / "markers"
    script.write_text(_MAIN_SCRIPT)
    markers.mkdir()
    (tmp_path / "p.jpg").write_bytes(_jpeg())
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            str(tmp_path / "p.jpg"),
            str(tmp_path / "v"),
            str(tmp_path / "c"),
            task,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MARKER_DIR": str(markers), "PYTHONPATH": str(root)},
        check=True,
    )
    runs = sorted(p.name.split("-")[0] for p in markers.iterdir())
    if task == "own":
        assert len(done.stdout.strip()) == 64  # the photo's SHA-256: it was read and stored
        assert runs == ["__main__"]  # the worker never ran the script
    else:
        assert done.stdout.strip() == "handled by a task defined in the main script"
        assert runs == ["__main__", "__mp_main__"]  # the worker needed it, and ran it


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through Linux's /proc")
def test_a_worker_starts_no_threads_beyond_its_own(tmp_path: Path) -> None:
    """One worker runs per core: numpy's OpenBLAS must not add a spinning thread per core to each."""
    (tmp_path / "p.jpg").write_bytes(_jpeg())
    with WorkerPool(tmp_path / "v", tmp_path / "c", workers=1, timeout=60, task_fn=count_threads) as pool:
        (outcome,) = pool.run([tmp_path / "p.jpg"], lambda: False)
    assert outcome.ok, outcome.error
    # The worker's own thread, the vault's staging thread and the parent watch; nothing else.
    assert outcome.format == "3 threads"
