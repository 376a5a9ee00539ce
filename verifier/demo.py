"""The demo case: a small investigation built from the facts of a published field report.

The wording is ours. Coordinates of the hamlets are approximate and marked as such: the demo
shows how the app works, it is not a verified record. Photos are generated (drawn scenes with
realistic EXIF): one whose GPS and date fit a claim, one that contradicts it, one stripped of
metadata as a messaging app would, and a near-duplicate of the first.
"""

from __future__ import annotations

import io
import logging
import random
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from PIL.TiffImagePlugin import IFDRational

from verifier.domain import (
    Anonymity,
    ArrivalChannel,
    ClaimRelation,
    ClaimStatus,
    Connection,
    Credibility,
    EvidenceRelation,
    Medium,
    PlacePrecision,
    RelationshipKind,
    SourceKind,
    SourceReliability,
    Verdict,
    parse_interval,
    parse_offset,
    parse_quantity,
)
from verifier.errors import Cancelled
from verifier.sealing import KdfCost, Secret
from verifier.services import cases, claims, identities, intake, links, places, sources, testimonies
from verifier.services.workspace import Workspace
from verifier.settings import Settings

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
DEMO_TITLE = "Makhmour: armed men in the Qarachogh hills (demo)"
IRAQ = timezone(timedelta(hours=3))
# The demo's key holder and passphrase are printed in the case summary: anyone may open the
# demo's sealed identities (invented people), so a cheap key derivation costs nothing here.
# Real holders use the default cost (docs/security.md).
DEMO_HOLDER = "demo-editor"
DEMO_PASSPHRASE = "makhmour demo"
_DEMO_COST = KdfCost(n=2**10, r=8, p=1)
_DEMO_IDENTITIES = {
    "Hama": {"real_name": "Invented person A (demo)", "phone": "+964 750 000 0001"},
    "Shwan": {"real_name": "Invented person B (demo)", "phone": "+964 750 000 0002"},
    "Villager (photos)": {"real_name": "Invented person C (demo)", "messaging": "@demo-villager"},
}


def demo_settings(base: Settings) -> Settings:
    """The demo lives in its own workspace, never mixed with the user's."""
    return Settings(
        workspace=base.workspace.parent / f"{base.workspace.name}-demo",
        database_url="",
        user=base.user,
        newsroom=base.newsroom or "Demo Newsroom",
    )


@dataclass(frozen=True)
class DemoPhoto:
    """A generated photo and what it is meant to show in the demo."""

    name: str
    description: str
    caption: str
    jpeg: bytes


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = (minutes_full - minutes) * 60
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 100), 100)


def _exif(
    *,
    taken: datetime | None,
    lat: float | None,
    lon: float | None,
    model: str,
    serial: str,
    software: str = "",
) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Samsung"  # Make
    exif[0x0110] = model  # Model
    exif[0x0112] = 1  # Orientation
    if software:
        exif[0x0131] = software
    if taken is not None:
        local = taken.astimezone(IRAQ)
        stamp = local.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0132] = stamp  # DateTime
        ifd = exif.get_ifd(0x8769)
        ifd[0x9003] = stamp  # DateTimeOriginal
        ifd[0x9004] = stamp  # DateTimeDigitized
        ifd[0x9011] = "+03:00"  # OffsetTimeOriginal
        ifd[0xA431] = serial  # BodySerialNumber
    if lat is not None and lon is not None:
        gps = exif.get_ifd(0x8825)
        gps[1] = "N" if lat >= 0 else "S"
        gps[2] = _dms(lat)
        gps[3] = "E" if lon >= 0 else "W"
        gps[4] = _dms(lon)
        if taken is not None:
            utc = taken.astimezone(UTC)
            gps[7] = (IFDRational(utc.hour, 1), IFDRational(utc.minute, 1), IFDRational(utc.second, 1))
            gps[29] = utc.strftime("%Y:%m:%d")
    return exif


def _scene(seed: int, figures: int, size: tuple[int, int] = (1600, 1200), shift: int = 0) -> Image.Image:
    """A green plain under hills with a few standing figures (a drawn stand-in for a photo)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = 150 + y * 90 // (height // 2)
        draw.line([(0, y), (width, y)], fill=(shade - 40, shade - 10, 235))
    ridge = [(0, height // 2)]
    for x in range(0, width + 80, 80):
        ridge.append((x, height // 2 - 60 - rng.randint(0, 140)))
    ridge.append((width, height // 2))
    draw.polygon([*ridge, (width, height), (0, height)], fill=(92, 120, 70))
    draw.rectangle([0, height * 3 // 5, width, height], fill=(70, 140, 60))
    for _ in range(400):
        x, y = rng.randint(0, width), rng.randint(height * 3 // 5, height)
        draw.ellipse([x, y, x + 6, y + 3], fill=(50 + rng.randint(0, 40), 120 + rng.randint(0, 40), 45))
    for index in range(figures):
        x = width // 4 + index * 170 + shift
        base = height * 3 // 4 + rng.randint(-20, 20)
        draw.ellipse([x - 14, base - 190, x + 14, base - 160], fill=(40, 35, 30))
        draw.rectangle([x - 22, base - 160, x + 22, base - 70], fill=(125, 110, 80))
        draw.rectangle([x - 20, base - 70, x - 4, base], fill=(60, 55, 45))
        draw.rectangle([x + 4, base - 70, x + 20, base], fill=(60, 55, 45))
        draw.line([(x + 22, base - 150), (x + 70, base - 110)], fill=(20, 20, 20), width=7)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def _jpeg(image: Image.Image, exif: Image.Exif | None, quality: int = 88) -> bytes:
    out = io.BytesIO()
    if exif is None:
        image.save(out, "JPEG", quality=quality)
    else:
        image.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def demo_photos() -> list[DemoPhoto]:
    """The four generated submissions of the demo case."""
    fits = _scene(seed=7, figures=3)
    fitting_time = datetime(2019, 2, 21, 10, 40, tzinfo=IRAQ)
    near_copy = fits.resize((1200, 900)).crop((0, 0, 1190, 890))
    return [
        DemoPhoto(
            "IMG_20190221_104012.jpg",
            "Armed men walking on the plain near Makhmour; GPS and date fit the villager's account.",
            "Daesh men walking near our village today",
            _jpeg(
                fits,
                _exif(taken=fitting_time, lat=35.7921, lon=43.6188, model="SM-J730F", serial="R58K31ABCDE"),
            ),
        ),
        DemoPhoto(
            "IMG_20170611_171533.jpg",
            "Sent as 'the same men, this morning', but taken in June 2017, ~80 km south-east, near Kirkuk.",
            "The same men this morning",
            _jpeg(
                _scene(seed=11, figures=2),
                _exif(
                    taken=datetime(2017, 6, 11, 17, 15, tzinfo=IRAQ),
                    lat=35.2301,
                    lon=44.2011,
                    model="SM-G930F",
                    serial="RF8H70XYZ12",
                ),
            ),
        ),
        DemoPhoto(
            "photo_2019-03-02_09-12-44.jpg",
            "Forwarded through a messaging app: every piece of metadata stripped.",
            "They are everywhere",
            _jpeg(_scene(seed=19, figures=4).resize((1280, 960)), None, quality=75),
        ),
        DemoPhoto(
            "IMG-20190224-WA0003.jpg",
            "A resized, cropped copy of the first photo, sent again three days later.",
            "Look again",
            _jpeg(near_copy, None, quality=70),
        ),
    ]


def build_demo_case(
    ws: Workspace,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    *,
    sealed: bool = False,
) -> int:
    """Create the demo case in an (empty) workspace and return its id.

    Args:
        sealed: also enroll the demo key holder and seal the protected sources' (invented)
            identities for it, as the app's first launch does, so that unsealing can be tried.
            Exporting the case then needs that holder (``DEMO_HOLDER``, ``DEMO_PASSPHRASE``).

    Raises:
        Cancelled: the user stopped it; nothing is kept (the case is built in one transaction).
    """
    steps = 7
    report = progress or (lambda done, total, what: None)

    def step(done: int, what: str) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("Building the demo case was cancelled.")
        report(done, steps, what)

    with ws.transaction() as uow:
        step(0, "Places")
        makhmour = places.add_place(
            uow,
            "Makhmour",
            latitude=35.7763,
            longitude=43.5798,
            precision=PlacePrecision.LOCALITY,
            aliases=["Makhmur", "مخمور", "مەخموور"],
            notes="Town south-west of Erbil, in territory disputed since 2017.",
        )
        qarachogh = places.add_place(
            uow,
            "Qarachogh hills",
            latitude=35.86,
            longitude=43.66,
            precision=PlacePrecision.REGION,
            aliases=["Qarachogh Mountains", "Qara Chogh", "قەرەچووغ"],
            notes="Ridge above the Makhmour plain.",
        )
        ali_rash = places.add_place(
            uow,
            "Ali Rash",
            latitude=35.80,
            longitude=43.63,
            precision=PlacePrecision.VICINITY,
            notes="Village at the foot of the hills. Demo coordinates: approximate, not verified.",
        )
        gali = places.add_place(
            uow,
            "Gali Manjalan",
            latitude=35.83,
            longitude=43.67,
            precision=PlacePrecision.VICINITY,
            aliases=["Gali Manjala"],
            notes="A valley in the hills; quoted in two spellings. Demo coordinates: approximate.",
        )

        step(1, "Case and sources")
        case = cases.create_case(
            uow,
            DEMO_TITLE,
            "Residents say armed men, believed to be from a jihadist group, move openly in the hills and "
            "plains near Makhmour since the Peshmerga withdrew in 2017. Verify who saw what, where and when."
            + (
                f" The protected sources' identities (invented) are sealed for the key holder "
                f"“{DEMO_HOLDER}”, passphrase “{DEMO_PASSPHRASE}”."
                if sealed
                else ""
            ),
        )
        hama = sources.add_source(
            uow,
            case.id,
            "Hama",
            kind=SourceKind.EYEWITNESS,
            anonymity=Anonymity.ANONYMOUS,
            public_description="A Kurdish student from Makhmour in his early twenties",
            notes="Spoke on condition that his real name is not used; fears reprisals.",
        )
        shwan = sources.add_source(
            uow,
            case.id,
            "Shwan",
            kind=SourceKind.LOCAL_RESIDENT,
            anonymity=Anonymity.ANONYMOUS,
            public_description="A shepherd from the Qaraj area",
            notes="A friend of Hama, reached by phone through him: not an independent origin.",
        )
        villager = sources.add_source(
            uow,
            case.id,
            "Villager (photos)",
            kind=SourceKind.SUBMITTER,
            anonymity=Anonymity.CONFIDENTIAL,
            public_description="A villager from the Makhmour area who sent photographs",
        )
        spokesman = sources.add_source(
            uow,
            case.id,
            "Coalition spokesman",
            kind=SourceKind.OFFICIAL,
            anonymity=Anonymity.ON_RECORD,
            public_description="A US Army spokesman for the anti-ISIS coalition (CJTF-OIR)",
        )
        staff = sources.add_source(
            uow,
            case.id,
            "Staff photographer",
            kind=SourceKind.STAFF,
            anonymity=Anonymity.ON_RECORD,
            public_description="The newsroom's photographer on the trip",
        )
        del staff
        if sealed:
            identities.enroll_holder(uow, DEMO_HOLDER, Secret(DEMO_PASSPHRASE), cost=_DEMO_COST)
            for source in (hama, shwan, villager):
                identities.seal_identity(uow, source.id, _DEMO_IDENTITIES[source.alias], [DEMO_HOLDER])

        step(2, "Testimonies")
        t_hama = testimonies.record_testimony(
            uow,
            hama.id,
            taken_at=datetime(2019, 4, 11, 13, 0, tzinfo=IRAQ),
            medium=Medium.IN_PERSON,
            language="ckb",
            transcript=(
                "Interview notes, in a tea house in Makhmour (translated from Sorani).\n"
                "He says the militants keep to two spots in the hills: Ali Rash and Gali Manjalan.\n"
                "In mid-March, gathering truffles near Ali Rash with neighbours, two armed men in khaki "
                "came up to him; one carried a rifle and a large knife and told him not to be afraid.\n"
                "On 29 March he met a group again at Gali Manjala, including a man of about fifty who "
                "played with a child.\n"
                "قال إنهم في مكانين: علي رش وگلي منجلان"
            ),
        )
        t_shwan = testimonies.record_testimony(
            uow,
            shwan.id,
            taken_at=datetime(2019, 4, 11, 13, 40, tzinfo=IRAQ),
            medium=Medium.PHONE,
            language="ckb",
            transcript=(
                "Phone call placed by Hama. Estimates 50 to 150 fighters, with their families, in the "
                "caves and ravines; says they have good intelligence and are biding their time."
            ),
        )
        t_spokesman = testimonies.record_testimony(
            uow,
            spokesman.id,
            taken_at=datetime(2019, 4, 14, 16, 5, tzinfo=UTC),
            medium=Medium.EMAIL,
            language="en",
            transcript=(
                "Emailed answer: the group is likely trying to refit, reorganise and recruit around "
                "Makhmour, and will exploit any security gap."
            ),
        )
        t_villager = testimonies.record_testimony(
            uow,
            villager.id,
            taken_at=datetime(2019, 2, 24, 20, 15, tzinfo=IRAQ),
            medium=Medium.MESSAGING,
            language="ar",
            transcript="Sent four photos: armed men walking near the village in daylight.",
        )

        step(3, "Claims")
        iraq = parse_offset("+03:00")
        c_two_places = claims.claim_from_testimony(
            uow,
            t_hama.id,
            "Militants hold two positions in the Qarachogh hills: Ali Rash and Gali Manjalan.",
            "keep to two spots in the hills: Ali Rash and Gali Manjalan",
            connection=Connection.SAW_IT,
            facets=claims.Facets(
                event_type="armed group present",
                actors="jihadist militants",
                place_id=qarachogh.id,
                place_precision=PlacePrecision.REGION,
            ),
        )
        c_ali_rash = claims.claim_from_testimony(
            uow,
            t_hama.id,
            "Two armed men approached truffle gatherers near Ali Rash in mid-March 2019.",
            "two armed men in khaki came up to him",
            connection=Connection.SAW_IT,
            facets=claims.Facets(
                event_type="encounter",
                actors="two armed men in khaki",
                place_id=ali_rash.id,
                place_precision=PlacePrecision.VICINITY,
                when=parse_interval("2019-03-11/2019-03-20", iraq, "mid-March 2019"),
                quantities=[parse_quantity("2 armed men")],
            ),
        )
        c_gali = claims.claim_from_testimony(
            uow,
            t_hama.id,
            "A group of armed men was seen at Gali Manjala on 29 March 2019.",
            "met a group again at Gali Manjala",
            connection=Connection.SAW_IT,
            facets=claims.Facets(
                event_type="encounter",
                actors="armed men, one about fifty years old",
                place_id=gali.id,
                place_text="Gali Manjala",
                place_precision=PlacePrecision.VICINITY,
                when=parse_interval("2019-03-29", iraq, "29 March 2019"),
            ),
        )
        c_count = claims.claim_from_testimony(
            uow,
            t_shwan.id,
            "Between 50 and 150 fighters, with their families, hide in the hills' caves and ravines.",
            "Estimates 50 to 150 fighters, with their families",
            connection=Connection.HEARD_FROM_OTHERS,
            facets=claims.Facets(
                event_type="armed group present",
                place_id=qarachogh.id,
                place_precision=PlacePrecision.REGION,
                when=parse_interval("2019-04", iraq, "April 2019"),
                quantities=[parse_quantity("50-150 fighters, with their families")],
            ),
        )
        c_regroup = claims.claim_from_testimony(
            uow,
            t_spokesman.id,
            "The group is probably trying to regroup and recruit around Makhmour.",
            "refit, reorganise and recruit around Makhmour",
            connection=Connection.OFFICIAL_POSITION,
            facets=claims.Facets(place_id=makhmour.id, place_precision=PlacePrecision.LOCALITY),
        )
        c_daylight = claims.claim_from_testimony(
            uow,
            t_villager.id,
            "Armed men walked openly near Makhmour in daylight on 21 February 2019.",
            "armed men walking near the village in daylight",
            connection=Connection.SAW_IT,
            facets=claims.Facets(
                event_type="armed men in the open",
                place_id=makhmour.id,
                place_precision=PlacePrecision.LOCALITY,
                when=parse_interval("2019-02-21", iraq, "21 February 2019"),
            ),
        )
        claims.update_claim(
            uow,
            c_daylight.id,
            status=ClaimStatus.IN_PROGRESS,
            reason="Photos received; checking their origin.",
        )
        claims.grade_claim(
            uow, c_regroup.id, Credibility.POSSIBLY_TRUE, "An official assessment, not an observation."
        )
        claims.update_claim(
            uow,
            c_regroup.id,
            verdict=Verdict.NOT_CHECKABLE,
            reason="An assessment of the group's intentions: no observation can confirm or refute it.",
        )

        step(4, "Links")
        links.link_claims(uow, c_ali_rash.id, c_two_places.id, ClaimRelation.MORE_SPECIFIC_THAN)
        links.link_claims(uow, c_gali.id, c_two_places.id, ClaimRelation.MORE_SPECIFIC_THAN)
        # Shwan backs Hama's account, but Hama put us in touch with him: one origin, not two.
        links.link_claims(uow, c_count.id, c_two_places.id, ClaimRelation.PARTLY_CORROBORATES)
        sources.relate_sources(uow, shwan.id, hama.id, RelationshipKind.FRIEND, "Hama phoned him for us.")
        sources.grade_source(
            uow, hama.id, SourceReliability.C, "First contact; the details he gave check out so far."
        )
        sources.grade_source(uow, spokesman.id, SourceReliability.B, "Official channel, on the record.")
        sources.grade_source(uow, villager.id, SourceReliability.F, "No track record yet.")
        sources.attest_identity(uow, villager.id, "Chief editor", "Met the villager's cousin in Erbil.")

        step(5, "Photos")
        photos = demo_photos()
        received = [
            datetime(2019, 2, 21, 19, 2, tzinfo=IRAQ),
            datetime(2019, 2, 21, 19, 3, tzinfo=IRAQ),
            datetime(2019, 3, 2, 9, 20, tzinfo=IRAQ),
            datetime(2019, 2, 24, 20, 10, tzinfo=IRAQ),
        ]
        relations = [
            EvidenceRelation.SUPPORTS,
            EvidenceRelation.CONTRADICTS,
            EvidenceRelation.ILLUSTRATIVE,
            EvidenceRelation.SUPPORTS,
        ]
        with tempfile.TemporaryDirectory(prefix="verifier-demo-") as folder:
            for photo, when, relation in zip(photos, received, relations, strict=True):
                path = Path(folder) / photo.name
                path.write_bytes(photo.jpeg)
                provenance = intake.Provenance(
                    submitted_by_id=villager.id,
                    arrival=ArrivalChannel.MESSAGING_APP,
                    received_at=when,
                    caption=photo.caption,
                    notes=photo.description,
                )
                added = intake.add_photo(uow, case.id, path, provenance)
                links.link_claim_evidence(uow, c_daylight.id, added.evidence_id, relation, photo.description)

    step(6, "Done")
    report(steps, steps, "Done")
    log.info("Built the demo case %d in %s", case.id, ws.settings.workspace)
    return case.id


def ensure_demo_case(
    ws: Workspace,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    *,
    sealed: bool = False,
) -> int:
    """The demo case's id, building it first if the demo workspace does not have it yet."""
    with ws.reading() as session:
        existing = [c for c in cases.list_cases(session) if c.title == DEMO_TITLE]
    if existing:
        return existing[0].id
    return build_demo_case(ws, progress, cancel, sealed=sealed)
