"""Human words for the domain's enums, translatable.

The core stores enum *values* (``"on_record"``); a user reads words ("On the record (named)").
Every label is marked with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` collects it, and is
translated when asked for, so a language switch or a translator loaded after import still applies.
"""

from __future__ import annotations

import enum
import unicodedata
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from verifier.domain.enums import (
    Anonymity,
    AttachmentKind,
    Audience,
    AuditAction,
    CaseStatus,
    ClaimOrigin,
    ClaimRelation,
    ClaimStatus,
    Connection,
    EntityType,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    Medium,
    PlacePrecision,
    RelationshipKind,
    SourceKind,
    TestimonyRelation,
    Verdict,
)
from verifier.domain.values import Credibility, Interval, SourceReliability, TimePrecision

_CONTEXT = "Vocabulary"

# QT_TRANSLATE_NOOP returns its text unchanged, but PySide's stubs type it as object.
_LABEL_LIST: list[tuple[enum.Enum, object]] = [
    (CaseStatus.OPEN, QT_TRANSLATE_NOOP("Vocabulary", "Open")),
    (CaseStatus.CLOSED, QT_TRANSLATE_NOOP("Vocabulary", "Closed")),
    (CaseStatus.ARCHIVED, QT_TRANSLATE_NOOP("Vocabulary", "Archived")),
    (SourceKind.EYEWITNESS, QT_TRANSLATE_NOOP("Vocabulary", "Eyewitness")),
    (SourceKind.LOCAL_RESIDENT, QT_TRANSLATE_NOOP("Vocabulary", "Local resident")),
    (SourceKind.OFFICIAL, QT_TRANSLATE_NOOP("Vocabulary", "Official")),
    (SourceKind.STAFF, QT_TRANSLATE_NOOP("Vocabulary", "Newsroom staff")),
    (SourceKind.SUBMITTER, QT_TRANSLATE_NOOP("Vocabulary", "Sent material")),
    (SourceKind.DOCUMENT, QT_TRANSLATE_NOOP("Vocabulary", "Document")),
    (SourceKind.OTHER, QT_TRANSLATE_NOOP("Vocabulary", "Other")),
    (Anonymity.ON_RECORD, QT_TRANSLATE_NOOP("Vocabulary", "On the record (named)")),
    (Anonymity.BACKGROUND, QT_TRANSLATE_NOOP("Vocabulary", "On background (not named)")),
    (Anonymity.ANONYMOUS, QT_TRANSLATE_NOOP("Vocabulary", "Anonymous (description only)")),
    (Anonymity.CONFIDENTIAL, QT_TRANSLATE_NOOP("Vocabulary", "Confidential (never mentioned)")),
    (Medium.IN_PERSON, QT_TRANSLATE_NOOP("Vocabulary", "In person")),
    (Medium.PHONE, QT_TRANSLATE_NOOP("Vocabulary", "Phone")),
    (Medium.MESSAGING, QT_TRANSLATE_NOOP("Vocabulary", "Messaging app")),
    (Medium.EMAIL, QT_TRANSLATE_NOOP("Vocabulary", "Email")),
    (Medium.DOCUMENT, QT_TRANSLATE_NOOP("Vocabulary", "Document")),
    (Medium.OTHER, QT_TRANSLATE_NOOP("Vocabulary", "Other")),
    (ClaimStatus.UNVERIFIED, QT_TRANSLATE_NOOP("Vocabulary", "Unverified")),
    (ClaimStatus.IN_PROGRESS, QT_TRANSLATE_NOOP("Vocabulary", "Being checked")),
    (ClaimStatus.CORROBORATED, QT_TRANSLATE_NOOP("Vocabulary", "Corroborated")),
    (ClaimStatus.CONTRADICTED, QT_TRANSLATE_NOOP("Vocabulary", "Contradicted")),
    (Verdict.VERIFIED, QT_TRANSLATE_NOOP("Vocabulary", "Verified")),
    (Verdict.PARTLY_VERIFIED, QT_TRANSLATE_NOOP("Vocabulary", "Partly verified")),
    (Verdict.UNSUBSTANTIATED, QT_TRANSLATE_NOOP("Vocabulary", "Unsubstantiated")),
    (Verdict.FALSE, QT_TRANSLATE_NOOP("Vocabulary", "False")),
    (Verdict.NOT_CHECKABLE, QT_TRANSLATE_NOOP("Vocabulary", "Not checkable")),
    (EvidenceKind.PHOTO, QT_TRANSLATE_NOOP("Vocabulary", "Photo")),
    (EvidenceKind.VIDEO, QT_TRANSLATE_NOOP("Vocabulary", "Video")),
    (EvidenceKind.AUDIO, QT_TRANSLATE_NOOP("Vocabulary", "Audio")),
    (EvidenceKind.DOCUMENT, QT_TRANSLATE_NOOP("Vocabulary", "Document")),
    (EvidenceKind.OTHER, QT_TRANSLATE_NOOP("Vocabulary", "Other")),
    (PlacePrecision.EXACT, QT_TRANSLATE_NOOP("Vocabulary", "Exact point")),
    (PlacePrecision.VICINITY, QT_TRANSLATE_NOOP("Vocabulary", "Vicinity")),
    (PlacePrecision.LOCALITY, QT_TRANSLATE_NOOP("Vocabulary", "Town or village")),
    (PlacePrecision.REGION, QT_TRANSLATE_NOOP("Vocabulary", "Region")),
    (EvidenceRelation.SUPPORTS, QT_TRANSLATE_NOOP("Vocabulary", "Supports")),
    (EvidenceRelation.CONTRADICTS, QT_TRANSLATE_NOOP("Vocabulary", "Contradicts")),
    (EvidenceRelation.GEOLOCATES, QT_TRANSLATE_NOOP("Vocabulary", "Geolocates")),
    (EvidenceRelation.CHRONOLOCATES, QT_TRANSLATE_NOOP("Vocabulary", "Dates")),
    (EvidenceRelation.ILLUSTRATIVE, QT_TRANSLATE_NOOP("Vocabulary", "Illustrates")),
    (ClaimRelation.CORROBORATES, QT_TRANSLATE_NOOP("Vocabulary", "Corroborates")),
    (ClaimRelation.PARTLY_CORROBORATES, QT_TRANSLATE_NOOP("Vocabulary", "Partly corroborates")),
    (ClaimRelation.CONTRADICTS, QT_TRANSLATE_NOOP("Vocabulary", "Contradicts")),
    (ClaimRelation.SAME_CLAIM, QT_TRANSLATE_NOOP("Vocabulary", "Same claim as")),
    (ClaimRelation.MORE_SPECIFIC_THAN, QT_TRANSLATE_NOOP("Vocabulary", "More specific than")),
    (TestimonyRelation.ASSERTS, QT_TRANSLATE_NOOP("Vocabulary", "Asserts")),
    (TestimonyRelation.DENIES, QT_TRANSLATE_NOOP("Vocabulary", "Denies")),
    (AuditAction.CREATE, QT_TRANSLATE_NOOP("Vocabulary", "Created")),
    (AuditAction.UPDATE, QT_TRANSLATE_NOOP("Vocabulary", "Changed")),
    (AuditAction.DELETE, QT_TRANSLATE_NOOP("Vocabulary", "Deleted")),
    (AuditAction.UNSEAL, QT_TRANSLATE_NOOP("Vocabulary", "Identity unsealed")),
    (AuditAction.SHRED, QT_TRANSLATE_NOOP("Vocabulary", "Identity shredded")),
    (AuditAction.GRANT, QT_TRANSLATE_NOOP("Vocabulary", "Access granted")),
    (AuditAction.REVOKE, QT_TRANSLATE_NOOP("Vocabulary", "Access revoked")),
    (AuditAction.EXPORT, QT_TRANSLATE_NOOP("Vocabulary", "Exported")),
    (EntityType.CASE, QT_TRANSLATE_NOOP("Vocabulary", "Case")),
    (EntityType.SOURCE, QT_TRANSLATE_NOOP("Vocabulary", "Source")),
    (EntityType.TESTIMONY, QT_TRANSLATE_NOOP("Vocabulary", "Testimony")),
    (EntityType.CLAIM, QT_TRANSLATE_NOOP("Vocabulary", "Claim")),
    (EntityType.EVIDENCE, QT_TRANSLATE_NOOP("Vocabulary", "Evidence")),
    (EntityType.PLACE, QT_TRANSLATE_NOOP("Vocabulary", "Place")),
    (EntityType.CLAIM_EVIDENCE, QT_TRANSLATE_NOOP("Vocabulary", "Claim ↔ evidence link")),
    (EntityType.CLAIM_CLAIM, QT_TRANSLATE_NOOP("Vocabulary", "Claim ↔ claim link")),
    (EntityType.CLAIM_TESTIMONY, QT_TRANSLATE_NOOP("Vocabulary", "Claim ↔ testimony link")),
    (EntityType.SOURCE_RELATIONSHIP, QT_TRANSLATE_NOOP("Vocabulary", "Source relationship")),
    (EntityType.SOURCE_GRADE, QT_TRANSLATE_NOOP("Vocabulary", "Source grade")),
    (EntityType.SOURCE_ATTESTATION, QT_TRANSLATE_NOOP("Vocabulary", "Identity attestation")),
    (EntityType.TESTIMONY_ATTACHMENT, QT_TRANSLATE_NOOP("Vocabulary", "Testimony attachment")),
    (EntityType.KEY_HOLDER, QT_TRANSLATE_NOOP("Vocabulary", "Key holder")),
    (EntityType.PERSON, QT_TRANSLATE_NOOP("Vocabulary", "Person")),
    (Audience.PUBLIC, QT_TRANSLATE_NOOP("Vocabulary", "The public")),
    (Audience.COLLEAGUES, QT_TRANSLATE_NOOP("Vocabulary", "Colleagues")),
    (Audience.FAMILY, QT_TRANSLATE_NOOP("Vocabulary", "Family")),
    (IdentityState.NONE, QT_TRANSLATE_NOOP("Vocabulary", "Not recorded")),
    (IdentityState.ATTESTED, QT_TRANSLATE_NOOP("Vocabulary", "Known to editors, not stored")),
    (IdentityState.SEALED, QT_TRANSLATE_NOOP("Vocabulary", "Sealed (encrypted)")),
    (IdentityState.SHREDDED, QT_TRANSLATE_NOOP("Vocabulary", "Shredded (unrecoverable)")),
    (RelationshipKind.FRIEND, QT_TRANSLATE_NOOP("Vocabulary", "Friend")),
    (RelationshipKind.RELATIVE, QT_TRANSLATE_NOOP("Vocabulary", "Relative")),
    (RelationshipKind.COLLEAGUE, QT_TRANSLATE_NOOP("Vocabulary", "Colleague")),
    (RelationshipKind.SAME_ORGANIZATION, QT_TRANSLATE_NOOP("Vocabulary", "Same organisation")),
    (RelationshipKind.INTRODUCED_BY, QT_TRANSLATE_NOOP("Vocabulary", "Introduced by")),
    (RelationshipKind.SAME_DEVICE, QT_TRANSLATE_NOOP("Vocabulary", "Same device")),
    (Connection.SAW_IT, QT_TRANSLATE_NOOP("Vocabulary", "Saw it")),
    (Connection.HEARD_FROM_OTHERS, QT_TRANSLATE_NOOP("Vocabulary", "Heard it from others")),
    (Connection.OFFICIAL_POSITION, QT_TRANSLATE_NOOP("Vocabulary", "Official position")),
    (Connection.DOCUMENT, QT_TRANSLATE_NOOP("Vocabulary", "From a document")),
    (ClaimOrigin.TESTIMONY, QT_TRANSLATE_NOOP("Vocabulary", "From a testimony")),
    (ClaimOrigin.EVIDENCE, QT_TRANSLATE_NOOP("Vocabulary", "From evidence")),
    (ClaimOrigin.EDITOR, QT_TRANSLATE_NOOP("Vocabulary", "Written by an editor")),
    (AttachmentKind.AUDIO, QT_TRANSLATE_NOOP("Vocabulary", "Audio")),
    (AttachmentKind.DOCUMENT, QT_TRANSLATE_NOOP("Vocabulary", "Document")),
    (AttachmentKind.IMAGE, QT_TRANSLATE_NOOP("Vocabulary", "Image")),
    (AttachmentKind.OTHER, QT_TRANSLATE_NOOP("Vocabulary", "Other")),
    (TimePrecision.MINUTE, QT_TRANSLATE_NOOP("Vocabulary", "to the minute")),
    (TimePrecision.HOUR, QT_TRANSLATE_NOOP("Vocabulary", "to the hour")),
    (TimePrecision.DAY, QT_TRANSLATE_NOOP("Vocabulary", "to the day")),
    (TimePrecision.DAYS, QT_TRANSLATE_NOOP("Vocabulary", "within a few days")),
    (TimePrecision.MONTH, QT_TRANSLATE_NOOP("Vocabulary", "to the month")),
    (TimePrecision.YEAR, QT_TRANSLATE_NOOP("Vocabulary", "to the year")),
    (TimePrecision.APPROXIMATE, QT_TRANSLATE_NOOP("Vocabulary", "approximately")),
    (SourceReliability.A, QT_TRANSLATE_NOOP("Vocabulary", "Completely reliable")),
    (SourceReliability.B, QT_TRANSLATE_NOOP("Vocabulary", "Usually reliable")),
    (SourceReliability.C, QT_TRANSLATE_NOOP("Vocabulary", "Fairly reliable")),
    (SourceReliability.D, QT_TRANSLATE_NOOP("Vocabulary", "Not usually reliable")),
    (SourceReliability.E, QT_TRANSLATE_NOOP("Vocabulary", "Unreliable")),
    (SourceReliability.F, QT_TRANSLATE_NOOP("Vocabulary", "Reliability cannot be judged")),
    (Credibility.CONFIRMED, QT_TRANSLATE_NOOP("Vocabulary", "Confirmed by other sources")),
    (Credibility.PROBABLY_TRUE, QT_TRANSLATE_NOOP("Vocabulary", "Probably true")),
    (Credibility.POSSIBLY_TRUE, QT_TRANSLATE_NOOP("Vocabulary", "Possibly true")),
    (Credibility.DOUBTFUL, QT_TRANSLATE_NOOP("Vocabulary", "Doubtful")),
    (Credibility.IMPROBABLE, QT_TRANSLATE_NOOP("Vocabulary", "Improbable")),
    (Credibility.CANNOT_BE_JUDGED, QT_TRANSLATE_NOOP("Vocabulary", "Truth cannot be judged")),
]
# Keyed by (enum class, value): StrEnum members of different enums with the same value compare
# equal (EntityType.EVIDENCE == ClaimOrigin.EVIDENCE == "evidence") and would overwrite each other.
_LABELS: dict[tuple[type[enum.Enum], object], object] = {(type(m), m.value): text for m, text in _LABEL_LIST}

_ANONYMITY_EXPLAINED: dict[Anonymity, object] = {
    Anonymity.ON_RECORD: QT_TRANSLATE_NOOP(
        "Vocabulary", "May be quoted by name and title in published work."
    ),
    Anonymity.BACKGROUND: QT_TRANSLATE_NOOP(
        "Vocabulary", "Information may be used, attributed to a description, never to the name."
    ),
    Anonymity.ANONYMOUS: QT_TRANSLATE_NOOP(
        "Vocabulary",
        "Only the public description may appear in published work; the identity never leaves the newsroom.",
    ),
    Anonymity.CONFIDENTIAL: QT_TRANSLATE_NOOP(
        "Vocabulary",
        "The source may not be mentioned or described at all; use the information only to guide reporting.",
    ),
}


# How a claim-to-claim link reads from the other end ("#2 is more specific than #1" seen from #1).
_REVERSE_CLAIM_RELATIONS: dict[ClaimRelation, object] = {
    ClaimRelation.CORROBORATES: QT_TRANSLATE_NOOP("Vocabulary", "Corroborated by"),
    ClaimRelation.PARTLY_CORROBORATES: QT_TRANSLATE_NOOP("Vocabulary", "Partly corroborated by"),
    ClaimRelation.CONTRADICTS: QT_TRANSLATE_NOOP("Vocabulary", "Contradicted by"),
    ClaimRelation.SAME_CLAIM: QT_TRANSLATE_NOOP("Vocabulary", "Same claim as"),
    ClaimRelation.MORE_SPECIFIC_THAN: QT_TRANSLATE_NOOP("Vocabulary", "Made more specific by"),
}


def label(value: enum.Enum | None) -> str:
    """The translated human word for an enum member ('' for None)."""
    if value is None:
        return ""
    text = _LABELS.get((type(value), value.value))
    if text is None:
        # A member added to the core before the GUI learnt its word: show something readable.
        return str(value.value).replace("_", " ").capitalize()
    return QCoreApplication.translate(_CONTEXT, str(text))


def reverse_label(relation: ClaimRelation) -> str:
    """The relation read from the target claim's side ('Contradicted by')."""
    text = _REVERSE_CLAIM_RELATIONS.get(relation)
    return QCoreApplication.translate(_CONTEXT, str(text)) if text is not None else label(relation)


def isolate(text: str) -> str:
    """Wrap text in Unicode first-strong isolates (FSI … PDI).

    Joined names of different scripts ("Makhmur · مخمور · مەخموور") otherwise merge into one
    right-to-left run and show in reverse order; isolated, each keeps its place in the list.
    """
    return f"\u2068{text}\u2069"


def anonymity_explained(value: Anonymity) -> str:
    """What the attribution terms allow, in one sentence."""
    return QCoreApplication.translate(_CONTEXT, str(_ANONYMITY_EXPLAINED[value]))


def language_name(code: str) -> str:
    """'ckb' → 'Central Kurdish', in the interface language; unknown codes are shown as given."""
    if not code:
        return ""
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(locale.language())


def format_time(value: datetime | None) -> str:
    """A stored (UTC) time as 'YYYY-MM-DD HH:MM UTC': unambiguous across a newsroom's time zones."""
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M UTC")


def graded(value: SourceReliability | Credibility | None) -> str:
    """An Admiralty grade with its meaning: 'B · Usually reliable'."""
    return f"{value.value} · {label(value)}" if value is not None else ""


def format_interval(value: Interval | None) -> str:
    """A claim's or testimony's time span in UTC, with how precisely it is known."""
    if value is None:
        return ""
    start, end = value.start, value.end
    if value.precision in (TimePrecision.MINUTE, TimePrecision.HOUR):
        text = format_time(start)
    elif value.precision == TimePrecision.DAY and start.hour == start.minute == 0:
        text = f"{start:%Y-%m-%d} UTC"
    else:
        # A local day or month starts at an odd UTC hour: show both bounds rather than a date
        # that reads like the day before.
        text = f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"
    words = f"{text} ({label(value.precision)})"
    return f"{value.label} · {words}" if value.label else words


def format_count(count: int) -> str:
    """A count grouped by thousands: '89,982'.

    In Western digits in every language, as the data cells, dates and coordinates are: an Arabic
    window showing ٨٩٬٩٨٢ in a tab above a column of 1, 2, 3 read as two different numbers.
    """
    return f"{count:,}"


def format_size(size: int) -> str:
    """A byte count for people: '843 KB'."""
    return QLocale().formattedDataSize(size, 0, QLocale.DataSizeFormat.DataSizeSIFormat)


def text_direction(text: str) -> str:
    """'rtl' or 'ltr' from the first strong character (the Unicode bidi rule P2/P3).

    Qt's rich text honours ``dir`` on blocks; ``dir="auto"`` is not part of its HTML subset,
    so the GUI decides per paragraph with this instead.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
