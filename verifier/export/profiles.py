"""Export profiles: which fields a document may contain, declared as data.

Every writer renders a :class:`verifier.export.view.DocumentView`, and the projection that builds
it asks :meth:`Profile.includes` once per field. So what a profile shows is this table and
nothing else; no writer decides on its own.

Sealed identities are not a field: no profile can include them, because they never reach the
export model at all (the service passes only keyed fingerprints, for the leak guard).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from verifier.errors import InvalidInput

__all__ = ["PROFILES", "Field", "Profile", "get_profile"]


class Field(StrEnum):
    """A piece of an export that a profile may include."""

    CASE_SUMMARY = "case.summary"
    AUDIT_SUMMARY = "case.audit_summary"
    EXPORT_NOTES = "case.export_notes"  # what the leak guard could not check, and why
    VERSIONS = "case.versions"

    CLAIM_STATEMENT = "claim.statement"
    CLAIM_VERDICT = "claim.verdict"
    CLAIM_REVIEW = "claim.review"  # review date, URL and public appearances
    CLAIM_STATUS = "claim.status"
    CLAIM_CREDIBILITY = "claim.credibility"
    CLAIM_CREDIBILITY_RATIONALE = "claim.credibility_rationale"
    CLAIM_RATIONALE = "claim.rationale"
    CLAIM_WHEN = "claim.when"
    CLAIM_WHERE = "claim.where"
    CLAIM_QUANTITIES = "claim.quantities"
    CLAIM_INDEPENDENCE = "claim.independence"  # independent origins for / against
    CLAIM_CORROBORATION = "claim.corroboration"  # the explanation text
    CLAIM_DISCREPANCIES = "claim.discrepancies"

    SOURCE_ALIAS = "source.alias"
    SOURCE_DESCRIPTION = "source.description"
    SOURCE_KIND = "source.kind"
    SOURCE_TERMS = "source.terms"
    SOURCE_REASON_GRANTED = "source.reason_granted"
    SOURCE_IDENTITY_KNOWN = "source.identity_known"
    SOURCE_RELIABILITY = "source.reliability"

    EVIDENCE_ITEM = "evidence.item"  # id, kind, relation (the list itself)
    EVIDENCE_CAPTION = "evidence.caption"
    EVIDENCE_THUMBNAIL = "evidence.thumbnail"
    EVIDENCE_HASH = "evidence.sha256"
    EVIDENCE_CAPTURE_TIME = "evidence.capture_time"
    EVIDENCE_CAPTURE_PLACE = "evidence.capture_place"  # at publication precision
    EVIDENCE_EXACT_PLACE = "evidence.exact_place"  # non-sensitive items only
    EVIDENCE_FINDINGS = "evidence.findings"
    EVIDENCE_NOTES = "evidence.notes"

    SANITIZED_COPIES = "files.sanitized_copies"  # full-size sanitized photos next to the document
    COPY_MANIFEST = "files.copy_manifest"  # links each copy to its original's SHA-256


_PUBLIC = frozenset(
    {
        Field.VERSIONS,
        Field.CLAIM_STATEMENT,
        Field.CLAIM_VERDICT,
        Field.CLAIM_REVIEW,
        Field.SOURCE_ALIAS,
        Field.SOURCE_DESCRIPTION,
    }
)
_PARTNER = _PUBLIC | {
    Field.CASE_SUMMARY,
    Field.AUDIT_SUMMARY,
    Field.EXPORT_NOTES,
    Field.CLAIM_STATUS,
    Field.CLAIM_CREDIBILITY,
    Field.CLAIM_WHEN,
    Field.CLAIM_WHERE,
    Field.CLAIM_QUANTITIES,
    Field.CLAIM_INDEPENDENCE,
    Field.CLAIM_CORROBORATION,
    Field.CLAIM_DISCREPANCIES,
    Field.SOURCE_KIND,
    Field.SOURCE_TERMS,
    Field.SOURCE_RELIABILITY,
    Field.EVIDENCE_ITEM,
    Field.EVIDENCE_CAPTION,
    Field.EVIDENCE_THUMBNAIL,
    Field.EVIDENCE_HASH,
    Field.EVIDENCE_CAPTURE_TIME,
    Field.EVIDENCE_CAPTURE_PLACE,
    Field.EVIDENCE_FINDINGS,
    Field.SANITIZED_COPIES,
}
# A lawyer needs the reasoning and the basis of every anonymity grant, and the chain from each
# published copy back to the original in the vault.
_LEGAL = _PARTNER | {
    Field.CLAIM_RATIONALE,
    Field.SOURCE_REASON_GRANTED,
    Field.SOURCE_IDENTITY_KNOWN,
    Field.COPY_MANIFEST,
}
_INTERNAL = (_LEGAL - {Field.COPY_MANIFEST}) | {
    Field.CLAIM_CREDIBILITY_RATIONALE,
    Field.EVIDENCE_EXACT_PLACE,
    Field.EVIDENCE_NOTES,
}


@dataclass(frozen=True)
class Profile:
    """Who an export is for, and therefore what it may contain.

    Attributes:
        name: "public", "partner", "legal" or "internal".
        title: how documents name the profile.
        fields: the fields it includes.
        verdict_claims_only: leave out claims without a verdict (public: only published checks).
    """

    name: str
    title: str
    fields: frozenset[Field]
    verdict_claims_only: bool = False

    def includes(self, item: Field) -> bool:
        """Tell whether documents of this profile contain ``item``.

        Args:
            item: a field.

        Returns:
            True when the field is part of the profile.
        """
        return item in self.fields


PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile("public", "Public", _PUBLIC, verdict_claims_only=True),
        Profile("partner", "Partner", _PARTNER),
        Profile("legal", "Legal review", _LEGAL),
        Profile("internal", "Internal", _INTERNAL),
    )
}


def get_profile(name: str) -> Profile:
    """Return the profile called ``name``.

    Args:
        name: a profile name.

    Returns:
        The profile.

    Raises:
        InvalidInput: no profile has that name.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise InvalidInput(
            f"'{name}' is not an export profile: choose one of {', '.join(PROFILES)}."
        ) from None
