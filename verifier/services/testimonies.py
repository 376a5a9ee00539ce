"""Use cases for testimonies: what a source said, when, where and how."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import Anonymity, AttachmentKind, EntityType, Interval, Medium
from verifier.errors import InvalidInput
from verifier.permissions import Permission
from verifier.services._common import (
    aware,
    create_row,
    delete_row,
    enum_field,
    media_type_from_name,
    reason_field,
    text_field,
    update_row,
)
from verifier.services.links import delete_links_of
from verifier.storage import repositories as repo
from verifier.storage.models import (
    PlaceRow,
    SourceRow,
    TestimonyAttachmentRow,
    TestimonyRevisionRow,
    TestimonyRow,
)
from verifier.storage.unit_of_work import UnitOfWork

TRANSCRIPT_MAX = 2_000_000
LANGUAGE_MAX = 35
NAME_MAX = 120


def _time_fields(taken_at: datetime | None, when: Interval | None) -> dict[str, object]:
    if taken_at is not None and when is not None:
        raise InvalidInput("Give the testimony's time or its interval, not both.")
    if when is not None:
        return {"taken_at": when.start, "taken_until": when.end, "taken_precision": when.precision}
    moment = aware(taken_at, "testimony time")
    return {"taken_at": moment, "taken_until": None, "taken_precision": None}


def record_testimony(
    uow: UnitOfWork,
    source_id: int,
    *,
    taken_at: datetime | None = None,
    when: Interval | None = None,
    medium: Medium | str = Medium.IN_PERSON,
    language: str = "",
    transcript: str = "",
    notes: str = "",
    interviewer: str = "",
    translator: str = "",
    place_id: int | None = None,
    place_text: str = "",
    attribution: Anonymity | str | None = None,
) -> domain.Testimony:
    """Record a testimony given by a source; it joins the source's case.

    Args:
        taken_at: when it was given, if known to the minute; or ``when``, an interval with its
            precision ("the morning of 11 April").
        attribution: the terms for this testimony, when they differ from the source's own.
    """
    uow.require(Permission.RECORD)
    source = repo.get(uow.session, SourceRow, source_id)
    if place_id is not None:
        repo.get(uow.session, PlaceRow, place_id)
    row = TestimonyRow(
        case_id=source.case_id,
        source_id=source.id,
        **_time_fields(taken_at, when),
        interviewer=text_field(interviewer, "interviewer", max_length=NAME_MAX),
        translator=text_field(translator, "translator", max_length=NAME_MAX),
        place_id=place_id,
        place_text=text_field(place_text, "place", max_length=NAME_MAX),
        attribution=enum_field(Anonymity, attribution, "attribution") if attribution is not None else None,
        medium=enum_field(Medium, medium, "medium"),
        language=text_field(language, "language", max_length=LANGUAGE_MAX),
        transcript=text_field(transcript, "transcript", max_length=TRANSCRIPT_MAX),
        notes=text_field(notes, "notes", max_length=TRANSCRIPT_MAX),
    )
    return create_row(uow, row, EntityType.TESTIMONY, source.case_id).to_domain()


def list_testimonies(session: Session, case_id: int) -> list[domain.Testimony]:
    """A case's testimonies, oldest (lowest id) first (read through Core, not as ORM rows)."""
    return [TestimonyRow.from_columns(*row) for row in repo.case_values(session, TestimonyRow, case_id)]


def get_testimony(session: Session, testimony_id: int) -> domain.Testimony:
    return repo.get(session, TestimonyRow, testimony_id).to_domain()


def update_testimony(
    uow: UnitOfWork,
    testimony_id: int,
    *,
    source_id: int | None = None,
    taken_at: datetime | None = None,
    when: Interval | None = None,
    medium: Medium | str | None = None,
    language: str | None = None,
    transcript: str | None = None,
    notes: str | None = None,
    interviewer: str | None = None,
    translator: str | None = None,
    place_id: int | None = None,
    place_text: str | None = None,
    attribution: Anonymity | str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Testimony:
    """Change a testimony. An edited transcript or notes keeps its earlier version as a revision."""
    uow.require(Permission.RECORD)
    row = repo.get(uow.session, TestimonyRow, testimony_id)
    changes: dict[str, object] = {}
    if source_id is not None:
        source = repo.get(uow.session, SourceRow, source_id)
        if source.case_id != row.case_id:
            raise InvalidInput(f"Source {source_id} belongs to another case than testimony {testimony_id}.")
        changes["source_id"] = source_id
    if taken_at is not None or when is not None:
        changes |= _time_fields(taken_at, when)
    if medium is not None:
        changes["medium"] = enum_field(Medium, medium, "medium")
    if language is not None:
        changes["language"] = text_field(language, "language", max_length=LANGUAGE_MAX)
    if transcript is not None:
        changes["transcript"] = text_field(transcript, "transcript", max_length=TRANSCRIPT_MAX)
    if notes is not None:
        changes["notes"] = text_field(notes, "notes", max_length=TRANSCRIPT_MAX)
    if interviewer is not None:
        changes["interviewer"] = text_field(interviewer, "interviewer", max_length=NAME_MAX)
    if translator is not None:
        changes["translator"] = text_field(translator, "translator", max_length=NAME_MAX)
    if place_id is not None:
        repo.get(uow.session, PlaceRow, place_id)
        changes["place_id"] = place_id
    if place_text is not None:
        changes["place_text"] = text_field(place_text, "place", max_length=NAME_MAX)
    if attribution is not None:
        changes["attribution"] = enum_field(Anonymity, attribution, "attribution")
    text_changed = (
        changes.get("transcript", row.transcript) != row.transcript
        or changes.get("notes", row.notes) != row.notes
    )
    if text_changed:
        _keep_revision(uow, row)
    update_row(
        uow,
        row,
        EntityType.TESTIMONY,
        row.case_id,
        changes,
        reason=reason_field(reason, required=False, action="change a testimony"),
        expected_version=expected_version,
    )
    return row.to_domain()


def delete_testimony(uow: UnitOfWork, testimony_id: int, reason: str) -> None:
    """Delete a testimony and its links to claims (each deletion audited)."""
    uow.require(Permission.DELETE)
    row = repo.get(uow.session, TestimonyRow, testimony_id)
    why = reason_field(reason, required=True, action="delete a testimony")
    delete_links_of(uow, testimony_id=testimony_id, case_id=row.case_id, reason=why)
    delete_row(uow, row, EntityType.TESTIMONY, row.case_id, why)


def _keep_revision(uow: UnitOfWork, row: TestimonyRow) -> None:
    """Save the transcript and notes about to be replaced."""
    number = repo.count_where(uow.session, TestimonyRevisionRow, testimony_id=row.id) + 1
    last_writer = repo.last_actor(uow.session, EntityType.TESTIMONY, row.id) or uow.actor
    uow.session.add(
        TestimonyRevisionRow(
            testimony_id=row.id,
            revision=number,
            transcript=row.transcript,
            notes=row.notes,
            written_by=last_writer,
            written_at=row.updated_at,
        )
    )


def testimony_revisions(session: Session, testimony_id: int) -> list[domain.TestimonyRevision]:
    """Earlier versions of a testimony's transcript and notes, oldest first."""
    repo.get(session, TestimonyRow, testimony_id)
    rows = repo.rows_where(session, TestimonyRevisionRow, testimony_id=testimony_id)
    return [r.to_domain() for r in rows]


def attach_file(
    uow: UnitOfWork,
    testimony_id: int,
    path: Path,
    kind: AttachmentKind | str,
    *,
    media_type: str = "",
    cancel: Callable[[], bool] | None = None,
) -> domain.TestimonyAttachment:
    """Keep an audio recording or document with a testimony; the file goes to the vault."""
    uow.require(Permission.RECORD)
    row = repo.get(uow.session, TestimonyRow, testimony_id)
    attachment_kind = enum_field(AttachmentKind, kind, "attachment kind")
    blob = uow.vault.put_file(path, cancel=cancel)
    attachment = TestimonyAttachmentRow(
        testimony_id=row.id,
        kind=attachment_kind,
        sha256=blob.sha256,
        size=blob.size,
        media_type=media_type or media_type_from_name(path.name),
        original_name=text_field(path.name, "file name", max_length=4096),
    )
    return create_row(uow, attachment, EntityType.TESTIMONY_ATTACHMENT, row.case_id).to_domain()


def attachments(session: Session, testimony_id: int) -> list[domain.TestimonyAttachment]:
    repo.get(session, TestimonyRow, testimony_id)
    return [
        r.to_domain() for r in repo.rows_where(session, TestimonyAttachmentRow, testimony_id=testimony_id)
    ]
