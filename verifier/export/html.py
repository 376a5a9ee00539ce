"""One self-contained HTML document per export, also the input of the Qt PDF renderer.

The markup keeps to what both browsers and ``QTextDocument`` render (the ui renderer prints this
very HTML to PDF): tables for layout, a ``<style>`` block of simple selectors, ``<img>`` with
``data:`` URIs (``QTextDocument`` decodes them since Qt 6) and explicit sizes, no flexbox, grid
or script. User text is escaped and marked ``dir="auto"`` so Arabic and Kurdish lay out right to
left in browsers; ``QTextDocument`` picks each block's direction from its first strong character,
which gives the same result.
"""

from __future__ import annotations

import base64
import html

from verifier.export.model import ExportCase
from verifier.export.profiles import Field, Profile
from verifier.export.view import ClaimView, DocumentView, Entry, EvidenceView, project

__all__ = ["THUMBNAIL_DISPLAY_WIDTH", "build_document", "render_html", "render_html_bytes"]

# Thumbnails are 320 px; shown at 160 px they print at about 200 dpi.
THUMBNAIL_DISPLAY_WIDTH = 160

_CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111111; }
h1 { font-size: 18pt; margin-bottom: 4pt; }
h2 { font-size: 13pt; margin-top: 16pt; margin-bottom: 4pt; color: #1a3a5a; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 2pt; }
table.facts { border-collapse: collapse; margin-top: 4pt; margin-bottom: 6pt; }
table.facts th { text-align: left; vertical-align: top; background-color: #eeeeee; font-weight: bold; }
table.facts td { vertical-align: top; }
table.facts th, table.facts td { border: 1px solid #999999; padding: 3pt; }
.meta { color: #555555; font-size: 8pt; }
.verdict { font-weight: bold; }
.profile { color: #8a1c1c; font-weight: bold; }
ul { margin-top: 0pt; margin-bottom: 0pt; }
@media print { body { font-size: 9pt; } h2 { page-break-after: avoid; } }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _user(text: str) -> str:
    """User text as paragraphs (blank line) and line breaks, escaped, direction from content."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        f'<p dir="auto">{"<br>".join(_e(line) for line in p.split(chr(10)))}</p>' for p in paragraphs
    )


def _value(entry: Entry) -> str:
    if entry.items:
        attr = ' dir="auto"' if entry.user_text else ""
        return "<ul>" + "".join(f"<li{attr}>{_e(item)}</li>" for item in entry.items) + "</ul>"
    if entry.user_text:
        return _user(entry.value)
    css = ' class="verdict"' if entry.field is Field.CLAIM_VERDICT else ""
    return f"<p{css}>{_e(entry.value)}</p>"


def _facts(entries: tuple[Entry, ...]) -> str:
    rows = [
        f'<tr><th width="28%">{_e(e.label)}</th><td>{_value(e)}</td></tr>' for e in entries if not e.empty
    ]
    if not rows:
        return ""
    return (
        '<table class="facts" width="100%" border="1" cellspacing="0" cellpadding="4">'
        + "".join(rows)
        + "</table>"
    )


def _thumbnail(item: EvidenceView) -> str:
    if item.thumbnail_jpeg is None:
        return ""
    uri = "data:image/jpeg;base64," + base64.b64encode(item.thumbnail_jpeg).decode("ascii")
    return f'<img src="{uri}" width="{THUMBNAIL_DISPLAY_WIDTH}" alt="{_e(item.evidence_id)}">'


def _claim(view: DocumentView, claim: ClaimView) -> str:
    parts = [f'<a name="claim-{claim.number}"></a><h2>{_e(claim.heading)}</h2>', _facts(claim.entries)]
    if claim.sources:
        head = "".join(f"<th>{_e(label)}</th>" for _, label in view.source_fields)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_value(e)}</td>" for e in source.entries) + "</tr>"
            for source in claim.sources
        )
        parts.append(
            '<h3>Sources</h3><table class="facts" width="100%" border="1" cellspacing="0" cellpadding="4">'
            f"<tr>{head}</tr>{rows}</table>"
        )
    if claim.evidence:
        rows = "".join(
            f'<tr><td width="{THUMBNAIL_DISPLAY_WIDTH + 10}">{_thumbnail(item) or "&#160;"}</td>'
            f"<td>{_facts(item.entries)}</td></tr>"
            for item in claim.evidence
        )
        parts.append(
            '<h3>Evidence</h3><table class="facts" width="100%" border="1" cellspacing="0" cellpadding="4">'
            f"{rows}</table>"
        )
    return "\n".join(p for p in parts if p)


def render_html(view: DocumentView) -> str:
    """Render a projected document as one self-contained HTML page.

    Args:
        view: the document (see :func:`verifier.export.view.project`).

    Returns:
        The HTML text (UTF-8 declared).
    """
    body = [
        f'<h1 dir="auto">{_e(view.title)}</h1>',
        f'<p class="meta"><span dir="auto">{_e(view.newsroom)}</span> · '
        f'<span class="profile">{_e(view.profile.title)} export</span> · generated {_e(view.generated)}</p>',
        _facts(view.header),
    ]
    if not view.claims:
        body.append("<p>No claims to show.</p>")
    body.extend(_claim(view, claim) for claim in view.claims)
    if view.audit:
        body.append(
            "<h2>Audit summary</h2><ul>" + "".join(f"<li>{_e(line)}</li>" for line in view.audit) + "</ul>"
        )
    if view.versions:
        body.append(f'<p class="meta">{_e(view.versions)}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(view.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def build_document(case: ExportCase, profile: Profile) -> str:
    """Build the HTML document of a case for a profile (the HTML export and the PDF's input).

    Args:
        case: the case snapshot.
        profile: who it is for.

    Returns:
        The HTML text. Run it through the export leak guard before writing or printing it
        (:func:`verifier.export.pipeline.render_export` does).
    """
    return render_html(project(case, profile))


def render_html_bytes(view: DocumentView) -> bytes:
    """Render the HTML export file's bytes (UTF-8)."""
    return render_html(view).encode("utf-8")
