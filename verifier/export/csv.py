"""The CSV export: one row per claim (RFC 4180), safe to open in a spreadsheet.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and Excel
treats a leading tab or carriage return the same way), so such cells get a leading apostrophe,
OWASP's recommendation: the text stays readable and nothing is executed. Excel only reads UTF-8
correctly with a byte order mark, hence the ``bom`` option.
"""

from __future__ import annotations

import csv as _csv
import io

from verifier.export.view import ClaimView, DocumentView, Entry

__all__ = ["FORMULA_PREFIXES", "neutralize_cell", "render_csv", "render_csv_bytes"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_cell(text: str) -> str:
    """Make a cell inert in spreadsheets.

    Args:
        text: the cell's text.

    Returns:
        The text, with an apostrophe in front when it would start a formula.
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _entries_text(entries: tuple[Entry, ...]) -> str:
    return "; ".join(f"{e.label}: {e.flat(' / ')}" for e in entries if not e.empty)


def _row(view: DocumentView, claim: ClaimView) -> list[str]:
    by_field = {entry.field: entry for entry in claim.entries}
    row = [str(claim.number), claim.ref]
    row += [by_field[field].flat(" | ") for field, _ in view.claim_fields]
    if view.source_fields:
        row.append(" || ".join(_entries_text(s.entries) for s in claim.sources))
    if view.evidence_fields:
        row.append(" || ".join(_entries_text(e.entries) for e in claim.evidence))
    return [neutralize_cell(cell) for cell in row]


def render_csv(view: DocumentView) -> str:
    """Render one row per claim.

    Args:
        view: the document.

    Returns:
        CSV text with CRLF line ends (RFC 4180); every field quoted when needed.
    """
    header = ["Claim", "Reference"] + [label for _, label in view.claim_fields]
    if view.source_fields:
        header.append("Sources")
    if view.evidence_fields:
        header.append("Evidence")
    out = io.StringIO()
    writer = _csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    for claim in view.claims:
        writer.writerow(_row(view, claim))
    return out.getvalue()


def render_csv_bytes(view: DocumentView, *, bom: bool = True) -> bytes:
    """Render the CSV file's bytes.

    Args:
        view: the document.
        bom: start with a UTF-8 byte order mark, so Excel reads Arabic and Kurdish correctly.

    Returns:
        UTF-8 bytes.
    """
    return render_csv(view).encode("utf-8-sig" if bom else "utf-8")
