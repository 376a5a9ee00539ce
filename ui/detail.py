"""The detail pane's content: one selected record as simple HTML for a QTextBrowser.

Every value is escaped with ``html.escape``: transcripts and descriptions come from the field and
may contain anything. Nothing here reads the database: the renderers get the record and the
``CaseData`` snapshot it came with.

Directions, as a browser does with ``dir="auto"`` (which Qt's HTML subset lacks):

* The page (headings, field labels, lists) takes the interface's direction: ``<body dir="rtl">``
  under an Arabic or Sorani interface, so they sit on the right. Qt's rich text does not mirror
  tables, so the field tables put their columns in visual order themselves.
* A paragraph of field data (a transcript line, a description) gets an explicit ``dir`` from its
  first strong character, so an English note and an Arabic line each read in their own direction.
* A piece of data inside an interface sentence (a name, a date, a quote) is wrapped in Unicode
  first-strong isolates (FSI … PDI), which Qt's text layout honours: "Hama (student)." keeps its
  brackets and full stop in place inside an Arabic line.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from ui.case_data import CaseData
from ui.models.findings import rule_title, severity_label
from ui.vocabulary import (
    anonymity_explained,
    format_count,
    format_interval,
    format_size,
    format_time,
    graded,
    isolate,
    label,
    language_name,
    reverse_label,
    text_direction,
)
from verifier import domain
from verifier.crossref.corroboration import Chain
from verifier.crossref.findings import Severity
from verifier.domain import EvidenceRelation, TestimonyRelation

_CONTEXT = "DetailPane"

# Qt's rich text understands a small CSS subset; keep to it (no flex, no border-radius).
STYLE_SHEET = """
body { font-size: 10pt; color: #1f2933; }
h2 { font-size: 14pt; font-weight: 600; margin-top: 2px; margin-bottom: 6px; }
h3 { font-size: 10.5pt; font-weight: 600; color: #334e68; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 5px; }
.kind { font-size: 8.5pt; font-weight: 600; color: #627d98; letter-spacing: 1px; }
.muted { color: #627d98; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; color: #334e68; }
.note { color: #486581; font-style: italic; }
.protected { color: #8d2b0b; font-weight: 600; }
.named { color: #1d4e89; font-weight: 600; }
.quote { color: #243b53; }
td.label { color: #627d98; padding-right: 14px; white-space: nowrap; }
td.label-rtl { color: #627d98; padding-left: 14px; white-space: nowrap; }
td.value { color: #1f2933; }
th { color: #334e68; font-weight: 600; text-align: left; padding-right: 12px; }
th.rtl { padding-right: 0px; padding-left: 12px; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def esc(value: object) -> str:
    """Escaped text of any value ('' for None)."""
    return html.escape("" if value is None else str(value), quote=True)


def right_to_left() -> bool:
    """Whether the interface is laid out right to left (an Arabic or Sorani translation)."""
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def page_direction() -> str:
    """The ``dir`` of a page: the interface's direction, "rtl" or "ltr"."""
    return "rtl" if right_to_left() else "ltr"


def leading_alignment() -> Qt.AlignmentFlag:
    """The interface's leading side as an absolute alignment, for a label showing field data.

    A QLabel aligns plain text by the text's own direction, so an English case title would sit
    on the left of an Arabic window; an absolute alignment keeps it on the interface's side.
    """
    side = Qt.AlignmentFlag.AlignRight if right_to_left() else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def arrow() -> str:
    """An arrow pointing the way the interface reads ("→", or "←" right to left)."""
    return "←" if right_to_left() else "→"


def paragraphs(text: str, css_class: str = "") -> str:
    """One ``<p>`` per line, each with the direction of its own script."""
    klass = f' class="{css_class}"' if css_class else ""
    out = []
    for line in text.splitlines() or [""]:
        if line.strip():
            out.append(f'<p dir="{text_direction(line)}"{klass}>{esc(line)}</p>')
    return "\n".join(out)


def inline(text: object) -> str:
    """Escaped data inside interface text (a name, a date, a quote), isolated in its own direction.

    '' and None give ''. Qt ignores ``dir`` on a ``<span>``; the isolates work in any line.
    """
    if text is None or text == "":
        return ""
    return isolate(esc(text))


def quoted(text: str) -> str:
    """A quotation in quote marks, isolated with them so the marks stay around it in any direction."""
    return inline(f"“{text}”")


def _header(kind: str, title: str) -> str:
    return f'<p class="kind">{esc(kind.upper())}</p>\n<h2>{inline(title)}</h2>'


def row(cells: Sequence[str], tag: str = "td") -> str:
    """A table row of HTML cells, given in reading order, put in visual order.

    Qt lays a table's columns out left to right even in a right-to-left block, so under a
    right-to-left interface the cells are reversed here.
    """
    return "<tr>" + "".join(reversed(cells) if right_to_left() else cells) + "</tr>"


def table(rows: Iterable[str]) -> str:
    """A table as wide as the page (rows from ``row``).

    Full width rather than ``align="right"``: Qt places a right-aligned table past the page's
    right margin, out of line with the headings above it.
    """
    return '<table width="100%" cellspacing="0" cellpadding="3">\n' + "\n".join(rows) + "\n</table>"


def label_cell(name: str) -> str:
    """A field name's cell, as narrow as its text, padded on the side facing its value."""
    klass = "label-rtl" if right_to_left() else "label"
    return f'<td class="{klass}" width="1%">{esc(name)}</td>'


def header_cell(name: str) -> str:
    """A column heading. Its ``text-align: left`` is the leading side: Qt mirrors it in a
    right-to-left block (an explicit ``right`` would be mirrored to the left)."""
    klass = ' class="rtl"' if right_to_left() else ""
    return f"<th{klass}>{esc(name)}</th>"


def fields(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of field names and values; values are HTML already (callers escape).

    Rows with an empty value are left out.
    """
    return table(row([label_cell(name), f'<td class="value">{value}</td>']) for name, value in rows if value)


_fields = fields


def _section(title: str, body: str) -> str:
    return f"<h3>{esc(title)}</h3>\n{body}" if body else ""


# An origin of a large case can hold thousands of chains (a photo received hundreds of times):
# the detail pane lists this many and counts the rest.
SHOWN_CHAINS = 25


def _items(lines: Sequence[str]) -> str:
    return "\n".join(f"<p>{line}</p>" for line in lines)


def _citing_claims(lines: Sequence[str], data: CaseData) -> str:
    """The claims that cite a record; in a first look of a large case, said to be incomplete."""
    if data.claims_total is None:
        return _items(lines)
    note = _tr("The case's {count} claims are still being read: more may cite this.").format(
        count=format_count(data.claims_total)
    )
    return _items(lines) + "\n" + _muted(note)


def document(*parts: str) -> str:
    """A page of HTML parts in the interface's direction (``<body dir>``)."""
    body = "\n".join(part for part in parts if part)
    return f'<html><body dir="{page_direction()}">\n{body}\n</body></html>'


_document = document


def hint_html(text: str) -> str:
    """A calm message for an empty view or no selection."""
    return _document(f'<p class="muted">{esc(text)}</p>')


# --- one renderer per record type -------------------------------------------------------------


def source_html(source: domain.Source, data: CaseData) -> str:
    tone = "protected" if source.anonymity.is_protected else "named"
    terms = f'<span class="{tone}">{esc(label(source.anonymity))}</span>'
    fields = _fields(
        [
            (_tr("Kind"), esc(label(source.kind))),
            (_tr("Attribution"), terms),
            (_tr("Anonymous to"), esc(", ".join(label(a) for a in source.anonymous_from))),
            (_tr("Reliability"), esc(graded(source.reliability))),
            # The identity's *state* only ("sealed"): the identity itself never reaches the GUI's models.
            (_tr("Identity"), esc(label(source.identity_state))),
            (_tr("Agreed on"), inline(source.agreement_date.isoformat() if source.agreement_date else "")),
            (_tr("Added"), inline(format_time(source.created_at))),
            (_tr("Last changed"), inline(format_time(source.updated_at))),
        ]
    )
    protected = _tr("Identity protected: the app shows this source only by alias and public description.")
    protection = f'<p class="note">{esc(protected)}</p>' if source.anonymity.is_protected else ""
    testimonies = [
        inline(format_time(t.taken_at) or _tr("Undated"))
        + f" · {esc(label(t.medium))} · "
        + inline(_first_line(t.transcript, 90))
        for t in data.testimonies_by(source.id)
    ]
    sent = [
        f"{inline(e.original_name)} <span class='muted'>({esc(label(e.kind))}, "
        f"{inline(format_size(e.size))})</span>"
        for e in data.evidence_from(source.id)
    ]
    return _document(
        _header(_tr("Source"), source.alias),
        fields,
        _section(_tr("Public description"), paragraphs(source.public_description)),
        _section(_tr("What the terms allow"), f"<p>{esc(anonymity_explained(source.anonymity))}</p>"),
        protection,
        _section(_tr("Terms agreed"), paragraphs(source.agreement_terms)),
        _section(_tr("Why anonymity was asked for"), paragraphs(source.reason_given)),
        _section(_tr("Why it was granted"), paragraphs(source.reason_granted)),
        _section(_tr("Newsroom notes"), paragraphs(source.notes)),
        _section(_tr("Testimonies"), _items(testimonies)),
        _section(_tr("Evidence sent"), _items(sent)),
    )


def testimony_html(testimony: domain.Testimony, data: CaseData) -> str:
    alias = data.source_alias(testimony.source_id)
    title = _tr("Testimony of {alias}").format(alias=alias) if alias else _tr("Testimony")
    fields = _fields(
        [
            (_tr("Source"), inline(alias)),
            (_tr("Taken"), inline(format_time(testimony.taken_at) or _tr("Undated"))),
            (_tr("Medium"), esc(label(testimony.medium))),
            (_tr("Language"), esc(language_name(testimony.language))),
            (_tr("Where"), _where(data.place(testimony.place_id), testimony.place_text, None)),
            (_tr("Interviewer"), inline(testimony.interviewer)),
            (_tr("Translator"), inline(testimony.translator)),
            (_tr("Attribution"), esc(label(testimony.attribution))),
        ]
    )
    claims = []
    for link in data.claim_links_to_testimony(testimony.id):
        claim = data.claim(link.claim_id)
        statement = claim.statement if claim is not None else f"#{link.claim_id}"
        line = f"<b>{esc(label(link.relation))}</b> {inline(statement)}"
        if link.quote:
            line += f'<br/><span class="quote">{quoted(link.quote)}</span>'
        claims.append(line)
    return _document(
        _header(_tr("Testimony"), title),
        fields,
        _section(_tr("Transcript"), paragraphs(testimony.transcript)),
        _section(_tr("Notes"), paragraphs(testimony.notes)),
        _section(_tr("Claims it supports or denies"), _citing_claims(claims, data)),
    )


def _where(place: domain.Place | None, as_said: str, precision: domain.PlacePrecision | None) -> str:
    """The gazetteer place with its precision, and the wording used if it differs."""
    parts = []
    if place is not None:
        parts.append(inline(place.name))
        if precision is not None:
            parts.append(f"<span class='muted'>({esc(label(precision))})</span>")
    if as_said and (place is None or as_said != place.name):
        said = inline(as_said)
        parts.append(_tr("as said: {text}").format(text=said) if place is not None else said)
    return " ".join(parts)


def claim_html(claim: domain.Claim, data: CaseData) -> str:
    found = data.links_of(claim.id)
    fields = _fields(
        [
            (_tr("Status"), esc(label(claim.status))),
            (_tr("Verdict"), esc(label(claim.verdict) or _tr("Not decided yet"))),
            (_tr("Credibility"), _credibility(claim.credibility)),
            (_tr("Origin"), esc(label(claim.origin))),
            (_tr("Created"), inline(format_time(claim.created_at))),
            (_tr("Last changed"), inline(format_time(claim.updated_at))),
        ]
    )
    facets = _fields(
        [
            (_tr("What"), inline(claim.event_type)),
            (_tr("Who"), inline(claim.actors)),
            (_tr("Where"), _where(data.place(claim.place_id), claim.place_text, claim.place_precision)),
            (_tr("When"), inline(format_interval(claim.when))),
            (_tr("How many"), esc("; ".join(q.describe() for q in claim.quantities))),
        ]
    )
    said = []
    for link in found.testimonies:
        testimony = data.testimony(link.testimony_id)
        who = data.source_alias(testimony.source_id) if testimony is not None else ""
        when = format_time(testimony.taken_at) if testimony is not None else ""
        how = f" · {esc(label(link.connection))}" if link.connection is not None else ""
        line = f"<b>{esc(label(link.relation))}</b> · {inline(who)}{how}"
        line += f" <span class='muted'>{inline(when)}</span>"
        if link.quote:
            line += f'<br/><span class="quote">{quoted(link.quote)}</span>'
        said.append(line)
    shown = []
    for ev_link in found.evidence:
        item = data.evidence_item(ev_link.evidence_id)
        name = item.original_name if item is not None else f"#{ev_link.evidence_id}"
        line = f"<b>{esc(label(ev_link.relation))}</b> · {inline(name)}"
        if ev_link.note:
            line += f'<br/><span class="muted">{inline(ev_link.note)}</span>'
        shown.append(line)
    related = []
    for claim_link in found.claims:
        outgoing = claim_link.claim_id == claim.id
        other_id = claim_link.other_claim_id if outgoing else claim_link.claim_id
        other = data.claim(other_id)
        text = other.statement if other is not None else ""
        # A link is stored once; seen from its target it reads the other way round.
        relation = label(claim_link.relation) if outgoing else reverse_label(claim_link.relation)
        related.append(f"<b>{esc(relation)}</b> · {inline(f'#{other_id}')} {inline(text)}")
    return _document(
        _header(_tr("Claim #{id}").format(id=claim.id), claim.statement),
        fields,
        _section(_tr("Facets"), facets if "<td" in facets else ""),
        _section(_tr("Rationale"), paragraphs(claim.rationale)),
        _section(_tr("Credibility rationale"), paragraphs(claim.credibility_rationale)),
        _corroboration_html(claim, data),
        _section(_tr("Testimonies"), _items(said)),
        _section(_tr("Photos and other evidence"), _items(shown)),
        _section(_tr("Related claims"), _items(related)),
        _claim_findings_html(claim, data),
    )


# Severity badges in rich text (Qt's subset has background-color on spans, not border-radius).
_SEVERITY_COLOURS = {
    Severity.CONFLICT: ("#ffe3e3", "#8a1c1c"),
    Severity.WARNING: ("#fff3c4", "#7c5e10"),
    Severity.INFO: ("#e4e7eb", "#323f4b"),
}


def _muted(text: str) -> str:
    return f'<p class="muted">{esc(text)}</p>'


def _credibility(grade: domain.Credibility | None) -> str:
    if grade is None:
        return esc(_tr("Not graded yet"))
    return f"<b>{esc(grade.value)}</b> · {esc(label(grade))}"


def _severity_badge(severity: Severity) -> str:
    background, colour = _SEVERITY_COLOURS[severity]
    words = severity_label(severity)
    return f'<span style="background-color:{background}; color:{colour};">&nbsp;{esc(words)}&nbsp;</span>'


def _claim_findings_html(claim: domain.Claim, data: CaseData) -> str:
    """The findings naming the claim, most serious first (the corroboration count is shown apart)."""
    if data.report is None:
        return _section(_tr("Findings"), _muted(_tr("Cross-referencing the case…")))
    found = [
        f for f in data.report.findings if f.concerns("claim", claim.id) and f.rule != "corroboration.count"
    ]
    found.sort(key=lambda f: -f.severity.rank)
    if not found:
        return _section(_tr("Findings"), _muted(_tr("No finding names this claim.")))
    lines = [
        f"{_severity_badge(f.severity)} <b>{esc(rule_title(f.rule))}</b><br/>{esc(f.explanation)}"
        for f in found
    ]
    return _section(_tr("Findings"), _items(lines))


def _chain_html(chain: Chain, claim_id: int, data: CaseData) -> str:
    """One chain: (via a linked claim) record (relation) → source (grade)."""
    parts = []
    if chain.via is not None and chain.claim_id != claim_id:
        other = data.claim(chain.claim_id)
        via = _tr("via claim #{id} ({relation})").format(id=chain.claim_id, relation=label(chain.via).lower())
        title = f' title="{esc(other.statement)}"' if other is not None else ""
        parts.append(f'<span class="muted"{title}>{esc(via)}</span>')
    if chain.record_kind == "testimony":
        testimony = data.testimony(chain.record_id)
        when = format_time(testimony.taken_at) if testimony is not None else ""
        record = _tr("testimony #{id}").format(id=chain.record_id) + (f" ({isolate(when)})" if when else "")
        relation = _relation_word(TestimonyRelation, chain.relation)
    else:
        item = data.evidence_item(chain.record_id)
        record = item.original_name if item is not None else _tr("photo #{id}").format(id=chain.record_id)
        relation = _relation_word(EvidenceRelation, chain.relation)
    parts.append(f"{inline(record)} <i>{esc(relation.lower())}</i>")
    if chain.source_id is None:
        parts.append(esc(_tr("unknown sender")))
    else:
        # The alias the core put in the chain: never an identity.
        alias = chain.source_alias or _tr("source #{id}").format(id=chain.source_id)
        grade = graded(chain.reliability) if chain.reliability is not None else _tr("not graded")
        parts.append(f"<b>{inline(alias)}</b> <span class='muted'>({esc(grade)})</span>")
    return f" {arrow()} ".join(parts)


def _relation_word(kind: type[TestimonyRelation] | type[EvidenceRelation], value: str) -> str:
    try:
        return label(kind(value))
    except ValueError:
        return value


def _corroboration_html(claim: domain.Claim, data: CaseData) -> str:
    """Independent origins for and against the claim, each with the chains that lead to it."""
    title = _tr("Corroboration")
    if data.report is None:
        return _section(title, _muted(_tr("Counting independent origins…")))
    found = next((c for c in data.report.corroboration if c.claim_id == claim.id), None)
    if found is None:
        return ""
    summary = _tr("{supporting} independent origin(s) support it, {contradicting} contradict it.").format(
        supporting=found.support_count, contradicting=found.contradiction_count
    )
    merged = _tr("({chains} linked record(s) in all: related sources and copies count once.)").format(
        chains=found.supporting_chains + found.contradicting_chains
    )
    parts = [f"<p><b>{esc(summary)}</b> <span class='muted'>{esc(merged)}</span></p>"]
    for heading, origins in ((_tr("For"), found.supporting), (_tr("Against"), found.contradicting)):
        for number, origin in enumerate(origins, start=1):
            name = _tr("{side}, origin {number}").format(side=heading, number=number)
            lines = [_chain_html(chain, claim.id, data) for chain in origin.chains[:SHOWN_CHAINS]]
            if len(origin.chains) > SHOWN_CHAINS:
                more = _tr("… and {count} more linked record(s) of this origin.")
                lines.append(
                    f"<span class='muted'>{esc(more.format(count=len(origin.chains) - SHOWN_CHAINS))}</span>"
                )
            chains = "<br/>".join(lines)
            why = ""
            if origin.reasons:
                why = "<br/><span class='note'>" + esc(_tr("One origin because:")) + " "
                why += inline("; ".join(origin.reasons))
                if origin.more_reasons:
                    why += " " + esc(_tr("(and {count} more)").format(count=origin.more_reasons))
                why += "</span>"
            parts.append(f"<p><b>{esc(name)}</b><br/>{chains}{why}</p>")
    if not found.supporting and not found.contradicting:
        parts.append(_muted(_tr("No testimony or evidence is linked to this claim yet.")))
    return _section(title, "\n".join(parts))


def evidence_html(item: domain.Evidence, data: CaseData) -> str:
    fields = _fields(
        [
            (_tr("Kind"), esc(label(item.kind))),
            (_tr("Media type"), inline(item.media_type)),
            (_tr("Size"), inline(format_size(item.size))),
            (_tr("Received"), inline(format_time(item.received_at))),
            (_tr("Sent by"), inline(data.source_alias(item.submitted_by_id)) or esc(_tr("Unknown"))),
            (_tr("SHA-256"), f'<span class="hash">{inline(item.sha256)}</span>'),
        ]
    )
    claims = []
    for link in data.claim_links_to_evidence(item.id):
        claim = data.claim(link.claim_id)
        statement = claim.statement if claim is not None else ""
        claims.append(
            f"<b>{esc(label(link.relation))}</b> · {inline(f'#{link.claim_id}')} {inline(statement)}"
        )
    return _document(
        _header(_tr("Evidence"), item.original_name),
        fields,
        _section(_tr("Notes"), paragraphs(item.notes)),
        _section(_tr("Claims"), _citing_claims(claims, data)),
        '<p class="note">'
        + esc(_tr("The original is kept unchanged in the vault under its SHA-256."))
        + "</p>",
    )


def place_html(place: domain.Place, data: CaseData) -> str:
    del data  # places belong to the workspace, not to the case
    names = "".join(f'<p dir="{text_direction(name)}">{esc(name)}</p>' for name in place.aliases)
    fields = _fields(
        [
            (_tr("Coordinates"), inline(format_coordinates(place.latitude, place.longitude))),
            (_tr("Precision"), esc(label(place.precision))),
        ]
    )
    return _document(
        _header(_tr("Place"), place.name),
        fields,
        _section(_tr("Other names and spellings"), names),
        _section(_tr("Notes"), paragraphs(place.notes)),
        '<p class="note">' + esc(_tr("Places are shared by every case of this workspace.")) + "</p>",
    )


def audit_html(entry: domain.AuditEntry, data: CaseData) -> str:
    del data
    fields = _fields(
        [
            (_tr("When"), inline(format_time(entry.at))),
            (_tr("Who"), inline(entry.actor)),
            (_tr("Action"), esc(label(entry.action))),
            (_tr("Record"), esc(audit_record(entry))),
            (_tr("Reason"), inline(entry.reason or "")),
        ]
    )
    names = sorted(set(entry.old_values or {}) | set(entry.new_values or {}))
    rows = []
    for name in names:
        before = _audit_value((entry.old_values or {}).get(name))
        after = _audit_value((entry.new_values or {}).get(name))
        rows.append(row([label_cell(name), f"<td>{inline(before)}</td>", f"<td>{inline(after)}</td>"]))
    heads = row([header_cell(_tr("Field")), header_cell(_tr("Before")), header_cell(_tr("After"))])
    changes = table([heads, *rows]) if rows else ""
    chain = _fields(
        [
            (_tr("Entry"), esc(f"#{entry.seq}")),
            (_tr("Hash"), f'<span class="hash">{inline(entry.entry_hash)}</span>'),
            (_tr("Previous"), f'<span class="hash">{inline(entry.prev_hash)}</span>'),
        ]
    )
    return _document(
        _header(_tr("Audit entry #{seq}").format(seq=entry.seq), audit_title(entry)),
        fields,
        _section(_tr("Values"), changes),
        _section(_tr("Hash chain"), chain),
    )


# --- small formatting helpers shared with the table columns ------------------------------------


def _first_line(text: str, limit: int) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def first_line(text: str, limit: int = 160) -> str:
    """The first non-empty line of a text, shortened with an ellipsis."""
    return _first_line(text, limit)


def format_coordinates(latitude: float | None, longitude: float | None) -> str:
    """'35.7763° N, 43.5798° E', or a word saying there are none."""
    if latitude is None or longitude is None:
        return _tr("No coordinates")
    ns = _tr("N") if latitude >= 0 else _tr("S")
    ew = _tr("E") if longitude >= 0 else _tr("W")
    # Each number isolated with its degree sign: with Arabic letters for the hemispheres the text
    # runs right to left, which would put the sign on the number's other side.
    return f"{isolate(f'{abs(latitude):.4f}°')} {ns}, {isolate(f'{abs(longitude):.4f}°')} {ew}"


def audit_record(entry: domain.AuditEntry) -> str:
    """'Claim 6': the kind of record and its id."""
    return f"{label(entry.entity_type)} {entry.entity_id}"


def audit_title(entry: domain.AuditEntry) -> str:
    """'Changed claim 6'."""
    return _tr("{action} {record}").format(action=label(entry.action), record=audit_record(entry).lower())


def audit_summary(entry: domain.AuditEntry) -> str:
    """One line for the table: what changed, e.g. 'status: unverified → in_progress'."""
    if entry.old_values and entry.new_values:
        parts = [
            f"{name}: {_audit_value(entry.old_values.get(name))} → {_audit_value(entry.new_values.get(name))}"
            for name in sorted(set(entry.old_values) | set(entry.new_values))
        ]
        return "; ".join(parts)
    values = entry.new_values or entry.old_values or {}
    for name in ("title", "alias", "statement", "name", "original_name", "quote", "relation"):
        if values.get(name):
            return _first_line(str(values[name]), 120)
    return ", ".join(sorted(values))


def _audit_value(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
