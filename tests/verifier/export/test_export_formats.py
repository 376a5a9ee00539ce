"""Format details: spreadsheet formula injection, right-to-left text, escaping, ClaimReview."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from tests.verifier.export.scenario import replace_claim
from verifier.export import ExportCase, build_document, claimreview_objects, get_profile, render_claimreview
from verifier.export.claimreview import google_eligibility_problems
from verifier.export.csv import render_csv
from verifier.export.markdown import render_markdown
from verifier.export.view import project


@pytest.mark.parametrize(
    "statement",
    ['=HYPERLINK("http://evil","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"],
)
def test_csv_cells_cannot_start_a_formula(case: ExportCase, statement: str) -> None:
    view = project(replace_claim(case, 0, statement=statement, ref="=C-1"), get_profile("partner"))
    rows = list(csv.reader(io.StringIO(render_csv(view))))
    header, first = rows[0], rows[1]
    assert first[header.index("Statement")] == "'" + statement
    assert first[header.index("Reference")] == "'=C-1"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_csv_is_rfc4180(case: ExportCase) -> None:
    text = render_csv(
        project(replace_claim(case, 0, statement='He said "go"\nthen, left'), get_profile("public"))
    )
    assert text.endswith("\r\n") and "\r\n" in text
    assert '"He said ""go""\nthen, left"' in text


def test_rtl_text_is_marked_auto_direction_and_escaped(case: ExportCase) -> None:
    page = build_document(case, get_profile("public"))
    arabic = case.claims[6].statement
    assert f'<p dir="auto">{arabic}</p>' in page
    hostile = replace_claim(case, 0, statement='<script>alert(1)</script> & "quotes" بەڵێ')
    page = build_document(hostile, get_profile("public"))
    assert "<script>" not in page
    assert '<p dir="auto">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; بەڵێ</p>' in page


def test_html_keeps_to_what_qtextdocument_prints(case: ExportCase) -> None:
    page = build_document(case, get_profile("partner"))
    for unsupported in ("display: flex", "display: grid", "<script", "<link", "@import", "http-equiv"):
        assert unsupported not in page
    assert page.count('<img src="data:image/jpeg;base64,') == 3  # E-1 twice (C-1, C-2), E-2 once
    assert '<meta charset="utf-8">' in page


def test_markdown_escapes_syntax_in_user_text(case: ExportCase) -> None:
    hostile = replace_claim(case, 0, statement="[click](http://evil) *bold* <b>x</b>\n# not a heading")
    markdown = render_markdown(project(hostile, get_profile("public")))
    assert r"\[click\](http://evil) \*bold\* \<b\>x\</b\>" in markdown
    assert "\n  \\# not a heading" in markdown


# --- ClaimReview, checked against the rules of schema.org and Google's fact-check guide ----------
# Google, "Fact check (ClaimReview) structured data": required claimReviewed, reviewRating, url;
# recommended author, datePublished, itemReviewed. Rating: alternateName required; ratingValue,
# bestRating, worstRating recommended (numeric ratings need best and worst). Claim (itemReviewed):
# appearance, author, datePublished, firstAppearance recommended. Author: name (and url).
REQUIRED = {"@context", "@type", "claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}
RATING_REQUIRED = {"@type", "alternateName"}
CLAIM_ALLOWED = {"@type", "appearance", "author", "datePublished", "firstAppearance"}


def _check_claimreview(review: dict[str, Any], *, url_known: bool) -> None:
    missing = (REQUIRED | RECOMMENDED) - set(review)
    assert missing == (set() if url_known else {"url"}), missing
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    rating = review["reviewRating"]
    assert RATING_REQUIRED <= set(rating) and rating["@type"] == "Rating"
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] in ("Organization", "Person") and review["author"]["name"]
    date.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and set(item) <= CLAIM_ALLOWED
    for appearance in item.get("appearance", []):
        assert appearance["@type"] == "CreativeWork" and appearance["url"].startswith("https://")


def test_claimreview_structure_for_every_claim_with_a_verdict(case: ExportCase) -> None:
    reviews = json.loads(render_claimreview(case))
    assert [r["claimReviewed"] for r in reviews] == [c.statement for c in case.claims if c.verdict]
    for review in reviews:
        _check_claimreview(review, url_known=review["claimReviewed"] == case.claims[0].statement)
    first = reviews[0]
    assert first["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Partly verified",
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert first["author"] == {
        "@type": "Organization",
        "name": "Rudaw English",
        "url": "https://www.rudaw.net/english",
    }
    assert first["datePublished"] == "2019-04-20"
    assert first["url"] == "https://newsroom.example/fact-checks/qarachogh#c1"
    assert google_eligibility_problems(first) == [
        "claimReviewed is longer than 75 characters (wraps on phones)"
    ]
    assert "no url" in google_eligibility_problems(reviews[1])[0]


def test_claimreview_cites_public_appearances_and_on_record_authors_only(case: ExportCase) -> None:
    by_statement = {r["claimReviewed"]: r for r in claimreview_objects(case)}
    c1 = by_statement[case.claims[0].statement]["itemReviewed"]
    assert [a["url"] for a in c1["appearance"]] == ["https://www.rudaw.net/english/kurdistan/makhmour-isis"]
    assert "t.me" not in json.dumps(c1)
    assert "author" not in c1  # Hama, Shwan and the villager are protected
    c5 = by_statement[case.claims[4].statement]["itemReviewed"]
    assert c5["author"] == {"@type": "Person", "name": "Col James Rawlinson"}
    c7 = by_statement[case.claims[6].statement]
    assert c7["reviewRating"] == {"@type": "Rating", "alternateName": "Cannot be checked"}
    assert "author" not in c7["itemReviewed"]
