"""The records a bundle carries: which tables, how their references are renumbered, how values
are written as JSON and read back, checked against the receiving workspace's columns.

Every column of a carried table is written (so a column added by a later migration travels
without code here changing); a value is read back by its column's type, and a record naming a
column this workspace does not have is refused rather than silently dropped.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, Text, inspect
from sqlalchemy import Enum as SAEnum

from verifier.bundles.chain import parse_time
from verifier.bundles.errors import BundleRefused
from verifier.domain import EntityType
from verifier.storage.audit import format_time
from verifier.storage.models import (
    Base,
    CaseRow,
    ClaimClaimRow,
    ClaimEvidenceRow,
    ClaimQuantityRow,
    ClaimRow,
    ClaimTestimonyRow,
    EvidenceRow,
    PhotoMetadataRow,
    PlaceAliasRow,
    PlaceRow,
    SourceAttestationRow,
    SourceGradeRow,
    SourceKeyringRow,
    SourceRelationshipRow,
    SourceRow,
    SourceSealRow,
    TestimonyAttachmentRow,
    TestimonyRevisionRow,
    TestimonyRow,
)
from verifier.storage.types import UtcDateTime

RECORDS_FORMAT = 1


@dataclass(frozen=True)
class Table:
    """One carried table: its key in the records document, model, references and audit kind."""

    key: str
    model: type[Base]
    references: Mapping[str, str]  # column -> key of the table it refers to
    entity: EntityType | None  # audited as this kind on import (None: part of its parent's record)
    label: str


# In insertion order: every table comes after the tables it refers to.
TABLES: tuple[Table, ...] = (
    Table("places", PlaceRow, {}, EntityType.PLACE, "place"),
    Table("place_aliases", PlaceAliasRow, {"place_id": "places"}, None, "place alias"),
    Table("case", CaseRow, {}, EntityType.CASE, "case"),
    Table("sources", SourceRow, {"case_id": "case"}, EntityType.SOURCE, "source"),
    Table("source_grades", SourceGradeRow, {"source_id": "sources"}, EntityType.SOURCE_GRADE, "grade"),
    Table(
        "source_attestations",
        SourceAttestationRow,
        {"source_id": "sources"},
        EntityType.SOURCE_ATTESTATION,
        "attestation",
    ),
    Table(
        "source_relationships",
        SourceRelationshipRow,
        {"source_id": "sources", "other_source_id": "sources"},
        EntityType.SOURCE_RELATIONSHIP,
        "relationship",
    ),
    Table("source_seals", SourceSealRow, {"source_id": "sources"}, None, "sealed identity"),
    Table("source_keyrings", SourceKeyringRow, {"source_id": "sources"}, None, "identity key ring"),
    Table(
        "testimonies",
        TestimonyRow,
        {"case_id": "case", "source_id": "sources", "place_id": "places"},
        EntityType.TESTIMONY,
        "testimony",
    ),
    Table("testimony_revisions", TestimonyRevisionRow, {"testimony_id": "testimonies"}, None, "revision"),
    Table(
        "testimony_attachments",
        TestimonyAttachmentRow,
        {"testimony_id": "testimonies"},
        EntityType.TESTIMONY_ATTACHMENT,
        "attachment",
    ),
    Table("claims", ClaimRow, {"case_id": "case", "place_id": "places"}, EntityType.CLAIM, "claim"),
    Table("claim_quantities", ClaimQuantityRow, {"claim_id": "claims"}, None, "quantity"),
    Table(
        "evidence",
        EvidenceRow,
        {"case_id": "case", "submitted_by_id": "sources"},
        EntityType.EVIDENCE,
        "evidence item",
    ),
    Table(
        "claim_evidence",
        ClaimEvidenceRow,
        {"claim_id": "claims", "evidence_id": "evidence"},
        EntityType.CLAIM_EVIDENCE,
        "claim-evidence link",
    ),
    Table(
        "claim_claims",
        ClaimClaimRow,
        {"claim_id": "claims", "other_claim_id": "claims"},
        EntityType.CLAIM_CLAIM,
        "claim-claim link",
    ),
    Table(
        "claim_testimonies",
        ClaimTestimonyRow,
        {"claim_id": "claims", "testimony_id": "testimonies"},
        EntityType.CLAIM_TESTIMONY,
        "claim-testimony link",
    ),
    Table("photo_metadata", PhotoMetadataRow, {}, None, "photo metadata"),
)
TABLES_BY_KEY = {table.key: table for table in TABLES}
# Columns that the receiving workspace assigns itself.
RENUMBERED = frozenset({"id", "version"})


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_to_dict(row: Base) -> dict[str, Any]:
    """Every column of a row, JSON-ready."""
    return {column.key: _encode(getattr(row, column.key)) for column in inspect(type(row)).columns}


def _decode(table: Table, index: int, name: str, column: Any, value: Any) -> Any:
    where = f"{table.label} {index + 1} of the bundle, field '{name}'"
    if value is None:
        if not column.nullable and not column.primary_key:
            raise BundleRefused(f"The bundle's records are damaged: {where} is empty.")
        return None
    kind = column.type
    try:
        if isinstance(kind, UtcDateTime):
            return parse_time(value)
        if isinstance(kind, SAEnum):
            enum_class = kind.enum_class
            return enum_class(value) if enum_class is not None else str(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError
            return float(value)
        if isinstance(kind, String | Text):
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError):
        raise BundleRefused(f"The bundle's records are damaged: {where} holds {value!r}.") from None
    raise BundleRefused(f"The bundle's records use a column this version cannot read: {where}.")


def decode_values(table: Table, index: int, item: Any) -> dict[str, Any]:
    """The column values of one carried record, checked and typed (ids not renumbered yet).

    Raises:
        BundleRefused: not an object, an unknown column, or a value of the wrong type.
    """
    if not isinstance(item, dict):
        raise BundleRefused(f"The bundle's records are damaged: {table.label} {index + 1} is not a record.")
    columns = {column.key: column for column in inspect(table.model).columns}
    unknown = sorted(set(item) - set(columns))
    if unknown:
        raise BundleRefused(
            f"The bundle's {table.label} records have fields this workspace does not know "
            f"({', '.join(unknown)}): it was made by a newer version of Source Verifier. Update the app."
        )
    return {name: _decode(table, index, name, columns[name], value) for name, value in item.items()}
