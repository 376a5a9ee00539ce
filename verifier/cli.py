"""The ``verifier`` command: batch work and scripting over the same services as the GUI.

Every command prints a human-readable result, or JSON with ``--json`` (anywhere on the line).
Exit codes: 0 success, 1 a check found problems, 2 invalid input, 3 not found, 4 conflict,
5 configuration, 6 storage, 7 sealing, 8 export refused, 9 not permitted (team roles), 130 cancelled.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import getpass
import json
import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from verifier import __version__
from verifier.domain import (
    Anonymity,
    ArrivalChannel,
    AttachmentKind,
    Audience,
    CaseStatus,
    ClaimRelation,
    ClaimStatus,
    Connection,
    Credibility,
    EntityType,
    EvidenceKind,
    EvidenceRelation,
    GeoPoint,
    Interval,
    Medium,
    PlacePrecision,
    RelationshipKind,
    SourceKind,
    SourceReliability,
    TestimonyRelation,
    Verdict,
)
from verifier.domain.values import parse_interval, parse_offset, parse_quantity
from verifier.errors import InvalidInput, VerifierError
from verifier.logs import configure_logging
from verifier.permissions import Role
from verifier.sealing import Secret
from verifier.services import (
    cases,
    claims,
    crossref,
    evidence,
    identities,
    intake,
    integrity,
    links,
    people,
    places,
    search,
    sources,
    testimonies,
)
from verifier.services.claims import Facets
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage.database import read_schema_state

log = logging.getLogger(__name__)


@dataclass
class Output:
    """What a command hands back to be printed."""

    data: Any
    columns: Sequence[str] = ()
    message: str = ""
    exit_code: int = 0


@dataclass
class Context:
    """Lazily opened workspace for the command being run."""

    settings: Settings
    _workspace: Workspace | None = field(default=None, init=False)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.settings)
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()


Handler = Callable[[Context, argparse.Namespace], Output]


# --- value parsing -----------------------------------------------------------------------


def parse_time(value: str) -> datetime:
    """An ISO 8601 date-time with its zone, for argparse."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not an ISO 8601 date-time (e.g. 2019-03-29T10:30+03:00)"
        ) from None
    if parsed.tzinfo is None:
        raise argparse.ArgumentTypeError(f"'{value}' has no time zone: add one, e.g. +03:00 or Z")
    return parsed


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _interval(args: argparse.Namespace) -> Interval | None:
    """--when TEXT [--tz OFFSET] [--when-label TEXT] as an interval."""
    if not getattr(args, "when", None):
        return None
    zone = parse_offset(args.tz) if args.tz else parse_offset("UTC")
    return parse_interval(args.when, zone, args.when_label or "")


def _facets(args: argparse.Namespace) -> Facets:
    quantities = [parse_quantity(q) for q in args.quantity] if args.quantity else None
    return Facets(
        event_type=args.what,
        actors=args.who,
        place_id=args.place,
        place_text=args.place_text,
        place_precision=args.place_precision,
        when=_interval(args),
        quantities=[] if getattr(args, "clear_quantities", False) else quantities,
        clear_place=getattr(args, "clear_place", False),
        clear_when=getattr(args, "clear_when", False),
    )


def _choices(enum_type: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_type]


def _read_text_arg(text: str | None, file: Path | None) -> str | None:
    if file is None:
        return text
    if text is not None:
        raise InvalidInput("Give the text or a file to read it from, not both.")
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {file} as UTF-8 text: {exc}.") from exc


# --- JSON and text rendering --------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, datetimes and paths as plain JSON values."""
    if hasattr(value, "to_json"):
        return to_jsonable(value.to_json())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def render_text(output: Output) -> str:
    data = to_jsonable(output.data)
    lines: list[str] = []
    if isinstance(data, list):
        columns = list(output.columns) or (list(data[0]) if data and isinstance(data[0], dict) else [])
        if columns:
            rows = [[_cell(item.get(c)) for c in columns] for item in data]
            widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
            lines.append("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
            lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        if not data:
            lines.append("(none)")
    elif isinstance(data, dict):
        width = max((len(k) for k in data), default=0)
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                lines.append(f"{key}:")
                lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in value]
            else:
                lines.append(f"{key.ljust(width)}  {_cell(value) if key != 'transcript' else value}")
    elif data is not None:
        lines.append(str(data))
    if output.message:
        lines.append(output.message)
    return "\n".join(lines)


# --- handlers ------------------------------------------------------------------------------


def _info(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    return Output(ws.info())


def _db_status(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    state = read_schema_state(ws.engine)
    return Output({"current": state.current, "head": state.head, "up_to_date": state.up_to_date})


def _case_create(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(cases.create_case(uow, args.title, args.summary or ""))


def _case_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(cases.list_cases(session), columns=("id", "title", "status", "updated_at"))


def _case_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(cases.get_case(session, args.id))


def _case_update(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            cases.update_case(
                uow,
                args.id,
                title=args.title,
                summary=args.summary,
                status=args.status,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _case_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        cases.delete_case(uow, args.id, args.reason)
    return Output({"deleted": "case", "id": args.id})


def _source_add(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            sources.add_source(
                uow,
                args.case,
                args.alias,
                public_description=args.description or "",
                kind=args.kind,
                anonymity=args.anonymity,
                notes=args.notes or "",
                anonymous_from=args.anonymous_from or (),
                reason_given=args.reason_given or "",
                reason_granted=args.reason_granted or "",
                agreement_date=args.agreement_date,
                agreement_terms=args.agreement_terms or "",
            )
        )


def _source_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            sources.list_sources(session, args.case),
            columns=("id", "alias", "kind", "anonymity", "public_description"),
        )


def _source_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(sources.get_source(session, args.id))


def _source_update(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            sources.update_source(
                uow,
                args.id,
                alias=args.alias,
                public_description=args.description,
                kind=args.kind,
                anonymity=args.anonymity,
                notes=args.notes,
                anonymous_from=args.anonymous_from,
                reason_given=args.reason_given,
                reason_granted=args.reason_granted,
                agreement_date=args.agreement_date,
                agreement_terms=args.agreement_terms,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _source_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        sources.delete_source(uow, args.id, args.reason)
    return Output({"deleted": "source", "id": args.id})


def _source_attest(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        if args.withdraw:
            return Output(sources.withdraw_attestation(uow, args.id, args.editor, args.reason or ""))
        return Output(sources.attest_identity(uow, args.id, args.editor, args.note or ""))


def _source_grade(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(sources.grade_source(uow, args.id, args.grade, args.rationale))


def _source_grades(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            sources.source_grades(session, args.id), columns=("graded_at", "grade", "graded_by", "rationale")
        )


def _source_relate(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(sources.relate_sources(uow, args.id, args.other, args.kind, args.note or ""))


def _source_unrelate(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        sources.unrelate_sources(uow, args.relationship, args.reason)
    return Output({"deleted": "source_relationship", "id": args.relationship})


def _source_relations(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            sources.relationships(session, args.case),
            columns=("id", "source_id", "kind", "other_source_id", "note"),
        )


def _testimony_add(ctx: Context, args: argparse.Namespace) -> Output:
    transcript = _read_text_arg(args.transcript, args.transcript_file) or ""
    with ctx.workspace().transaction() as uow:
        return Output(
            testimonies.record_testimony(
                uow,
                args.source,
                taken_at=args.taken_at,
                when=_interval(args),
                medium=args.medium,
                language=args.language or "",
                transcript=transcript,
                notes=args.notes or "",
                interviewer=args.interviewer or "",
                translator=args.translator or "",
                place_id=args.place,
                place_text=args.place_text or "",
                attribution=args.attribution,
            )
        )


def _testimony_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            testimonies.list_testimonies(session, args.case),
            columns=("id", "source_id", "taken_at", "medium", "language", "transcript"),
        )


def _testimony_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(testimonies.get_testimony(session, args.id))


def _testimony_update(ctx: Context, args: argparse.Namespace) -> Output:
    transcript = _read_text_arg(args.transcript, args.transcript_file)
    with ctx.workspace().transaction() as uow:
        return Output(
            testimonies.update_testimony(
                uow,
                args.id,
                source_id=args.source,
                taken_at=args.taken_at,
                when=_interval(args),
                medium=args.medium,
                language=args.language,
                transcript=transcript,
                notes=args.notes,
                interviewer=args.interviewer,
                translator=args.translator,
                place_id=args.place,
                place_text=args.place_text,
                attribution=args.attribution,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _testimony_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        testimonies.delete_testimony(uow, args.id, args.reason)
    return Output({"deleted": "testimony", "id": args.id})


def _testimony_revisions(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            testimonies.testimony_revisions(session, args.id),
            columns=("revision", "written_by", "written_at", "replaced_at", "transcript"),
        )


def _testimony_attach(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(testimonies.attach_file(uow, args.id, args.file, args.kind))


def _testimony_attachments(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            testimonies.attachments(session, args.id),
            columns=("id", "kind", "original_name", "size", "sha256"),
        )


def _claim_add(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        if args.testimony is not None:
            if not args.quote:
                raise InvalidInput("A claim drawn from a testimony needs --quote, the passage it comes from.")
            return Output(
                claims.claim_from_testimony(
                    uow,
                    args.testimony,
                    args.statement,
                    args.quote,
                    connection=args.connection,
                    facets=_facets(args),
                )
            )
        if args.evidence is not None:
            return Output(
                claims.claim_from_evidence(
                    uow, args.evidence, args.statement, relation=args.relation, facets=_facets(args)
                )
            )
        return Output(claims.add_claim(uow, args.case, args.statement, _facets(args)))


def _claim_grade(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(claims.grade_claim(uow, args.id, args.credibility, args.rationale))


def _claim_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            claims.list_claims(session, args.case), columns=("id", "status", "verdict", "statement")
        )


def _claim_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        claim = claims.get_claim(session, args.id)
        claim_links = links.links_of_claim(session, args.id)
    return Output({**to_jsonable(claim), "links": to_jsonable(claim_links)})


def _claim_update(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            claims.update_claim(
                uow,
                args.id,
                statement=args.statement,
                facets=_facets(args),
                status=args.status,
                verdict=args.verdict,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _claim_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        claims.delete_claim(uow, args.id, args.reason)
    return Output({"deleted": "claim", "id": args.id})


def _evidence_add(ctx: Context, args: argparse.Namespace) -> Output:
    added: list[dict[str, Any]] = []
    ws = ctx.workspace()
    for path in args.files:
        # One transaction per file: a failure on one file leaves the others stored.
        with ws.transaction() as uow:
            result = evidence.add_evidence_file(
                uow,
                args.case,
                path,
                kind=args.kind,
                submitted_by_id=args.submitted_by,
                received_at=args.received_at,
                notes=args.notes or "",
            )
        item = to_jsonable(result.evidence)
        item["earlier"] = [
            {"evidence": e.id, "case": e.case_id, "received_at": e.received_at.isoformat()}
            for e in result.earlier
        ]
        added.append(item)
    return Output(added, columns=("id", "sha256", "size", "media_type", "original_name", "earlier"))


def _evidence_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            evidence.list_evidence(session, args.case),
            columns=("id", "kind", "original_name", "size", "received_at", "submitted_by_id", "sha256"),
        )


def _evidence_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(evidence.get_evidence(session, args.id))


def _evidence_update(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            evidence.update_evidence(
                uow,
                args.id,
                kind=args.kind,
                submitted_by_id=args.submitted_by,
                received_at=args.received_at,
                notes=args.notes,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _evidence_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        evidence.delete_evidence(uow, args.id, args.reason)
    return Output({"deleted": "evidence", "id": args.id, "original_kept_in_vault": True})


def _evidence_extract(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.reading() as session:
        written = evidence.extract_original(session, ws.vault, args.id, args.destination)
    return Output({"written": written})


def _place_add(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            places.add_place(
                uow,
                args.name,
                latitude=args.lat,
                longitude=args.lon,
                precision=args.precision,
                aliases=args.alias or (),
                notes=args.notes or "",
                allow_similar=args.new,
            )
        )


def _place_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(
            places.list_places(session),
            columns=("id", "name", "latitude", "longitude", "precision", "aliases"),
        )


def _place_show(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(places.get_place(session, args.id))


def _place_update(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            places.update_place(
                uow,
                args.id,
                name=args.name,
                latitude=args.lat,
                longitude=args.lon,
                clear_coordinates=args.clear_coordinates,
                precision=args.precision,
                aliases=args.alias,
                notes=args.notes,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _place_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        places.delete_place(uow, args.id, args.reason)
    return Output({"deleted": "place", "id": args.id})


class _PassphraseReader:
    """Passphrases from the terminal (not echoed) or, for scripts, one per line on stdin."""

    def __init__(self, from_stdin: bool) -> None:
        self._from_stdin = from_stdin

    def read(self, prompt: str) -> Secret[str]:
        if self._from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise InvalidInput("Expected a passphrase on standard input, found none.")
            return Secret(line.rstrip("\n"))
        if not sys.stdin.isatty():
            raise InvalidInput("No terminal to ask for the passphrase on: use --passphrase-stdin.")
        return Secret(getpass.getpass(prompt))

    def read_new(self, prompt: str, refused: str) -> Secret[str]:
        """A new passphrase, typed twice on a terminal; the confirmation is wiped at once.

        Args:
            refused: what was not done when the two differ (ends the error message).
        """
        first = self.read(prompt)
        if self._from_stdin:
            return first
        again = self.read("Again: ")
        try:
            if again.reveal() != first.reveal():
                first.wipe()
                raise InvalidInput(f"The two passphrases differ; {refused}.")
        finally:
            again.wipe()
        return first


def _read_identity_fields() -> dict[str, str]:
    """``name=value`` lines from stdin (so values never appear in shell history or ps)."""
    if sys.stdin.isatty():
        print(
            "Identity fields, one per line as name=value (e.g. real_name=...); end with an empty line:",
            file=sys.stderr,
        )
    fields: dict[str, str] = {}
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            if sys.stdin.isatty():
                break
            continue
        name, sep, value = line.rstrip("\n").partition("=")
        if not sep:
            raise InvalidInput(f"Line {number} of the identity has no '=': write name=value.")
        fields[name.strip()] = value
    return fields


def _keys_enroll(ctx: Context, args: argparse.Namespace) -> Output:
    reader = _PassphraseReader(args.passphrase_stdin)
    first = reader.read_new(f"New passphrase for {args.holder}: ", "nothing was enrolled")
    try:
        with ctx.workspace().transaction() as uow:
            return Output(identities.enroll_holder(uow, args.holder, first))
    finally:
        first.wipe()


def _keys_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        return Output(identities.list_holders(session), columns=("holder_id", "key_id", "created_at"))


def _keys_passwd(ctx: Context, args: argparse.Namespace) -> Output:
    reader = _PassphraseReader(args.passphrase_stdin)
    old = reader.read(f"Current passphrase for {args.holder}: ")
    new = reader.read("New passphrase: ")
    with ctx.workspace().transaction() as uow:
        return Output(identities.change_passphrase(uow, args.holder, old, new))


def _identity_seal(ctx: Context, args: argparse.Namespace) -> Output:
    fields = _read_identity_fields()
    with ctx.workspace().transaction() as uow:
        source = identities.seal_identity(uow, args.id, fields, args.holder)
    return Output(source, message=f"Sealed {len(fields)} field(s) for {', '.join(args.holder)}.")


def _identity_unseal(ctx: Context, args: argparse.Namespace) -> Output:
    passphrase = _PassphraseReader(args.passphrase_stdin).read(f"Passphrase for {args.holder}: ")
    with ctx.workspace().transaction() as uow:
        fields = identities.unseal_identity(uow, args.id, args.holder, passphrase, args.reason)
    # Shown to the person at the terminal only; nothing here is logged.
    return Output({name: value.reveal() for name, value in fields.items()})


def _identity_grant(ctx: Context, args: argparse.Namespace) -> Output:
    passphrase = _PassphraseReader(args.passphrase_stdin).read(f"Passphrase for {args.holder}: ")
    with ctx.workspace().transaction() as uow:
        return Output({"holders": identities.grant_access(uow, args.id, args.holder, passphrase, args.to)})


def _identity_revoke(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.transaction() as uow:
        holders = identities.revoke_access(uow, args.id, args.holder, args.reason)
    ws.checkpoint()  # the revoked wrap must not linger in SQLite's write-ahead log
    return Output({"holders": holders})


def _identity_shred(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.transaction() as uow:
        source = identities.shred_identity(uow, args.id, args.reason)
    ws.checkpoint()
    return Output(source, message="The identity's key was destroyed: no copy of it can be opened any more.")


class _TerminalProgress:
    """A one-line progress bar on stderr, only when stderr is a terminal and not in --json mode."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled and sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self._enabled or (time.monotonic() - self._last < 0.1 and done < total):
            return
        self._last = time.monotonic()
        width = 30
        filled = width * done // total if total else width
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:40}",
            end="",
            file=sys.stderr,
        )
        if done == total:
            print(file=sys.stderr)


def _import(ctx: Context, args: argparse.Namespace) -> Output:
    provenance = intake.Provenance(
        submitted_by_id=args.submitted_by,
        arrival=args.arrival,
        received_at=args.received_at,
        caption=args.caption or "",
        claimed_date=args.claimed_date or "",
        claimed_place=args.claimed_place or "",
        notes=args.notes or "",
    )
    stop = threading.Event()
    try:
        report = intake.import_photos(
            ctx.workspace(),
            args.case,
            args.paths,
            provenance,
            progress=_TerminalProgress(not args.json),
            cancel=stop,
            workers=args.workers,
            timeout=args.timeout,
        )
    except KeyboardInterrupt:  # Ctrl-C while the pool runs: nothing half-stored, re-run completes
        raise VerifierError("Import interrupted; run the same command again to finish it.") from None
    lines = [
        f"Imported {len(report.imported)} file(s) in {report.seconds:.1f} s; {len(report.failed)} refused, "
        f"{len(report.skipped)} skipped."
    ]
    lines += [f"RECEIVED BEFORE  {Path(i.path).name}: {i.message}" for i in report.recycled]
    lines += [f"REFUSED  {f.path}: {f.message}" for f in report.failed]
    lines += [f"SKIPPED  {s.path}: {s.message}" for s in report.skipped]
    return Output(
        report if args.json else None, message="\n".join(lines), exit_code=1 if report.failed else 0
    )


def _check(ctx: Context, args: argparse.Namespace) -> Output:
    kind, record = None, None
    for name in ("claim", "evidence", "source", "testimony"):
        if getattr(args, name) is not None:
            kind, record = name, getattr(args, name)
    with ctx.workspace().reading() as session:
        result = crossref.check(session, args.case, kind=kind, record_id=record)
    if args.json:
        return Output(result)
    order = {"conflict": 0, "warning": 1, "info": 2}
    lines = [f"{len(result.findings)} finding(s)."]
    for finding in sorted(result.findings, key=lambda f: order.get(f.severity.value, 3)):
        about = ", ".join(f"{k} {i}" for k, i in finding.subjects)
        lines.append(
            f"{finding.severity.value.upper():8} {finding.rule} [{about}]\n         {finding.explanation}"
        )
    lines.append("")
    lines += [
        f"claim {c['claim_id']}: {c['supporting_origins']} supporting, "
        f"{c['contradicting_origins']} contradicting independent origin(s). {c['explanation']}"
        for c in result.corroboration
    ]
    return Output(None, message="\n".join(lines))


def _photo(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        if args.raw:
            return Output(intake.photo_raw(session, args.id))
        return Output(intake.photo_details(session, args.id))


def _similar(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        found = intake.similar_photos(session, args.id, max_distance=args.max_distance)
    return Output(
        found, columns=("evidence_id", "case_title", "distance", "same_bytes", "received_at", "submitter")
    )


def _rescan(ctx: Context, args: argparse.Namespace) -> Output:
    report = intake.rescan_metadata(ctx.workspace(), progress=_TerminalProgress(not args.json))
    return Output(report, exit_code=1 if report.failed else 0)


def _thumbnail(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.reading() as session:
        item = evidence.get_evidence(session, args.id)
    data = intake.thumbnail_bytes(ws, item.sha256)
    try:
        with args.output.open("xb") as out:
            out.write(data)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {args.output}: {exc.strerror or exc}.") from exc
    return Output({"written": args.output, "bytes": len(data)})


def _parse_claim_ids(text: str | None) -> set[int] | None:
    if not text:
        return None
    try:
        return {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        raise InvalidInput(f"--claims takes claim ids separated by commas, not '{text}'.") from None


def _export(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.export.pipeline import Format
    from verifier.services import export

    formats = export.parse_formats(args.format or ["html"])
    renderer = None
    if Format.PDF in formats:
        # Qt is imported only when a PDF is asked for; verifier/ itself never imports it.
        from ui.pdf import ensure_gui_application, render_pdf

        ensure_gui_application()
        renderer = render_pdf
    passphrase = None
    if args.holder:
        passphrase = _PassphraseReader(args.passphrase_stdin).read(f"Passphrase for {args.holder}: ")
    try:
        manifest = export.export_case(
            ctx.workspace(),
            args.case,
            Path(args.dest),
            profile=args.profile,
            formats=formats,
            claim_ids=_parse_claim_ids(args.claims),
            holder=args.holder,
            passphrase=passphrase,
            pdf_renderer=renderer,
        )
    finally:
        if passphrase is not None:
            passphrase.wipe()
    claims_out, files_out = len(manifest.claims), len(manifest.files)
    return Output(
        manifest.to_audit(),
        message=f"Exported {claims_out} claim(s), {files_out} file(s): {manifest.destination}",
    )


def _place_suggest(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        matches = places.suggest_places(session, args.name, min_score=args.min_score)
    rows = [
        {"id": m.place.id, "name": m.place.name, "matched": m.matched, "score": round(m.score, 1)}
        for m in matches
    ]
    return Output(rows, columns=("id", "name", "matched", "score"))


def _place_near(ctx: Context, args: argparse.Namespace) -> Output:
    point = GeoPoint(args.lat, args.lon)
    with ctx.workspace().reading() as session:
        found = places.nearest_named_places(session, point, limit=args.limit)
    rows = [{**to_jsonable(p), "distance_km": round(p.distance_m / 1000, 2)} for p in found]
    return Output(rows, columns=("origin", "name", "country_code", "region", "distance_km"))


def _search(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        hits = search.search(
            session, " ".join(args.terms), case_id=args.case, kinds=args.kind or (), limit=args.limit
        )
    return Output(hits, columns=("kind", "entity_id", "case_id", "display", "snippet"))


def _search_reindex(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        count = search.rebuild_index(uow)
    return Output({"indexed": count})


def _link_evidence(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            links.link_claim_evidence(uow, args.claim, args.evidence, args.relation, args.note or "")
        )


def _link_claim(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(links.link_claims(uow, args.claim, args.other, args.relation, args.note or ""))


def _link_testimony(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(
            links.link_claim_testimony(
                uow,
                args.claim,
                args.testimony,
                args.relation,
                quote=args.quote or "",
                note=args.note or "",
                connection=args.connection,
            )
        )


def _unlink(ctx: Context, args: argparse.Namespace) -> Output:
    kind = {
        "evidence": EntityType.CLAIM_EVIDENCE,
        "claim": EntityType.CLAIM_CLAIM,
        "testimony": EntityType.CLAIM_TESTIMONY,
    }[args.kind]
    with ctx.workspace().transaction() as uow:
        links.unlink(uow, kind, args.id, args.reason)
    return Output({"deleted": kind.value, "id": args.id})


def _vault_verify(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.reading() as session:
        report = integrity.verify_vault(session, ws.vault, _TerminalProgress(not args.json))
    lines = [f"Checked {report.checked} originals in {ws.vault.root}."]
    lines += [f"MISSING  {sha} (listed in the database, not in the vault)" for sha in report.missing]
    lines += [f"ALTERED  {sha} (its bytes no longer match its SHA-256)" for sha in report.altered]
    lines += [f"ORPHAN   {sha} (in the vault, no evidence refers to it)" for sha in report.orphaned]
    lines += [
        f"STRAY    {name} (not a vault object; left by an interrupted write?)" for name in report.unexpected
    ]
    lines.append("Vault OK." if report.ok else "Vault has problems: see above.")
    return Output(report if args.json else None, message="\n".join(lines), exit_code=0 if report.ok else 1)


def _audit_verify(ctx: Context, args: argparse.Namespace) -> Output:
    ws = ctx.workspace()
    with ws.reading() as session:
        report = integrity.verify_audit(session, ws.anchors)
    lines = [f"Checked {report.entries} audit entries (head #{report.head_seq} {report.head_hash[:16]}…)."]
    lines += [f"#{p.seq}: {p.message}" for p in report.problems]
    lines.append("Audit chain OK." if report.ok else "The audit chain is broken: see above.")
    return Output(report if args.json else None, message="\n".join(lines), exit_code=0 if report.ok else 1)


def _audit_log(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        entries = integrity.audit_log(
            session, case_id=args.case, entity_type=args.entity, entity_id=args.entity_id, limit=args.limit
        )
    return Output(
        entries, columns=("seq", "at", "actor", "action", "entity_type", "entity_id", "reason", "new_values")
    )


# --- case bundles ----------------------------------------------------------------------------


def _bundle_keys_create(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    reader = _PassphraseReader(args.passphrase_stdin)
    first = reader.read_new(f"New passphrase for the bundle keys of {args.name}: ", "no keys were made")
    try:
        with ctx.workspace().transaction() as uow:
            newsroom = bundles.create_newsroom_keys(uow, args.name, first)
    finally:
        first.wipe()
    return Output(
        newsroom,
        message="Give partners your card ('verifier bundle keys card') and read them the fingerprint.",
    )


def _bundle_keys_card(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    with ctx.workspace().reading() as session:
        card = bundles.own_card(session)
    if args.output:
        target = Path(args.output)
        if target.exists():
            raise InvalidInput(f"{target} already exists: choose another file for the card.")
        target.write_text(card.to_text(), encoding="utf-8")
    data = {**dataclasses.asdict(bundles.Newsroom.of(card)), "card": card.to_text()}
    if args.json:
        return Output(data)
    return Output(None, message=f"Card written to {args.output}." if args.output else card.to_text().rstrip())


def _read_card(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    text = _read_text_arg(None, Path(path))
    assert text is not None
    return text


def _bundle_keys_trust(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    with ctx.workspace().transaction() as uow:
        newsroom = bundles.trust_sender(uow, _read_card(args.card))
    return Output(newsroom, message="Bundles signed with this key are now accepted.")


def _bundle_keys_trusted(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    with ctx.workspace().reading() as session:
        return Output(bundles.trusted_senders(session), columns=("name", "fingerprint", "created_at"))


def _bundle_keys_distrust(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    with ctx.workspace().transaction() as uow:
        newsroom = bundles.distrust_sender(uow, args.fingerprint, args.reason)
    return Output(newsroom, message="Bundles signed with this key are no longer accepted.")


def _bundle_export(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    card = _read_card(args.to)
    passphrase = _PassphraseReader(args.passphrase_stdin).read("Passphrase of this newsroom's bundle keys: ")
    try:
        result = bundles.export_bundle(
            ctx.workspace(),
            args.case,
            card,
            Path(args.output),
            passphrase,
            progress=_TerminalProgress(not args.json),
        )
    finally:
        passphrase.wipe()
    return Output(
        result,
        message=(
            f"Wrote case {result.case_id} ({result.originals} originals, {result.size} bytes) for "
            f"'{result.recipient.name}' ({result.recipient.fingerprint}) to {result.path}."
        ),
    )


def _bundle_inspect(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    origin = bundles.inspect_bundle(ctx.workspace(), Path(args.file))
    mine = "this newsroom" if origin.for_this_workspace else "ANOTHER newsroom"
    return Output(
        origin if args.json else None,
        message=(
            f"Bundle {origin.bundle_id} of {origin.created_at}: intact, {origin.describe()}; "
            f"addressed to '{origin.recipient_name}' ({origin.recipient_fingerprint}), {mine}."
        ),
    )


def _bundle_import(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    passphrase = _PassphraseReader(args.passphrase_stdin).read("Passphrase of this newsroom's bundle keys: ")
    try:
        result = bundles.import_bundle(
            ctx.workspace(),
            Path(args.file),
            passphrase,
            allow_untrusted=args.allow_untrusted,
            progress=_TerminalProgress(not args.json),
        )
    finally:
        passphrase.wipe()
    chain = result.sender_chain
    return Output(
        result,
        message=(
            f"Imported '{result.title}' as case {result.case_id}: {result.origin.describe()}. "
            f"{result.originals} originals ({result.originals_new} new to the vault), each matching its "
            f"SHA-256; the sender's {chain.case_entries} audit entries verify (head #{chain.head_seq} "
            f"{chain.head_hash[:16]}…)."
        ),
    )


def _bundle_list(ctx: Context, args: argparse.Namespace) -> Output:
    from verifier.services import bundles

    with ctx.workspace().reading() as session:
        found = bundles.imported_bundles(session)
    rows = [
        {
            "bundle_id": b.bundle_id,
            "case_id": b.case_id,
            "sender": b.sender,
            "fingerprint": b.sender_fingerprint,
            "trusted": b.trusted,
            "imported_at": b.imported_at,
            "sender_chain": "OK" if b.sender_chain.ok and b.recorded else "BROKEN",
            "problems": list(b.sender_chain.problems)
            + ([] if b.recorded else ["The stored chain differs from the one recorded at import."]),
        }
        for b in found
    ]
    broken = any(row["sender_chain"] != "OK" for row in rows)
    return Output(
        rows,
        columns=("bundle_id", "case_id", "sender", "trusted", "imported_at", "sender_chain"),
        exit_code=1 if broken else 0,
    )


def _add_bundle_commands(groups: Any, parent: argparse.ArgumentParser) -> None:
    bundle = groups.add_parser(
        "bundle", help="case bundles: send a case to a partner newsroom"
    ).add_subparsers(dest="cmd", required=True)
    keys = bundle.add_parser("keys", help="this newsroom's bundle keys and trusted senders").add_subparsers(
        dest="keys_cmd", required=True
    )
    p = _add(
        keys, "create", _bundle_keys_create, "make this newsroom's passphrase-locked bundle keys", parent
    )
    p.add_argument("name", help="the newsroom's name as partners will see it")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    p = _add(
        keys, "card", _bundle_keys_card, "print this newsroom's public card (to give to partners)", parent
    )
    p.add_argument("-o", "--output", help="write the card to this file instead")
    p = _add(keys, "trust", _bundle_keys_trust, "accept bundles signed with a partner's card", parent)
    p.add_argument("card", help="the partner's card file ('-' for stdin)")
    _add(keys, "trusted", _bundle_keys_trusted, "list the trusted senders", parent)
    p = _add(keys, "distrust", _bundle_keys_distrust, "stop accepting a sender's bundles", parent)
    p.add_argument("fingerprint")
    p.add_argument("--reason", required=True, help="why (kept in the audit log)")
    p = _add(bundle, "export", _bundle_export, "write a case to one encrypted, signed bundle file", parent)
    p.add_argument("case", type=int, help="the case")
    p.add_argument("--to", required=True, metavar="CARD", help="the receiving newsroom's card file")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the bundle file to create")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    p = _add(
        bundle, "inspect", _bundle_inspect, "check a bundle and say who signed it (no passphrase)", parent
    )
    p.add_argument("file")
    p = _add(bundle, "import", _bundle_import, "import a bundle as a new case (all or nothing)", parent)
    p.add_argument("file")
    p.add_argument("--allow-untrusted", action="store_true", help="accept a sender not in the trusted list")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    _add(bundle, "list", _bundle_list, "imported bundles, their senders' audit chains checked again", parent)


# --- parser ----------------------------------------------------------------------------------


def _when_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--when", help="2019-03-29, 2019-03, 2019, 2019-03-11/2019-03-20 or a time")
    parser.add_argument("--tz", help="UTC offset for dates without one, e.g. +03:00 (default UTC)")
    parser.add_argument("--when-label", help="the wording it came from, e.g. 'mid-March 2019'")


def _common_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    return parent


# --- people (team mode) ---------------------------------------------------------------------

_PEOPLE_COLUMNS = ("user_name", "display_name", "role", "active", "created_at")


def _people_add(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        person = people.add_person(uow, args.user_name, args.role, args.name or "")
    return Output(person, message=f"Registered {person.user_name} as {person.role.value}.")


def _people_list(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().reading() as session:
        found = people.list_people(session)
    solo = "Nobody is registered: this workspace is in solo mode (anyone may do anything)."
    message = "" if found else solo
    return Output(found, columns=_PEOPLE_COLUMNS, message=message)


def _people_set_role(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(people.set_role(uow, args.user_name, args.role, reason=args.reason))


def _people_deactivate(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(people.deactivate(uow, args.user_name, args.reason))


def _people_reactivate(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(people.reactivate(uow, args.user_name, args.reason))


def _add(
    sub: Any, name: str, handler: Handler, help_text: str, parent: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help_text, description=help_text, parents=[parent]
    )
    parser.set_defaults(handler=handler)
    return parser


def _versioned(parser: argparse.ArgumentParser, *, reason_required: bool = False) -> None:
    parser.add_argument("--reason", required=reason_required, help="why (kept in the audit log)")
    parser.add_argument(
        "--expected-version", type=int, help="refuse if the record changed since this version"
    )


def build_parser() -> argparse.ArgumentParser:
    parent = _common_parent()
    parser = argparse.ArgumentParser(
        prog="verifier",
        description="Source Verifier command line: cases, sources, testimonies, claims, evidence.",
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        help="workspace folder (default: $VERIFIER_HOME or the user data folder)",
    )
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: $VERIFIER_DB or SQLite in the workspace)"
    )
    parser.add_argument(
        "--user", help="name recorded in the audit log (default: $VERIFIER_USER or the login)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    groups = parser.add_subparsers(dest="group", required=True, metavar="COMMAND")

    _add(groups, "info", _info, "show the workspace, database and vault in use", parent)
    db = groups.add_parser("db", help="database schema").add_subparsers(dest="cmd", required=True)
    _add(db, "status", _db_status, "show the schema version", parent)
    _add(db, "upgrade", _db_status, "upgrade the schema (also done on every open)", parent)

    case = groups.add_parser("case", help="cases (stories under investigation)").add_subparsers(
        dest="cmd", required=True
    )
    p = _add(case, "create", _case_create, "open a new case", parent)
    p.add_argument("title")
    p.add_argument("--summary")
    _add(case, "list", _case_list, "list cases", parent)
    _add(case, "show", _case_show, "show a case", parent).add_argument("id", type=int)
    p = _add(case, "update", _case_update, "change a case", parent)
    p.add_argument("id", type=int)
    p.add_argument("--title")
    p.add_argument("--summary")
    p.add_argument("--status", choices=_choices(CaseStatus))
    _versioned(p)
    p = _add(case, "delete", _case_delete, "delete an empty case", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    source = groups.add_parser("source", help="sources, known by alias").add_subparsers(
        dest="cmd", required=True
    )
    for name, handler, help_text in (
        ("add", _source_add, "log a source in a case"),
        ("update", _source_update, "change a source"),
    ):
        p = _add(source, name, handler, help_text, parent)
        adding = name == "add"
        if adding:
            p.add_argument("case", type=int)
            p.add_argument("alias")
        else:
            p.add_argument("id", type=int)
            p.add_argument("--alias")
        p.add_argument("--description", help="the agreed public description")
        p.add_argument(
            "--kind", choices=_choices(SourceKind), default=SourceKind.OTHER.value if adding else None
        )
        p.add_argument(
            "--anonymity", choices=_choices(Anonymity), default=Anonymity.ANONYMOUS.value if adding else None
        )
        p.add_argument("--anonymous-from", choices=_choices(Audience), action="append", help="repeatable")
        p.add_argument("--reason-given", help="why the source asked not to be named")
        p.add_argument("--reason-granted", help="why the newsroom agreed")
        p.add_argument("--agreement-date", type=parse_date)
        p.add_argument("--agreement-terms")
        p.add_argument("--notes")
        if not adding:
            _versioned(p)
    _add(source, "list", _source_list, "list a case's sources", parent).add_argument("case", type=int)
    _add(source, "show", _source_show, "show a source", parent).add_argument("id", type=int)
    p = _add(source, "delete", _source_delete, "delete a source", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p = _add(
        source, "attest", _source_attest, "an editor attests to knowing the identity (not stored)", parent
    )
    p.add_argument("id", type=int)
    p.add_argument("editor")
    p.add_argument("--note")
    p.add_argument("--withdraw", action="store_true", help="withdraw the attestation (needs --reason)")
    p.add_argument("--reason")
    p = _add(source, "grade", _source_grade, "grade reliability (Admiralty A-F) with a rationale", parent)
    p.add_argument("id", type=int)
    p.add_argument("grade", choices=_choices(SourceReliability))
    p.add_argument("rationale")
    _add(source, "grades", _source_grades, "the history of a source's grades", parent).add_argument(
        "id", type=int
    )
    p = _add(source, "relate", _source_relate, "record that two sources are related", parent)
    p.add_argument("id", type=int)
    p.add_argument("kind", choices=_choices(RelationshipKind))
    p.add_argument("other", type=int)
    p.add_argument("--note")
    p = _add(source, "unrelate", _source_unrelate, "remove a relationship", parent)
    p.add_argument("relationship", type=int)
    p.add_argument("--reason", required=True)
    _add(source, "relations", _source_relations, "relationships among a case's sources", parent).add_argument(
        "case", type=int
    )

    testimony = groups.add_parser("testimony", help="testimonies").add_subparsers(dest="cmd", required=True)
    for name, handler, help_text in (
        ("add", _testimony_add, "record a testimony"),
        ("update", _testimony_update, "change a testimony (earlier transcripts are kept)"),
    ):
        p = _add(testimony, name, handler, help_text, parent)
        adding = name == "add"
        if adding:
            p.add_argument("source", type=int, help="the source's id")
        else:
            p.add_argument("id", type=int)
            p.add_argument("--source", type=int)
        p.add_argument("--taken-at", type=parse_time, help="ISO 8601 with zone, when known to the minute")
        _when_options(p)
        p.add_argument(
            "--medium", choices=_choices(Medium), default=Medium.IN_PERSON.value if adding else None
        )
        p.add_argument("--language", help="BCP 47 tag, e.g. ckb, ar, en")
        p.add_argument("--translator")
        p.add_argument("--interviewer")
        p.add_argument("--place", type=int, help="a gazetteer place id")
        p.add_argument("--place-text", help="where, in words")
        p.add_argument("--attribution", choices=_choices(Anonymity), help="if not the source's own terms")
        p.add_argument("--transcript")
        p.add_argument("--transcript-file", type=Path)
        p.add_argument("--notes")
        if not adding:
            _versioned(p)
    _add(testimony, "list", _testimony_list, "list a case's testimonies", parent).add_argument(
        "case", type=int
    )
    _add(testimony, "show", _testimony_show, "show a testimony", parent).add_argument("id", type=int)
    _add(
        testimony, "revisions", _testimony_revisions, "earlier versions of a transcript", parent
    ).add_argument("id", type=int)
    p = _add(
        testimony, "attach", _testimony_attach, "keep an audio file or document with a testimony", parent
    )
    p.add_argument("id", type=int)
    p.add_argument("file", type=Path)
    p.add_argument("--kind", choices=_choices(AttachmentKind), default=AttachmentKind.AUDIO.value)
    _add(
        testimony, "attachments", _testimony_attachments, "list a testimony's attachments", parent
    ).add_argument("id", type=int)
    p = _add(testimony, "delete", _testimony_delete, "delete a testimony", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    claim = groups.add_parser("claim", help="claims").add_subparsers(dest="cmd", required=True)
    for name, handler, help_text in (
        ("add", _claim_add, "add a claim (from a testimony passage with --testimony and --quote)"),
        ("update", _claim_update, "change a claim (status and verdict need --reason)"),
    ):
        p = _add(claim, name, handler, help_text, parent)
        if name == "add":
            p.add_argument("case", type=int)
            p.add_argument("statement")
            p.add_argument("--testimony", type=int, help="the testimony it is drawn from")
            p.add_argument("--quote", help="the passage of that testimony")
            p.add_argument("--connection", choices=_choices(Connection), help="the source's connection to it")
            p.add_argument("--evidence", type=int, help="the evidence item it is drawn from")
            p.add_argument(
                "--relation",
                choices=_choices(EvidenceRelation),
                default=EvidenceRelation.SUPPORTS.value,
                help="how that evidence bears on it (default: supports)",
            )
        else:
            p.add_argument("id", type=int)
            p.add_argument("--statement")
            p.add_argument("--status", choices=_choices(ClaimStatus))
            p.add_argument("--verdict", choices=_choices(Verdict))
            p.add_argument("--clear-place", action="store_true")
            p.add_argument("--clear-when", action="store_true")
            p.add_argument("--clear-quantities", action="store_true")
            _versioned(p)
        p.add_argument("--what", help="the kind of event")
        p.add_argument("--who", help="the actors")
        p.add_argument("--place", type=int, help="a gazetteer place id")
        p.add_argument("--place-text", help="the place as stated")
        p.add_argument("--place-precision", choices=_choices(PlacePrecision))
        _when_options(p)
        p.add_argument(
            "--quantity", action="append", help="e.g. '50-150 fighters, with their families' (repeatable)"
        )
    _add(claim, "list", _claim_list, "list a case's claims", parent).add_argument("case", type=int)
    _add(claim, "show", _claim_show, "show a claim and its links", parent).add_argument("id", type=int)
    p = _add(claim, "grade", _claim_grade, "grade credibility (Admiralty 1-6) with a rationale", parent)
    p.add_argument("id", type=int)
    p.add_argument("credibility", choices=_choices(Credibility))
    p.add_argument("rationale")
    p = _add(claim, "delete", _claim_delete, "delete a claim and its links", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    ev = groups.add_parser("evidence", help="evidence files in the vault").add_subparsers(
        dest="cmd", required=True
    )
    p = _add(ev, "add", _evidence_add, "store files in the vault and record their submission", parent)
    p.add_argument("case", type=int)
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--kind", choices=_choices(EvidenceKind), default=EvidenceKind.PHOTO.value)
    p.add_argument("--submitted-by", type=int, help="the submitting source's id")
    p.add_argument("--received-at", type=parse_time)
    p.add_argument("--notes")
    _add(ev, "list", _evidence_list, "list a case's evidence", parent).add_argument("case", type=int)
    _add(ev, "show", _evidence_show, "show an evidence item", parent).add_argument("id", type=int)
    p = _add(ev, "update", _evidence_update, "change what is recorded about a submission", parent)
    p.add_argument("id", type=int)
    p.add_argument("--kind", choices=_choices(EvidenceKind))
    p.add_argument("--submitted-by", type=int)
    p.add_argument("--received-at", type=parse_time)
    p.add_argument("--notes")
    _versioned(p)
    p = _add(ev, "delete", _evidence_delete, "delete a submission record (the original stays)", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p = _add(ev, "extract", _evidence_extract, "copy an original out of the vault", parent)
    p.add_argument("id", type=int)
    p.add_argument("destination", type=Path)

    place = groups.add_parser("place", help="the gazetteer").add_subparsers(dest="cmd", required=True)
    for name, handler, help_text in (
        ("add", _place_add, "add a place"),
        ("update", _place_update, "change a place"),
    ):
        p = _add(place, name, handler, help_text, parent)
        if name == "add":
            p.add_argument("name")
        else:
            p.add_argument("id", type=int)
            p.add_argument("--name")
            p.add_argument("--clear-coordinates", action="store_true")
        p.add_argument("--lat", type=float)
        p.add_argument("--lon", type=float)
        p.add_argument(
            "--precision",
            choices=_choices(PlacePrecision),
            default=PlacePrecision.LOCALITY.value if name == "add" else None,
        )
        p.add_argument("--alias", action="append", help="another spelling or script (repeatable)")
        p.add_argument("--notes")
        if name == "update":
            _versioned(p)
        else:
            p.add_argument("--new", action="store_true", help="add it even if a similar name exists")
    _add(place, "list", _place_list, "list places", parent)
    p = _add(place, "suggest", _place_suggest, "existing places with a similar name, in any script", parent)
    p.add_argument("name")
    p.add_argument("--min-score", type=float, default=places.SUGGEST_MIN_SCORE)
    p = _add(
        place, "near", _place_near, "named places nearest a point (gazetteer and offline world towns)", parent
    )
    p.add_argument("lat", type=float)
    p.add_argument("lon", type=float)
    p.add_argument("--limit", type=int, default=5)
    _add(place, "show", _place_show, "show a place", parent).add_argument("id", type=int)
    p = _add(place, "delete", _place_delete, "delete a place", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    link = groups.add_parser("link", help="typed links between claims and evidence, claims, testimonies")
    link_sub = link.add_subparsers(dest="cmd", required=True)
    p = _add(link_sub, "evidence", _link_evidence, "link a claim to an evidence item", parent)
    p.add_argument("claim", type=int)
    p.add_argument("evidence", type=int)
    p.add_argument("relation", choices=_choices(EvidenceRelation))
    p.add_argument("--note")
    p = _add(link_sub, "claim", _link_claim, "link a claim to another claim", parent)
    p.add_argument("claim", type=int)
    p.add_argument("other", type=int)
    p.add_argument("relation", choices=_choices(ClaimRelation))
    p.add_argument("--note")
    p = _add(link_sub, "testimony", _link_testimony, "link a claim to a testimony", parent)
    p.add_argument("claim", type=int)
    p.add_argument("testimony", type=int)
    p.add_argument("relation", choices=_choices(TestimonyRelation))
    p.add_argument("--quote")
    p.add_argument("--connection", choices=_choices(Connection))
    p.add_argument("--note")
    p = _add(groups, "unlink", _unlink, "remove a typed link", parent)
    p.add_argument("kind", choices=["evidence", "claim", "testimony"])
    p.add_argument("id", type=int)
    p.add_argument("--reason")

    p = _add(groups, "import", _import, "take in photos: files and folders (recursively), read once", parent)
    p.add_argument("case", type=int)
    p.add_argument("paths", type=Path, nargs="+")
    p.add_argument("--submitted-by", type=int, help="the submitting source's id")
    p.add_argument("--arrival", choices=_choices(ArrivalChannel), help="how the files arrived")
    p.add_argument("--received-at", type=parse_time, help="when they arrived (ISO 8601 with zone)")
    p.add_argument("--caption", help="what the submitter said the photos show")
    p.add_argument("--claimed-date", help="when the submitter says they were taken, as said")
    p.add_argument("--claimed-place", help="where the submitter says they were taken, as said")
    p.add_argument("--notes")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds one file may take (default 30)")
    p = _add(groups, "check", _check, "run the cross-reference rules: findings and corroboration", parent)
    p.add_argument("case", type=int)
    narrow = p.add_mutually_exclusive_group()
    narrow.add_argument("--claim", type=int, help="only findings about this claim")
    narrow.add_argument("--evidence", type=int, help="only findings about this evidence item")
    narrow.add_argument("--source", type=int, help="only findings about this source")
    narrow.add_argument("--testimony", type=int, help="only findings about this testimony")
    p = _add(groups, "photo", _photo, "what the readers found in a photo (summary, or --raw tables)", parent)
    p.add_argument("id", type=int, help="the evidence id")
    p.add_argument("--raw", action="store_true", help="every tag by group, XMP, IPTC, file facts, C2PA")
    p = _add(groups, "similar", _similar, "the nearest photos in every case (perceptual hash)", parent)
    p.add_argument("id", type=int, help="the evidence id")
    p.add_argument("--max-distance", type=int, default=10, help="Hamming distance in bits (default 10)")
    _add(groups, "rescan", _rescan, "read every stored photo's metadata again", parent)
    p = _add(groups, "thumbnail", _thumbnail, "write a photo's 256-px thumbnail to a file", parent)
    p.add_argument("id", type=int)
    p.add_argument("output", type=Path)

    p = _add(groups, "export", _export, "export a case behind the leak guard (audited)", parent)
    p.add_argument("case", type=int, help="the case")
    p.add_argument("dest", help="the export folder to create (must not exist)")
    p.add_argument("--profile", required=True, choices=["public", "partner", "legal", "internal"])
    p.add_argument(
        "--format",
        action="append",
        choices=["html", "pdf", "md", "csv", "claimreview"],
        help="repeatable; default html",
    )
    p.add_argument("--claims", help="only these claim ids, e.g. 1,2")
    p.add_argument(
        "--holder", help="key holder who unlocks the leak guard (needed when identities are sealed)"
    )
    p.add_argument("--passphrase-stdin", action="store_true")

    team = groups.add_parser("people", help="the newsroom team: people and their roles").add_subparsers(
        dest="cmd", required=True
    )
    roles = _choices(Role)
    p = _add(team, "add", _people_add, "register a person (the first must be an administrator)", parent)
    p.add_argument("user_name", help="the name their actions are recorded under (--user)")
    p.add_argument("--role", required=True, choices=roles)
    p.add_argument("--name", help="display name")
    _add(team, "list", _people_list, "list the people of the team", parent)
    p = _add(team, "set-role", _people_set_role, "change a person's role", parent)
    p.add_argument("user_name")
    p.add_argument("role", choices=roles)
    p.add_argument("--reason")
    p = _add(team, "deactivate", _people_deactivate, "refuse a person from now on", parent)
    p.add_argument("user_name")
    p.add_argument("--reason")
    p = _add(team, "reactivate", _people_reactivate, "let a deactivated person in again", parent)
    p.add_argument("user_name")
    p.add_argument("--reason")

    keys = groups.add_parser("keys", help="key holders for sealed identities").add_subparsers(
        dest="cmd", required=True
    )
    p = _add(keys, "enroll", _keys_enroll, "give a person (or 'workspace') a passphrase-locked key", parent)
    p.add_argument("holder")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    _add(keys, "list", _keys_list, "list key holders", parent)
    p = _add(keys, "passwd", _keys_passwd, "change a holder's passphrase", parent)
    p.add_argument("holder")
    p.add_argument("--passphrase-stdin", action="store_true", help="read old then new passphrase from stdin")

    identity = groups.add_parser("identity", help="a source's sealed real identity").add_subparsers(
        dest="cmd", required=True
    )
    p = _add(identity, "seal", _identity_seal, "seal a source's identity (name=value lines on stdin)", parent)
    p.add_argument("id", type=int, help="the source")
    p.add_argument("--holder", action="append", required=True, help="who may unseal it (repeatable)")
    p = _add(identity, "unseal", _identity_unseal, "show a sealed identity (audited, needs a reason)", parent)
    p.add_argument("id", type=int)
    p.add_argument("--holder", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--passphrase-stdin", action="store_true")
    p = _add(identity, "grant", _identity_grant, "let another holder unseal it", parent)
    p.add_argument("id", type=int)
    p.add_argument("--holder", required=True, help="an entitled holder (asks their passphrase)")
    p.add_argument("--to", required=True, help="the holder to add")
    p.add_argument("--passphrase-stdin", action="store_true")
    p = _add(identity, "revoke", _identity_revoke, "remove a holder's access", parent)
    p.add_argument("id", type=int)
    p.add_argument("--holder", required=True)
    p.add_argument("--reason", required=True)
    p = _add(identity, "shred", _identity_shred, "destroy the identity's key for good", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    p = _add(
        groups, "search", _search, "full-text search over testimonies, claims, sources and places", parent
    )
    p.add_argument("terms", nargs="+")
    p.add_argument("--case", type=int)
    p.add_argument("--kind", action="append", choices=["source", "testimony", "claim", "place"])
    p.add_argument("--limit", type=int, default=20)
    p = _add(groups, "reindex", _search_reindex, "rebuild the full-text search index", parent)

    _add_bundle_commands(groups, parent)

    vault = groups.add_parser("vault", help="the evidence vault").add_subparsers(dest="cmd", required=True)
    _add(vault, "verify", _vault_verify, "re-hash every original; report missing, altered, orphaned", parent)

    audit = groups.add_parser("audit", help="the audit log").add_subparsers(dest="cmd", required=True)
    _add(
        audit,
        "verify",
        _audit_verify,
        "check the hash chain; name any edited, removed or moved entry",
        parent,
    )
    p = _add(audit, "log", _audit_log, "show recent audit entries", parent)
    p.add_argument("--case", type=int)
    p.add_argument("--entity", choices=_choices(EntityType))
    p.add_argument("--entity-id", type=int)
    p.add_argument("--limit", type=int, default=50)
    return parser


UNEXPECTED_ERROR_EXIT = 70  # EX_SOFTWARE


def _report_error(as_json: bool, kind: str, message: str) -> None:
    if as_json:
        print(json.dumps({"error": {"type": kind, "message": message}}, ensure_ascii=False))
    else:
        print(f"error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.json = getattr(args, "json", False)
    settings = Settings.resolve(workspace=args.workspace, database_url=args.db, user=args.user)
    log_dir = settings.log_dir if settings.workspace.is_dir() else None
    configure_logging(log_dir, stderr_level=logging.INFO if args.verbose else logging.WARNING)
    ctx = Context(settings)
    try:
        output: Output = args.handler(ctx, args)
    except VerifierError as exc:
        if args.json:
            print(
                json.dumps({"error": {"type": type(exc).__name__, "message": str(exc)}}, ensure_ascii=False)
            )
        else:
            print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        ctx.close()
    if args.json:
        payload = to_jsonable(output.data)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        text = render_text(output)
        if text:
            print(text)
    return output.exit_code


if __name__ == "__main__":
    sys.exit(main())
