"""The ``verifier`` command: batch work and scripting over the same services as the GUI.

Every command prints a human-readable result, or JSON with ``--json`` (anywhere on the line).
Exit codes: 0 success, 1 a check found problems, 2 invalid input, 3 not found, 4 conflict,
5 configuration, 6 storage, 130 cancelled.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from verifier import __version__
from verifier.domain import (
    Anonymity,
    CaseStatus,
    ClaimRelation,
    ClaimStatus,
    EntityType,
    EvidenceKind,
    EvidenceRelation,
    Medium,
    PlacePrecision,
    SourceKind,
    TestimonyRelation,
    Verdict,
)
from verifier.errors import InvalidInput, VerifierError
from verifier.logs import configure_logging
from verifier.services import cases, claims, evidence, integrity, links, places, sources, testimonies
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
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _source_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        sources.delete_source(uow, args.id, args.reason)
    return Output({"deleted": "source", "id": args.id})


def _testimony_add(ctx: Context, args: argparse.Namespace) -> Output:
    transcript = _read_text_arg(args.transcript, args.transcript_file) or ""
    with ctx.workspace().transaction() as uow:
        return Output(
            testimonies.record_testimony(
                uow,
                args.source,
                taken_at=args.taken_at,
                medium=args.medium,
                language=args.language or "",
                transcript=transcript,
                notes=args.notes or "",
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
                medium=args.medium,
                language=args.language,
                transcript=transcript,
                notes=args.notes,
                reason=args.reason,
                expected_version=args.expected_version,
            )
        )


def _testimony_delete(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        testimonies.delete_testimony(uow, args.id, args.reason)
    return Output({"deleted": "testimony", "id": args.id})


def _claim_add(ctx: Context, args: argparse.Namespace) -> Output:
    with ctx.workspace().transaction() as uow:
        return Output(claims.add_claim(uow, args.case, args.statement))


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
                uow, args.claim, args.testimony, args.relation, quote=args.quote or "", note=args.note or ""
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
    show_progress = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, _sha: str) -> None:
        if show_progress:
            print(f"\rChecking originals: {done}/{total}", end="", file=sys.stderr, flush=True)

    with ws.reading() as session:
        report = integrity.verify_vault(session, ws.vault, progress)
    if show_progress:
        print(file=sys.stderr)
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


# --- parser ----------------------------------------------------------------------------------


def _common_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    return parent


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
    p = _add(source, "add", _source_add, "log a source in a case", parent)
    p.add_argument("case", type=int)
    p.add_argument("alias")
    p.add_argument("--description", help="the agreed public description")
    p.add_argument("--kind", choices=_choices(SourceKind), default=SourceKind.OTHER.value)
    p.add_argument("--anonymity", choices=_choices(Anonymity), default=Anonymity.ANONYMOUS.value)
    p.add_argument("--notes")
    _add(source, "list", _source_list, "list a case's sources", parent).add_argument("case", type=int)
    _add(source, "show", _source_show, "show a source", parent).add_argument("id", type=int)
    p = _add(source, "update", _source_update, "change a source", parent)
    p.add_argument("id", type=int)
    p.add_argument("--alias")
    p.add_argument("--description")
    p.add_argument("--kind", choices=_choices(SourceKind))
    p.add_argument("--anonymity", choices=_choices(Anonymity))
    p.add_argument("--notes")
    _versioned(p)
    p = _add(source, "delete", _source_delete, "delete a source", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    testimony = groups.add_parser("testimony", help="testimonies").add_subparsers(dest="cmd", required=True)
    for name, handler, help_text in (
        ("add", _testimony_add, "record a testimony"),
        ("update", _testimony_update, "change a testimony"),
    ):
        p = _add(testimony, name, handler, help_text, parent)
        if name == "add":
            p.add_argument("source", type=int, help="the source's id")
        else:
            p.add_argument("id", type=int)
            p.add_argument("--source", type=int)
        p.add_argument("--taken-at", type=parse_time, help="ISO 8601 with zone")
        p.add_argument(
            "--medium", choices=_choices(Medium), default=Medium.IN_PERSON.value if name == "add" else None
        )
        p.add_argument("--language", help="BCP 47 tag, e.g. ckb, ar, en")
        p.add_argument("--transcript")
        p.add_argument("--transcript-file", type=Path)
        p.add_argument("--notes")
        if name == "update":
            _versioned(p)
    _add(testimony, "list", _testimony_list, "list a case's testimonies", parent).add_argument(
        "case", type=int
    )
    _add(testimony, "show", _testimony_show, "show a testimony", parent).add_argument("id", type=int)
    p = _add(testimony, "delete", _testimony_delete, "delete a testimony", parent)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)

    claim = groups.add_parser("claim", help="claims").add_subparsers(dest="cmd", required=True)
    p = _add(claim, "add", _claim_add, "add a claim to a case", parent)
    p.add_argument("case", type=int)
    p.add_argument("statement")
    _add(claim, "list", _claim_list, "list a case's claims", parent).add_argument("case", type=int)
    _add(claim, "show", _claim_show, "show a claim and its links", parent).add_argument("id", type=int)
    p = _add(claim, "update", _claim_update, "change a claim (status and verdict need --reason)", parent)
    p.add_argument("id", type=int)
    p.add_argument("--statement")
    p.add_argument("--status", choices=_choices(ClaimStatus))
    p.add_argument("--verdict", choices=_choices(Verdict))
    _versioned(p)
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
    _add(place, "list", _place_list, "list places", parent)
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
    p.add_argument("--note")
    p = _add(groups, "unlink", _unlink, "remove a typed link", parent)
    p.add_argument("kind", choices=["evidence", "claim", "testimony"])
    p.add_argument("id", type=int)
    p.add_argument("--reason")

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
