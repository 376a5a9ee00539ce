"""Enumerations of the domain. Their values are stored in the database and printed by the CLI,
so a value, once released, is never renamed: add new members instead."""

from enum import StrEnum


class CaseStatus(StrEnum):
    """Where a story under investigation stands."""

    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class SourceKind(StrEnum):
    """What kind of source this is (who they are in relation to the story)."""

    EYEWITNESS = "eyewitness"
    LOCAL_RESIDENT = "local_resident"
    OFFICIAL = "official"
    STAFF = "staff"
    SUBMITTER = "submitter"
    DOCUMENT = "document"
    OTHER = "other"


class Anonymity(StrEnum):
    """The attribution terms agreed with a source."""

    ON_RECORD = "on_record"
    BACKGROUND = "background"
    ANONYMOUS = "anonymous"
    CONFIDENTIAL = "confidential"

    @property
    def is_protected(self) -> bool:
        """True when the source's identity must never leave the newsroom."""
        return self in (Anonymity.ANONYMOUS, Anonymity.CONFIDENTIAL)


class Medium(StrEnum):
    """How a testimony reached the newsroom."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    MESSAGING = "messaging"
    EMAIL = "email"
    DOCUMENT = "document"
    OTHER = "other"


class ClaimStatus(StrEnum):
    """The working state of a claim, before and during verification."""

    UNVERIFIED = "unverified"
    IN_PROGRESS = "in_progress"
    CORROBORATED = "corroborated"
    CONTRADICTED = "contradicted"


class Verdict(StrEnum):
    """The editor's decision on a claim."""

    VERIFIED = "verified"
    PARTLY_VERIFIED = "partly_verified"
    UNSUBSTANTIATED = "unsubstantiated"
    FALSE = "false"
    NOT_CHECKABLE = "not_checkable"


class EvidenceKind(StrEnum):
    """What a stored evidence file is."""

    PHOTO = "photo"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    OTHER = "other"


class PlacePrecision(StrEnum):
    """How exactly a place's coordinates locate it, from a point to a whole region."""

    EXACT = "exact"
    VICINITY = "vicinity"
    LOCALITY = "locality"
    REGION = "region"


class EvidenceRelation(StrEnum):
    """How an evidence item bears on a claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    GEOLOCATES = "geolocates"
    CHRONOLOCATES = "chronolocates"
    ILLUSTRATIVE = "illustrative"


class ClaimRelation(StrEnum):
    """How one claim bears on another."""

    CORROBORATES = "corroborates"
    PARTLY_CORROBORATES = "partly_corroborates"
    CONTRADICTS = "contradicts"
    SAME_CLAIM = "same_claim"
    MORE_SPECIFIC_THAN = "more_specific_than"


class TestimonyRelation(StrEnum):
    """Whether a testimony asserts or denies a claim."""

    __test__ = False  # not a pytest test class despite the name

    ASSERTS = "asserts"
    DENIES = "denies"


class AuditAction(StrEnum):
    """What an audit entry records."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNSEAL = "unseal"  # a sealed identity was read (who, when, why)
    SHRED = "shred"  # a sealed identity's key was destroyed
    GRANT = "grant"  # an editor was given access to a sealed identity
    REVOKE = "revoke"  # an editor's access was removed
    EXPORT = "export"  # something left the building


class EntityType(StrEnum):
    """The kinds of record the audit log speaks of."""

    CASE = "case"
    SOURCE = "source"
    TESTIMONY = "testimony"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    PLACE = "place"
    CLAIM_EVIDENCE = "claim_evidence"
    CLAIM_CLAIM = "claim_claim"
    CLAIM_TESTIMONY = "claim_testimony"
    SOURCE_RELATIONSHIP = "source_relationship"
    SOURCE_GRADE = "source_grade"
    SOURCE_ATTESTATION = "source_attestation"
    TESTIMONY_ATTACHMENT = "testimony_attachment"
    KEY_HOLDER = "key_holder"
    PERSON = "person"


class Audience(StrEnum):
    """Whom a source's identity is kept from."""

    PUBLIC = "public"
    COLLEAGUES = "colleagues"
    FAMILY = "family"


class IdentityState(StrEnum):
    """What the newsroom holds of a source's real identity."""

    NONE = "none"  # nothing recorded (an on-record source, or not yet asked)
    ATTESTED = "attested"  # editors attest they know it; it is not stored
    SEALED = "sealed"  # stored encrypted; unsealing needs a passphrase and a reason
    SHREDDED = "shredded"  # its key was destroyed: no copy or backup can reveal it


class RelationshipKind(StrEnum):
    """How two sources are related; related sources are not independent origins."""

    FRIEND = "friend"
    RELATIVE = "relative"
    COLLEAGUE = "colleague"
    SAME_ORGANIZATION = "same_organization"
    INTRODUCED_BY = "introduced_by"
    SAME_DEVICE = "same_device"


class Connection(StrEnum):
    """A source's connection to the information in a claim."""

    SAW_IT = "saw_it"
    HEARD_FROM_OTHERS = "heard_from_others"
    OFFICIAL_POSITION = "official_position"
    DOCUMENT = "document"


class ClaimOrigin(StrEnum):
    """Where a claim was drawn from."""

    TESTIMONY = "testimony"
    EVIDENCE = "evidence"
    EDITOR = "editor"


class AttachmentKind(StrEnum):
    """What a file attached to a testimony is."""

    AUDIO = "audio"
    DOCUMENT = "document"
    IMAGE = "image"
    OTHER = "other"


class ArrivalChannel(StrEnum):
    """How a piece of evidence reached the newsroom."""

    MESSAGING_APP = "messaging_app"
    EMAIL = "email"
    MEMORY_CARD = "memory_card"
    UPLOAD = "upload"
    STAFF_PHOTOGRAPHER = "staff_photographer"
    OTHER = "other"
