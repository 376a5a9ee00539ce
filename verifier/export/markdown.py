"""The Markdown export: the same document as the HTML, as text an editor can paste anywhere.

User text is escaped so that it cannot turn into links, emphasis, headings or raw HTML when a
Markdown renderer reads it. Images are not embedded (data URIs are poorly supported in Markdown
viewers); the evidence list names each item, and the sanitized copies sit beside the file.
"""

from __future__ import annotations

import re

from verifier.export.view import DocumentView, Entry

__all__ = ["escape_markdown", "render_markdown"]

# Inline syntax; "(" and "!" only act after "]" or before "[", which are escaped themselves.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Block syntax that only acts at the start of a line: lists, headings, quotes, rules.
_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Escape text so a Markdown renderer shows it literally.

    Args:
        text: any text.

    Returns:
        The text with Markdown syntax characters backslash-escaped and line breaks kept.
    """
    escaped = _SPECIAL.sub(r"\\\1", text.replace("\r\n", "\n"))
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return escaped.replace("&", "&amp;")


def _inline(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def _entry(entry: Entry, indent: str = "") -> list[str]:
    if entry.empty:
        return []
    if entry.items:
        return [f"{indent}- **{entry.label}:**"] + [f"{indent}  - {_inline(item)}" for item in entry.items]
    if entry.user_text and "\n" in entry.value.strip():
        lines = [f"{indent}- **{entry.label}:**"]
        lines += [f"{indent}  {escape_markdown(line)}  " for line in entry.value.strip().split("\n")]
        return lines
    return [f"{indent}- **{entry.label}:** {_inline(entry.value)}"]


def render_markdown(view: DocumentView) -> str:
    """Render a projected document as Markdown (CommonMark).

    Args:
        view: the document.

    Returns:
        The Markdown text.
    """
    out = [
        f"# {_inline(view.title)}",
        "",
        f"{_inline(view.newsroom)} · {view.profile.title} export · generated {view.generated}",
        "",
    ]
    for entry in view.header:
        out += _entry(entry)
    for claim in view.claims:
        out += ["", f"## {escape_markdown(claim.heading)}", ""]
        for entry in claim.entries:
            out += _entry(entry)
        if claim.sources:
            out += ["", "### Sources", ""]
            for source in claim.sources:
                shown = [e for e in source.entries if not e.empty]
                if not shown:
                    continue
                first, *rest = shown
                out.append(f"{source.number}. **{first.label}:** {_inline(first.flat())}")
                for entry in rest:
                    out += _entry(entry, indent="   ")
        if claim.evidence:
            out += ["", "### Evidence", ""]
            for item in claim.evidence:
                entries = [e for e in item.entries if not e.empty]
                if not entries:
                    continue
                out.append(f"{item.number}. **{entries[0].label}:** {_inline(entries[0].flat())}")
                for entry in entries[1:]:
                    out += _entry(entry, indent="   ")
    if view.audit:
        out += ["", "## Audit summary", ""] + [f"- {_inline(line)}" for line in view.audit]
    if view.versions:
        out += ["", f"_{_inline(view.versions)}_"]
    return "\n".join(out) + "\n"
