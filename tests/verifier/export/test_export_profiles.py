"""Every writer for every profile, on the Makhmour case: what an editor, partner or lawyer sees."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.verifier.export.support import assert_no_canary, export_all, texts_of
from verifier.errors import InvalidInput
from verifier.export import PROFILES, ExportCase, ExportGuard, Field, build_document, get_profile
from verifier.export.csv import render_csv
from verifier.export.markdown import render_markdown
from verifier.export.view import project


def test_profiles_are_nested_and_never_name_identities() -> None:
    public, partner, legal, internal = (
        PROFILES[n].fields for n in ("public", "partner", "legal", "internal")
    )
    assert public < partner < legal
    assert partner < internal and (legal - {Field.COPY_MANIFEST}) < internal
    assert Field.COPY_MANIFEST in legal and Field.COPY_MANIFEST not in internal | partner | public
    assert not any("identity_value" in f.value or "real_name" in f.value for f in Field)
    with pytest.raises(InvalidInput, match="public, partner, legal, internal"):
        get_profile("everything")


@pytest.mark.parametrize("name", list(PROFILES))
def test_clean_case_exports_in_every_format_without_canaries(
    name: str, case: ExportCase, guard: ExportGuard
) -> None:
    result = export_all(case, PROFILES[name], guard)
    names = {f.name for f in result.files}
    assert {f"verification-{name}.html", f"verification-{name}.md", f"verification-{name}.csv"} <= names
    assert "claimreview.jsonld" in names and f"verification-{name}.pdf" in names
    assert ("images/E-1.jpg" in names) == (name != "public")
    assert ("images/sanitized-copies.json" in names) == (name == "legal")
    assert_no_canary(result)


def test_public_shows_published_checks_and_agreed_descriptions_only(case: ExportCase) -> None:
    view = project(case, get_profile("public"))
    assert [c.ref for c in view.claims] == ["C-1", "C-2", "C-3", "C-5", "C-6", "C-7"]  # C-4 has no verdict
    page = build_document(case, get_profile("public"))
    assert "Partly verified" in page and "A Kurdish resident of Makhmour in his twenties" in page
    for absent in (
        case.claims[0].evidence[0].sha256,
        "time.gps_vs_exif",
        "one origin) and one photo",
        "Probably true",
        "fears reprisals",
        "Audit summary",
        "data:image/jpeg",
        "Corroborated",
        "https://t.me/private-channel",
    ):
        assert absent not in page, absent


def test_partner_adds_evidence_facts_at_publication_precision(case: ExportCase) -> None:
    page = build_document(case, get_profile("partner"))
    villager, staff = case.claims[0].evidence[0], case.claims[5].evidence[0]
    assert villager.sha256 in page and staff.sha256 in page
    assert "2019-02-21 06:35:12 UTC (local 2019-02-21 09:35:12 +03:00)" in page
    assert "Makhmour district · precision: region" in page  # sensitive: the district only
    assert "35.81, 43.53 (to 0.01°)" in page  # not sensitive: rounded to 0.01 deg
    assert "2 support, 0 contradict" in page and "count as one origin" in page
    assert "GPS time and camera clock agree" in page and "Audit summary" in page
    assert "data:image/jpeg;base64," in page
    assert "Two witnesses who are friends" not in page  # the verdict's rationale is for legal
    assert "Editors attest" not in page and "An editor knows the identity" not in page


def test_legal_adds_rationale_anonymity_grounds_and_copy_manifest(
    case: ExportCase, guard: ExportGuard
) -> None:
    page = build_document(case, get_profile("legal"))
    assert "Two witnesses who are friends (one origin) and one photo" in page
    assert "He fears reprisals by ISIS cells" in page
    assert "An editor knows the identity; it is sealed" in page and "(2 attesting editors)" in page
    result = export_all(case, get_profile("legal"), guard)
    manifest = json.loads(next(f.data for f in result.files if f.name == "images/sanitized-copies.json"))
    links = {link["evidence_id"]: link for link in manifest["sanitized_copies"]}
    assert links["E-1"]["original_sha256"] == case.claims[0].evidence[0].sha256
    assert links["E-1"]["file"] == "images/E-1.jpg"


def test_internal_shows_notes_and_exact_points_except_sensitive_ones(case: ExportCase) -> None:
    page = build_document(case, get_profile("internal"))
    assert "the sender asked that the village not be named" in page
    assert "35.812300, 43.531100" in page  # staff photo: exact point allowed internally
    assert "35.774512" not in page and "35.7745" not in page  # the villager's rooftop never


def test_markdown_and_csv_say_the_same_as_html(case: ExportCase) -> None:
    view = project(case, get_profile("partner"))
    markdown = render_markdown(view)
    assert "## Claim 3 · C-3" in markdown and "50 to 150 fighters and their families" in markdown
    assert "- **Verdict:** Unsubstantiated" in markdown
    rows = list(csv.reader(io.StringIO(render_csv(view))))
    assert rows[0][:4] == ["Claim", "Reference", "Statement", "Verdict"]
    assert len(rows) == 1 + len(case.claims)  # one row per claim
    c3 = rows[3]
    assert c3[1] == "C-3" and "50 to 150 fighters" in c3[rows[0].index("How many")]
    assert "Shwan" in c3[rows[0].index("Sources")]
    assert "E-1 · photo · supports" in rows[1][rows[0].index("Evidence")]


def test_csv_bom_option(case: ExportCase, guard: ExportGuard) -> None:
    from verifier.export import Format, render_export

    with_bom = render_export(case, get_profile("partner"), [Format.CSV], guard)
    without = render_export(case, get_profile("partner"), [Format.CSV], guard, csv_bom=False)
    assert with_bom.files[0].data.startswith(b"\xef\xbb\xbf")
    assert not without.files[0].data.startswith(b"\xef\xbb\xbf")


def test_outputs_contain_versions_and_date(case: ExportCase, guard: ExportGuard) -> None:
    texts = texts_of(export_all(case, get_profile("public"), guard))
    for name in ("verification-public.html", "verification-public.md"):
        assert "Source Verifier 0.1.0; metadata reader 1" in texts[name]
        assert "2019-04-20 09:30 +0300" in texts[name]
