"""Canaries: plant secret values everywhere and prove none escapes in any format or profile.

Secret values (sealed identities, original file names, device serials, exact sensitive points)
are planted where they belong (the sealed store, guard-only fields) *and* where a careless hand
could type them (a statement, a caption, a description, a rationale...). Each export then either
goes through with no canary in any output, or is refused with a message naming the claim, the
item and the field, and never the value.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.verifier.export.scenario import (
    HAMA_REAL,
    SHWAN_REAL,
    VILLAGER_FILE,
    VILLAGER_REAL,
    replace_claim,
    replace_evidence,
    replace_source,
)
from tests.verifier.export.support import assert_no_canary, canaries, export_all
from verifier.errors import ExportRefused
from verifier.export import PROFILES, ExportCase, ExportGuard, ExportPlace, Field
from verifier.sealing import IdentityFingerprints, LeakGuardKey

Plant = Callable[[ExportCase], ExportCase]

# (name, the field it lands in, how it is planted, words the refusal must contain)
PLANTS: list[tuple[str, Field | None, Plant, tuple[str, ...]]] = [
    (
        "real name typed into a statement",
        Field.CLAIM_STATEMENT,
        lambda c: replace_claim(c, 0, statement=f"{HAMA_REAL[0]} saw militants near Ali Rash."),
        ("claim 1 (C-1)", "'Statement'", "source 'Hama'", "identity"),
    ),
    (
        "surname alone, in Arabic-script context, in a caption",
        Field.EVIDENCE_CAPTION,
        lambda c: replace_evidence(c, 0, 0, caption=f"Photo sent by {VILLAGER_REAL[0].split()[1].upper()}"),
        ("evidence 1 (E-1)", "'Caption'", "source 'Villager'"),
    ),
    (
        "phone number in another format in a public description",
        Field.SOURCE_DESCRIPTION,
        lambda c: replace_source(c, 0, 1, public_description="A shepherd, reachable on 0750-123-4567"),
        ("source 2", "'Description'", "source 'Hama'"),
    ),
    (
        "e-mail in the corroboration text",
        Field.CLAIM_CORROBORATION,
        lambda c: replace_claim(c, 0, corroboration=f"Confirmed by mail from {SHWAN_REAL[1]}"),
        ("'Corroboration'", "source 'Shwan'"),
    ),
    (
        "original file name in the verdict's rationale",
        Field.CLAIM_RATIONALE,
        lambda c: replace_claim(c, 1, rationale=f"See {VILLAGER_FILE} in the vault."),
        ("claim 2 (C-2)", "'Rationale'", "original file name", "evidence E-1"),
    ),
    (
        "file stem in a discrepancy",
        Field.CLAIM_DISCREPANCIES,
        lambda c: replace_claim(c, 0, discrepancies=("img_20190221_093512 was cropped",)),
        ("'Discrepancies'", "original file name"),
    ),
    (
        "body serial without its dash in a finding",
        Field.EVIDENCE_FINDINGS,
        lambda c: replace_claim(c, 5, discrepancies=("Same camera as body 4021977x",)),
        ("claim 6 (C-6)", "device serial", "evidence E-2"),
    ),
    (
        "exact sensitive coordinates (DMS) in internal notes",
        Field.EVIDENCE_NOTES,
        lambda c: replace_evidence(c, 0, 0, notes="Taken at 35°46'28.2\"N 43°35'15.1\"E, the roof."),
        ("'Notes'", "exact coordinates", "evidence E-1"),
    ),
    (
        "exact sensitive coordinates (decimal) as a claim place label",
        Field.CLAIM_WHERE,
        lambda c: replace_claim(c, 1, where=ExportPlace("Rooftop at 35.77451, 43.58753")),
        ("claim 2 (C-2)", "'Where'", "exact coordinates"),
    ),
    (
        "real name in an appearance title",
        Field.CLAIM_REVIEW,
        lambda c: replace_claim(
            c, 0, appearances=(*c.claims[0].appearances[:1], *_appearance(f"Interview with {HAMA_REAL[0]}"))
        ),
        ("'Fact check'", "source 'Hama'"),
    ),
    (
        "real name as the source's alias",
        Field.SOURCE_ALIAS,
        lambda c: replace_source(c, 2, 0, alias=SHWAN_REAL[0]),
        ("claim 3 (C-3)", "source 1", "'Source'"),
    ),
    (
        "real name in the audit summary",
        Field.AUDIT_SUMMARY,
        lambda c: _replace_case(c, audit_summary=(f"editor-a unsealed {VILLAGER_REAL[0]}",)),
        ("audit summary",),
    ),
    (
        "real name in the case summary",
        Field.CASE_SUMMARY,
        lambda c: _replace_case(c, summary=f"Told by {HAMA_REAL[0]}."),
        ("case, field 'Summary'",),
    ),
    (
        "real name in the case title (every profile shows it)",
        None,
        lambda c: _replace_case(c, title=f"{HAMA_REAL[0]} and the militants"),
        ("case title",),
    ),
]


def _appearance(title: str) -> tuple[object, ...]:
    from verifier.export import ExportAppearance

    return (ExportAppearance("https://example.org/interview", title),)


def _replace_case(case: ExportCase, **changes: object) -> ExportCase:
    import dataclasses

    return dataclasses.replace(case, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize(("plant_name", "field", "plant", "named"), PLANTS, ids=[p[0] for p in PLANTS])
def test_no_canary_escapes(
    profile: str,
    plant_name: str,
    field: Field | None,
    plant: Plant,
    named: tuple[str, ...],
    case: ExportCase,
    leak_key: LeakGuardKey,
    fingerprints: list[IdentityFingerprints],
) -> None:
    planted = plant(case)
    guard = ExportGuard(planted, key=leak_key, fingerprints=fingerprints)
    shown = field is None or PROFILES[profile].includes(field)
    if field is Field.CLAIM_RATIONALE and profile == "public":
        shown = False
    if not shown:
        assert_no_canary(export_all(planted, PROFILES[profile], guard))
        return
    with pytest.raises(ExportRefused) as refused:
        export_all(planted, PROFILES[profile], guard)
    message = str(refused.value)
    assert "nothing was written" in message
    for words in named:
        assert words in message, (words, message)
    folded = message.casefold()
    for canary in canaries():
        assert canary.casefold() not in folded, "the refusal shows a secret value"
    assert "35.7745" not in message and "46'28" not in message


def test_leak_only_in_a_rendered_output_is_caught_and_located(case: ExportCase, guard: ExportGuard) -> None:
    """A renderer bug (or the PDF) that adds a secret after the field scan is still stopped."""
    from tests.verifier.export.support import fake_pdf
    from verifier.export import Format, RenderedPdf, render_export

    def leaky_pdf(document_html: str) -> RenderedPdf:
        clean = fake_pdf(document_html)
        return RenderedPdf(clean.data, clean.text.replace("Claim 3 · C-3", f"Claim 3 · C-3 {SHWAN_REAL[0]}"))

    with pytest.raises(ExportRefused) as refused:
        render_export(case, PROFILES["partner"], [Format.PDF], guard, pdf=leaky_pdf)
    message = str(refused.value)
    assert "verification-partner.pdf (text)" in message and "in claim 3" in message
    assert "source 'Shwan'" in message and SHWAN_REAL[0].split()[0] not in message


def test_sealed_identity_without_fingerprints_refuses(
    case: ExportCase, leak_key: LeakGuardKey, fingerprints: list[IdentityFingerprints]
) -> None:
    with pytest.raises(ExportRefused, match=r"source 'Villager'.*cannot be checked"):
        ExportGuard(case, key=leak_key, fingerprints=[f for f in fingerprints if f.subject != "source:3"])
    with pytest.raises(ExportRefused, match="cannot be checked"):
        ExportGuard(case, key=None, fingerprints=fingerprints)
