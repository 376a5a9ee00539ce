"""Editing traces: what the file says about the software it went through.

Every signal here says that software wrote the file after the camera did, never *what* it
changed: cropping, straightening and exporting are routine in newsrooms and among submitters.
So the findings are warnings or information, never conflicts.

Left out on purpose:

- **A table of each camera's native image sizes.** Phones offer 4:3, 16:9 and 1:1 modes, front
  and back cameras, binned and full-resolution sensors, and the sizes change with firmware; a
  small table would raise false warnings on honest photos. Instead the image's size is compared
  with the size the camera itself recorded (ExifIFD PixelXDimension/PixelYDimension), which
  editors that crop or resize often leave unchanged.
- **Double-quantization detection.** It needs the histograms of the DCT coefficients (the
  periodic gaps a second quantization leaves), not the quantization tables alone: the tables
  only tell the *last* save. It belongs to a pixel-level analysis, not to these rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Final

from verifier.crossref.findings import Finding, Number, Severity
from verifier.crossref.inputs import PhotoInput

__all__ = [
    "ASPECT_TOLERANCE",
    "CUSTOM_TABLE_MAKERS",
    "EDITING_PROGRAMS",
    "LOW_QUALITY",
    "THUMBNAIL_PHASH_MAX",
    "check_editing",
    "editing_program",
]

EDITING_PROGRAMS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("Adobe Photoshop", r"photoshop"),
        ("Adobe Lightroom", r"lightroom"),
        ("GIMP", r"\bgimp\b"),
        ("Snapseed", r"snapseed"),
        ("PicsArt", r"picsart"),
        ("Meitu", r"meitu"),
        ("Facetune", r"facetune"),
        ("FaceApp", r"faceapp"),
        ("Affinity Photo", r"affinity\s*photo"),
        ("Pixelmator", r"pixelmator"),
        ("Paint.NET", r"paint\.net"),
        ("Corel PaintShop Pro", r"paint\s*shop"),
        ("Photopea", r"photopea"),
        ("Pixlr", r"pixlr"),
        ("Canva", r"\bcanva\b"),
        ("VSCO", r"\bvsco\b"),
        ("Polarr", r"polarr"),
        ("Fotor", r"\bfotor\b"),
        ("PhotoScape", r"photoscape"),
        ("PhotoDirector", r"photodirector"),
        ("Luminar", r"luminar"),
        ("Capture One", r"capture\s*one"),
        ("darktable", r"darktable"),
        ("RawTherapee", r"rawtherapee"),
        ("ACDSee", r"acdsee"),
        ("Picasa", r"picasa"),
        ("YouCam", r"youcam"),
        ("BeautyPlus", r"beautyplus"),
        ("AirBrush", r"\bairbrush\b"),
        ("Remini", r"\bremini\b"),
        ("ImageMagick", r"imagemagick"),
    )
)
"""Programs whose name in Software or CreatorTool means the file was saved by an editor.

Curated, matched case-insensitively anywhere in the text ("Adobe Photoshop CC 2019 (Windows)").
Phones write their firmware version in Software ("G950FXXU1AQL5", "12.1.4"): not listed."""
CUSTOM_TABLE_MAKERS: Final = frozenset({"canon", "nikon", "fujifilm", "olympus", "om digital solutions"})
"""Camera makers whose cameras write their own quantization tables, not libjpeg's scaled
Annex K tables (as JPEGsnoop's signature database shows). Phones are left out: many Android
phones' hardware encoders do use the standard tables."""
ASPECT_TOLERANCE: Final = 0.03
"""Relative aspect-ratio difference tolerated between the thumbnail and the main image: a
160x120 thumbnail rounds its sides to whole pixels (up to 1/120, under 1 %)."""
LOW_QUALITY: Final = 75
"""A libjpeg-equivalent quality below this, with a camera's EXIF still in the file, points to a
re-compression: cameras and phones save at about 85-98, messaging apps re-encode lower."""
THUMBNAIL_PHASH_MAX: Final = 16
"""pHash distance (of 64 bits) above which the embedded preview shows another picture: higher
than the recycling threshold (8) because the preview is tiny and may be letterboxed, and still
half way to the ~32 bits of unrelated pictures."""
_DCF_THUMBNAIL: Final = frozenset({(160, 120), (120, 160)})
_HISTORY_EDITS: Final = frozenset(
    {"saved", "converted", "derived", "edited", "cropped", "filtered", "resized", "produced", "merged"}
)


def editing_program(text: str | None) -> str | None:
    """The editing program named in a Software or CreatorTool value.

    Args:
        text: The tag's value.

    Returns:
        The program's name from :data:`EDITING_PROGRAMS`, or None.
    """
    if not text:
        return None
    for name, pattern in EDITING_PROGRAMS:
        if pattern.search(text):
            return name
    return None


def check_editing(photos: Sequence[PhotoInput]) -> list[Finding]:
    """Run every editing-trace rule on each photo.

    Args:
        photos: The photos.

    Returns:
        Findings, photos in id order.
    """
    findings: list[Finding] = []
    for photo in sorted(photos, key=lambda p: p.evidence_id):
        findings += _no_metadata(photo)
        findings += _software(photo)
        findings += _history(photo)
        findings += _thumbnail(photo)
        findings += _dimensions(photo)
        findings += _tables(photo)
    return findings


def _no_metadata(photo: PhotoInput) -> Iterable[Finding]:
    s = photo.summary
    if any(
        v is not None
        for v in (s.make, s.model, s.capture_local, s.gps_latitude, s.software, s.modified_local)
    ):
        return
    yield Finding(
        "editing.no_metadata",
        Severity.INFO,
        (photo.subject,),
        f"{photo.label} carries no camera metadata (no make, model, capture time, GPS or software). "
        "Messaging apps and social networks strip it, so this says how the file travelled, not that it "
        "was altered; but the time, place, device and sun checks cannot run on it. Ask the submitter "
        "for the original file, or geolocate and date it from what it shows.",
        {},
    )


def _software(photo: PhotoInput) -> Iterable[Finding]:
    seen: set[str] = set()
    for tag, value in (("Software", photo.summary.software), ("XMP CreatorTool", photo.summary.creator_tool)):
        program = editing_program(value)
        if program is None or program in seen:
            continue
        seen.add(program)
        yield Finding(
            "editing.software",
            Severity.WARNING,
            (photo.subject,),
            f"{photo.label}: the {tag} tag says '{value}', which is {program}, an editing program. The "
            "file was saved by it after leaving the camera; that shows it went through the program, "
            "not what (if anything) was changed. Ask for the camera original.",
            {"tag": tag, "value": value, "program": program},
        )


def _history(photo: PhotoInput) -> Iterable[Finding]:
    actions = photo.summary.xmp_history_actions
    if not actions:
        return
    edits = [a for a in actions if a.strip().lower() in _HISTORY_EDITS]
    listed = ", ".join(actions)
    yield Finding(
        "editing.xmp_history",
        Severity.WARNING if edits else Severity.INFO,
        (photo.subject,),
        f"{photo.label} carries an XMP editing history of {len(actions)} step(s): {listed}. Cameras do not "
        "write this history; editing software (Adobe's above all) does"
        + (f", and {len(edits)} step(s) record the file being saved or changed." if edits else "."),
        {"actions": listed, "steps": len(actions), "edit_steps": len(edits)},
    )


def _aspect_difference(a: float, b: float) -> float:
    return abs(math.log(a / b))


def _thumbnail(photo: PhotoInput) -> Iterable[Finding]:
    w, h, tw, th = photo.width, photo.height, photo.thumbnail_width, photo.thumbnail_height
    if w and h and tw and th:
        main, thumb = w / h, tw / th
        numbers: dict[str, Number] = {
            "width": w,
            "height": h,
            "thumbnail_width": tw,
            "thumbnail_height": th,
            "aspect_difference_percent": round(100 * (math.exp(_aspect_difference(main, thumb)) - 1), 1),
        }
        if _aspect_difference(main, thumb) > ASPECT_TOLERANCE:
            sizes = (
                f"the image is {w}x{h} pixels (aspect {main:.3f}) but its embedded thumbnail is "
                f"{tw}x{th} ({thumb:.3f})"
            )
            if _aspect_difference(main, 1 / thumb) <= ASPECT_TOLERANCE:
                yield Finding(
                    "editing.thumbnail_rotated",
                    Severity.INFO,
                    (photo.subject,),
                    f"{photo.label}: {sizes}, the same shape turned by 90 degrees. The picture was rotated "
                    "after the thumbnail was written, by software that did not refresh it.",
                    numbers,
                )
            elif (tw, th) in _DCF_THUMBNAIL:
                yield Finding(
                    "editing.thumbnail_aspect",
                    Severity.INFO,
                    (photo.subject,),
                    f"{photo.label}: {sizes}. 160x120 is the standard size many cameras use whatever the "
                    "picture's shape, filling the rest with black bars, so this may be normal; compare the "
                    "thumbnail with the picture to be sure.",
                    numbers,
                )
            else:
                yield Finding(
                    "editing.thumbnail_aspect",
                    Severity.WARNING,
                    (photo.subject,),
                    f"{photo.label}: {sizes}. The picture was cropped or reshaped after the thumbnail was "
                    "written, by software that kept the old thumbnail: the thumbnail may show what was "
                    "cut away.",
                    numbers,
                )
    if photo.thumbnail_phash is not None and photo.phash is not None:
        distance = (photo.thumbnail_phash ^ photo.phash).bit_count()
        if distance > THUMBNAIL_PHASH_MAX:
            yield Finding(
                "editing.thumbnail_content",
                Severity.WARNING,
                (photo.subject,),
                f"{photo.label}: the embedded thumbnail's pHash differs from the picture's in {distance} of "
                f"64 bits (above {THUMBNAIL_PHASH_MAX}; unrelated pictures differ in about 32). The "
                "thumbnail may show another picture, or the picture before it was edited: look at both.",
                {"phash_distance": distance, "threshold": THUMBNAIL_PHASH_MAX},
            )


def _dimensions(photo: PhotoInput) -> Iterable[Finding]:
    w, h, pw, ph = photo.width, photo.height, photo.exif_pixel_width, photo.exif_pixel_height
    if not (w and h and pw and ph) or (w, h) in ((pw, ph), (ph, pw)):
        return
    scaled = _aspect_difference(w / h, pw / ph) <= 0.01 or _aspect_difference(w / h, ph / pw) <= 0.01
    what = "resized (same shape, other size)" if scaled else "cropped or reshaped"
    yield Finding(
        "editing.dimensions_changed",
        Severity.WARNING,
        (photo.subject,),
        f"{photo.label}: the EXIF records that the camera wrote {pw}x{ph} pixels, but the image is "
        f"{w}x{h}. It was {what} by software that kept the camera's EXIF.",
        {"width": w, "height": h, "exif_pixel_width": pw, "exif_pixel_height": ph, "resized_only": scaled},
    )


def _tables(photo: PhotoInput) -> Iterable[Finding]:
    make = (photo.summary.make or "").strip()
    quality = photo.jpeg_quality
    if quality is None or not make:
        return
    maker = make.lower()
    camera_maker = next((m for m in CUSTOM_TABLE_MAKERS if maker.startswith(m)), None)
    if photo.jpeg_quality_exact and camera_maker is not None:
        yield Finding(
            "editing.standard_quant_tables",
            Severity.INFO,
            (photo.subject,),
            f"{photo.label}: its JPEG quantization tables are exactly libjpeg's standard tables at quality "
            f"{quality}, while the Make tag says {make}, whose cameras use their own tables. The file was "
            "probably re-saved by software after leaving the camera. A weak signal: some camera modes and "
            "firmware use standard tables, and a Make tag can be copied onto any file.",
            {"make": make, "jpeg_quality": quality, "exact": True},
        )
    if quality < LOW_QUALITY:
        yield Finding(
            "editing.low_quality",
            Severity.INFO,
            (photo.subject,),
            f"{photo.label}: its JPEG quality is about {quality} (libjpeg scale), below the {LOW_QUALITY} "
            f"that cameras and phones stay above, though its EXIF names a {make}"
            f"{' ' + photo.summary.model if photo.summary.model else ''}. It was probably re-compressed "
            "after leaving the device (a messaging app or an editor that kept the EXIF). A weak signal "
            "on its own.",
            {"make": make, "jpeg_quality": quality, "threshold": LOW_QUALITY},
        )
