"""The export leak guard's matchers, one by one: coordinates, names, serials, images, HTML, JSON."""

from __future__ import annotations

import base64

import pytest

from tests.verifier.export.scenario import HAMA_REAL, VILLAGER_FILE, villager_photo
from tests.verifier.intake.samples import phone_exif, picture, save
from verifier.errors import ExportRefused
from verifier.export import ExportCase, ExportGuard, LeakKind, sanitized_thumbnail


@pytest.mark.parametrize(
    "text",
    [
        "35.7745",
        "at 35.77451,43.58753",
        "-35.774512",
        "35,7745 N",
        "43.5875",
        "43.587533000001",
        "35.774499999999996",
        "35°46'28.2\"N",
        "35\u00b0 46\u2032 28\u2033",
        "35 46 28.24",
        "35d46m28s",
        "43°35.25'",
    ],
)
def test_exact_coordinates_are_found_in_many_forms(guard: ExportGuard, text: str) -> None:
    kinds = {leak.kind for leak in guard.find_in_text("t.md", text)}
    assert kinds == {LeakKind.COORDINATES}, text


@pytest.mark.parametrize("text", ["35.77", "35.775", "35.7800", "35°47'", "43.5900", "2019.0221", "35 46"])
def test_published_precision_and_other_numbers_pass(guard: ExportGuard, text: str) -> None:
    assert guard.find_in_text("t.md", text) == []


def test_file_names_and_serials_match_as_whole_words(guard: ExportGuard) -> None:
    assert guard.find_in_text("t", f"see {VILLAGER_FILE.upper()}")[0].kind is LeakKind.FILE_NAME
    assert guard.find_in_text("t", "copy of img_20190221_093512-edited.png")[0].kind is LeakKind.FILE_NAME
    assert guard.find_in_text("t", "body SN-0042, lens LS-77")[0].kind is LeakKind.SERIAL
    assert guard.find_in_text("t", "".join(chr(ord(c) + 0xFEE0) for c in "sn-0042"))  # full width
    assert guard.find_in_text("t", "SN-00421 and XLS-77 and E-12") == []  # no partial words


def test_identity_hits_name_the_alias_never_the_value(guard: ExportGuard) -> None:
    leaks = guard.find_in_text("t.md", f"Claim 2 · C-2\n\nsaid {HAMA_REAL[0].split()[1].lower()}")
    assert [(leak.kind, leak.whose, leak.where) for leak in leaks] == [
        (LeakKind.IDENTITY, "source 'Hama'", "line 3, in claim 2")
    ]
    with pytest.raises(ExportRefused) as refused:
        guard.scan_text_output("verification-public.pdf", f"He is {HAMA_REAL[0]}")
    assert "Qarawindi" not in str(refused.value) and "Zebulon" not in str(refused.value)


def test_html_entities_and_attributes_are_decoded_before_scanning(guard: ExportGuard) -> None:
    encoded = "".join(f"&#{ord(c)};" for c in HAMA_REAL[0])
    assert guard.find_in_text("raw", encoded) == []  # what a raw scan alone would miss
    leaks = guard.find_in_html("x.html", f'<p title="{encoded}">ok</p>')
    assert leaks and leaks[0].output == "x.html (text)"


def test_images_must_be_pixels_only(guard: ExportGuard) -> None:
    dirty = save(picture(), "JPEG", exif=phone_exif())
    kinds = {(leak.kind, leak.whose) for leak in guard.find_in_image("images/E-9.jpg", dirty)}
    assert (LeakKind.IMAGE_METADATA, "APP1 segment") in kinds
    assert (LeakKind.IMAGE_METADATA, "EXIF group GPS") in kinds
    assert (LeakKind.SERIAL, "evidence E-1") in kinds  # SN-0042 is reported by the reader
    assert (LeakKind.COORDINATES, "evidence E-1") in kinds  # and the GPS position
    assert guard.find_in_image("images/E-1.jpg", sanitized_thumbnail(villager_photo(), label="x")) == []
    assert guard.find_in_image("a.png", save(picture(), "PNG"))[0].whose == "not a sanitized JPEG"


def test_dirty_image_embedded_in_html_is_caught(guard: ExportGuard) -> None:
    dirty = base64.b64encode(save(picture(), "JPEG", exif=phone_exif())).decode()
    leaks = guard.find_in_html("x.html", f'<h2>Claim 4</h2><img src="data:image/jpeg;base64,{dirty}">')
    assert leaks and all("embedded image 1" in leak.where and "claim 4" in leak.where for leak in leaks)


def test_file_names_of_outputs_are_scanned(guard: ExportGuard) -> None:
    leaks = guard.find_in_output(
        "images/IMG_20190221_093512.jpg", sanitized_thumbnail(villager_photo(), label="x")
    )
    assert {leak.kind for leak in leaks} == {LeakKind.FILE_NAME}


def test_json_leaks_are_named_by_path(guard: ExportGuard) -> None:
    leaks = guard.find_in_json("claimreview.jsonld", '[{"itemReviewed": {"author": {"name": "Zebulon X"}}}]')
    assert [leak.where for leak in leaks] == ["$[0].itemReviewed.author.name"]


def test_on_record_fingerprints_do_not_block_naming_them(
    case: ExportCase, leak_key: object, fingerprints: list[object]
) -> None:
    from verifier.sealing import LeakGuardKey, fingerprint_identity

    assert isinstance(leak_key, LeakGuardKey)
    spokesman = fingerprint_identity(leak_key, "source:4", ["James Rawlinson"])
    import dataclasses

    claims = list(case.claims)
    claims[4] = dataclasses.replace(
        claims[4], sources=(dataclasses.replace(claims[4].sources[0], guard_subject="source:4"),)
    )
    on_record = dataclasses.replace(case, claims=tuple(claims))
    guard = ExportGuard(on_record, key=leak_key, fingerprints=[*fingerprints, spokesman])  # type: ignore[list-item]
    assert guard.find_in_text("t", "Col James Rawlinson said") == []


def test_pdf_information_strings_are_scanned_but_not_its_streams(guard: ExportGuard) -> None:
    clean = b"%PDF-1.4\n1 0 obj << /Title (Makhmour) /Producer (Qt 6.12) >>\nstream\nZebulon\nendstream"
    assert guard.find_in_output("verification-partner.pdf", clean) == []
    leaky = b"%PDF-1.4\n1 0 obj << /Author (Zebulon Qarawindi) >>"
    leaks = guard.find_in_output("verification-partner.pdf", leaky)
    assert leaks and leaks[0].output == "verification-partner.pdf (document information)"
