"""The Makhmour report as an export case: two anonymous friends, a confidential villager with a
photo, a spokesman on the record, a staff photographer; plus the canary identities of the
protected sources, which only ever reach the leak guard as keyed fingerprints."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

from tests.verifier.intake.samples import phone_exif, picture, save
from verifier.domain.enums import (
    Anonymity,
    Audience,
    ClaimStatus,
    EvidenceKind,
    EvidenceRelation,
    IdentityState,
    PlacePrecision,
    SourceKind,
    Verdict,
)
from verifier.domain.values import Credibility, GeoPoint, Quantity, SourceReliability, parse_interval
from verifier.export.model import (
    ExportAppearance,
    ExportCase,
    ExportClaim,
    ExportEvidence,
    ExportFinding,
    ExportPlace,
    ExportSource,
)
from verifier.export.sanitize import sanitized_thumbnail

# Sealed identities (canaries): never part of the case, only fingerprinted.
HAMA_REAL = ("Zebulon Qarawindi", "+964 750 123 4567")
SHWAN_REAL = ("Yusrakan Dilanfar", "yusrakan.d@example.org")
VILLAGER_REAL = ("Quillonet Mervatti", "+964 770 987 6543")
IDENTITIES = {"source:1": HAMA_REAL, "source:2": SHWAN_REAL, "source:3": VILLAGER_REAL}

# Guard-only evidence facts (canaries too).
VILLAGER_FILE = "IMG_20190221_093512.jpg"
VILLAGER_SERIALS = ("SN-0042", "LS-77", "0123456789ABCDEF0123456789ABCDEF")
VILLAGER_POINT = GeoPoint(35.774512, 43.587533)  # the villager's rooftop: sensitive
STAFF_FILE = "DSC_4471.JPG"
STAFF_SERIALS = ("4021977X",)
STAFF_POINT = GeoPoint(35.8123, 43.5311)  # Mount Qarachogh viewpoint: not sensitive

PLAIN_CANARIES = (
    VILLAGER_FILE,
    "IMG_20190221_093512",
    *VILLAGER_SERIALS,
    STAFF_FILE,
    "DSC_4471",
    *STAFF_SERIALS,
)
EXACT_COORDINATE_FORMS = ("35.7745", "43.5875", "35,7745", "43.58753", "35.774512")
GENERATED_AT = datetime(2019, 4, 20, 9, 30, tzinfo=timezone(timedelta(hours=3)))

HAMA = ExportSource(
    alias="Hama",
    public_description="A Kurdish resident of Makhmour in his twenties, a university student",
    kind=SourceKind.EYEWITNESS,
    anonymity=Anonymity.ANONYMOUS,
    anonymous_from=(Audience.PUBLIC,),
    reason_granted="He fears reprisals by ISIS cells active around Makhmour.",
    identity_state=IdentityState.SEALED,
    attesting_editors=1,
    reliability=SourceReliability.B,
    guard_subject="source:1",
)
SHWAN = ExportSource(
    alias="Shwan",
    public_description="A shepherd from the Qaraj area, a friend of Hama",
    kind=SourceKind.LOCAL_RESIDENT,
    anonymity=Anonymity.ANONYMOUS,
    anonymous_from=(Audience.PUBLIC, Audience.FAMILY),
    reason_granted="He grazes his flock where the militants move and fears for his family.",
    identity_state=IdentityState.SEALED,
    reliability=SourceReliability.C,
    guard_subject="source:2",
)
VILLAGER = ExportSource(
    alias="Villager",
    public_description="A villager from the Makhmour area who sent a photograph",
    kind=SourceKind.SUBMITTER,
    anonymity=Anonymity.CONFIDENTIAL,
    anonymous_from=(Audience.PUBLIC, Audience.COLLEAGUES),
    reason_granted="Identifiable by neighbours from the photo's viewpoint.",
    identity_state=IdentityState.SEALED,
    attesting_editors=2,
    reliability=SourceReliability.F,
    guard_subject="source:3",
)
SPOKESMAN = ExportSource(
    alias="Col James Rawlinson",
    public_description="US Army spokesman for the anti-ISIS Coalition (CJTF-OIR), by email",
    kind=SourceKind.OFFICIAL,
    anonymity=Anonymity.ON_RECORD,
    reliability=SourceReliability.A,
)
PHOTOGRAPHER = ExportSource(
    alias="Robert Edwards",
    public_description="Staff photographer",
    kind=SourceKind.STAFF,
    anonymity=Anonymity.ON_RECORD,
    reliability=SourceReliability.A,
)


def _photo(seed: int, orientation: int = 1) -> bytes:
    return save(picture((120, 80), seed=seed), "JPEG", quality=90, exif=phone_exif(orientation=orientation))


def villager_photo() -> bytes:
    """The villager's original, with GPS, serial numbers and a portrait orientation."""
    return _photo(3, orientation=6)


def staff_photo() -> bytes:
    """The staff photographer's original."""
    return _photo(9)


def makhmour_case() -> ExportCase:
    """The scenario as the export service would hand it over."""
    import hashlib

    villager_original, staff_original = villager_photo(), staff_photo()
    villager_evidence = ExportEvidence(
        evidence_id="E-1",
        sha256=hashlib.sha256(villager_original).hexdigest(),
        kind=EvidenceKind.PHOTO,
        relation=EvidenceRelation.SUPPORTS,
        caption="Armed men walking in the Makhmour area in daylight. Photo: submitted",
        captured_utc=datetime(2019, 2, 21, 6, 35, 12, tzinfo=UTC),
        captured_local=datetime(2019, 2, 21, 9, 35, 12),
        capture_offset="+03:00",
        capture_place=ExportPlace.published(
            "Makhmour district",
            exact=VILLAGER_POINT,
            decimals=None,
            precision=PlacePrecision.REGION,
            sensitive=True,
        ),
        findings=(
            ExportFinding("time.gps_vs_exif", "info", "GPS time and camera clock agree within 2 s."),
            ExportFinding("sun.shadows", "info", "Shadow direction fits mid-morning in late February."),
        ),
        sensitive=True,
        notes="Sent over a messaging app; the sender asked that the village not be named.",
        thumbnail_jpeg=sanitized_thumbnail(villager_original, label="E-1"),
        original_name=VILLAGER_FILE,
        device_serials=VILLAGER_SERIALS,
    )
    staff_evidence = ExportEvidence(
        evidence_id="E-2",
        sha256=hashlib.sha256(staff_original).hexdigest(),
        kind=EvidenceKind.PHOTO,
        relation=EvidenceRelation.ILLUSTRATIVE,
        caption="Mount Qarachogh is lush with the green growth of spring. Photo: Robert Edwards",
        captured_utc=datetime(2019, 4, 11, 8, 2, tzinfo=UTC),
        captured_local=datetime(2019, 4, 11, 11, 2),
        capture_offset="+03:00",
        capture_place=ExportPlace.published(
            "Qarachogh Mountains", exact=STAFF_POINT, decimals=2, precision=PlacePrecision.VICINITY
        ),
        thumbnail_jpeg=sanitized_thumbnail(staff_original, label="E-2"),
        original_name=STAFF_FILE,
        device_serials=STAFF_SERIALS,
    )
    claims = (
        ExportClaim(
            ref="C-1",
            statement=(
                "ISIS militants are in two places in the Qarachogh Mountains: Ali Rash and Gali Manjalan."
            ),
            status=ClaimStatus.CORROBORATED,
            verdict=Verdict.PARTLY_VERIFIED,
            rationale="Two witnesses who are friends (one origin) and one photo; Gali Manjalan not seen.",
            credibility=Credibility.PROBABLY_TRUE,
            credibility_rationale="Consistent, detailed first-hand accounts.",
            when=parse_interval("2019-03-11/2019-03-29", label="mid to late March 2019"),
            where=ExportPlace("Ali Rash and Gali Manjalan, Qarachogh Mountains", PlacePrecision.LOCALITY),
            supporting_origins=2,
            contradicting_origins=0,
            corroboration=(
                "Hama and Shwan are friends: their accounts count as one origin; the photo is a second."
            ),
            sources=(HAMA, SHWAN, VILLAGER),
            evidence=(villager_evidence,),
            discrepancies=("Hama says Gali Manjala, the report Gali Manjalan: same place, two spellings.",),
            appearances=(
                ExportAppearance(
                    "https://www.rudaw.net/english/kurdistan/makhmour-isis", "Rudaw report", date(2019, 4, 18)
                ),
                ExportAppearance("https://t.me/private-channel/991", "Private channel", public=False),
            ),
            review_url="https://newsroom.example/fact-checks/qarachogh#c1",
            reviewed_on=date(2019, 4, 20),
        ),
        ExportClaim(
            ref="C-2",
            statement=(
                "Armed men walked freely around the Makhmour area in broad daylight on 21 February 2019."
            ),
            status=ClaimStatus.CORROBORATED,
            verdict=Verdict.VERIFIED,
            rationale="The photo's verified time and place match; shadows fit the hour.",
            credibility=Credibility.CONFIRMED,
            when=parse_interval("2019-02-21", label="21 February 2019"),
            where=ExportPlace("Makhmour district", PlacePrecision.REGION),
            supporting_origins=1,
            sources=(VILLAGER,),
            evidence=(villager_evidence,),
        ),
        ExportClaim(
            ref="C-3",
            statement="Between 50 and 150 ISIS fighters and their families hide in the caves and ravines.",
            status=ClaimStatus.IN_PROGRESS,
            verdict=Verdict.UNSUBSTANTIATED,
            rationale="A single estimate by one witness; no other origin.",
            credibility=Credibility.CANNOT_BE_JUDGED,
            quantities=(Quantity(50, 150, "fighters", "and their families"),),
            supporting_origins=1,
            sources=(SHWAN,),
        ),
        ExportClaim(
            ref="C-4",
            statement="Six Hashd al-Shaabi militiamen were killed and 31 injured on March 7 in an ambush.",
            status=ClaimStatus.CORROBORATED,
            quantities=(Quantity(6, 6, "killed"), Quantity(31, 31, "injured")),
            when=parse_interval("2019-03-07", label="on March 7"),
            supporting_origins=2,
        ),
        ExportClaim(
            ref="C-5",
            statement="It is likely that Daesh is attempting to refit, reorganize and recruit near Makhmour.",
            status=ClaimStatus.CORROBORATED,
            verdict=Verdict.VERIFIED,
            rationale="The spokesman's email is on file and was confirmed by phone.",
            credibility=Credibility.CONFIRMED,
            supporting_origins=1,
            sources=(SPOKESMAN,),
            appearances=(ExportAppearance("https://www.rudaw.net/english/kurdistan/makhmour-isis", "Rudaw"),),
        ),
        ExportClaim(
            ref="C-6",
            statement="Mount Qarachogh was green with spring growth on 11 April 2019.",
            status=ClaimStatus.CORROBORATED,
            verdict=Verdict.VERIFIED,
            credibility=Credibility.CONFIRMED,
            supporting_origins=1,
            sources=(PHOTOGRAPHER,),
            evidence=(staff_evidence,),
        ),
        ExportClaim(
            ref="C-7",
            statement="«عندما رأيت داعش كنت خائفاً جداً» — کاتێک داعشم بینی زۆر ترسام",
            status=ClaimStatus.UNVERIFIED,
            verdict=Verdict.NOT_CHECKABLE,
            sources=(HAMA,),
        ),
    )
    return ExportCase(
        title="Is ISIS winning hearts and minds in Makhmour?",
        summary="Witnesses describe militants moving openly near Ali Rash and Gali Manjalan.",
        newsroom="Rudaw English",
        newsroom_url="https://www.rudaw.net/english",
        generated_at=GENERATED_AT,
        app_version="0.1.0",
        reader_versions=(("metadata reader", "1"), ("Pillow", "13.0"), ("pillow-heif", "1.8")),
        claims=claims,
        audit_summary=(
            "2019-04-19 editor-a set C-1 verdict to partly verified",
            "2019-04-19 editor-a set C-2 verdict to verified",
        ),
    )


def replace_claim(case: ExportCase, index: int, **changes: object) -> ExportCase:
    """A copy of the case with claim ``index`` changed."""
    claims = list(case.claims)
    claims[index] = dataclasses.replace(claims[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(case, claims=tuple(claims))


def replace_evidence(case: ExportCase, claim: int, item: int, **changes: object) -> ExportCase:
    """A copy of the case with one evidence item changed."""
    evidence = list(case.claims[claim].evidence)
    evidence[item] = dataclasses.replace(evidence[item], **changes)  # type: ignore[arg-type]
    return replace_claim(case, claim, evidence=tuple(evidence))


def replace_source(case: ExportCase, claim: int, item: int, **changes: object) -> ExportCase:
    """A copy of the case with one source of one claim changed."""
    sources = list(case.claims[claim].sources)
    sources[item] = dataclasses.replace(sources[item], **changes)  # type: ignore[arg-type]
    return replace_claim(case, claim, sources=tuple(sources))
