"""The export leak guard: nothing leaves the building until every output has been scanned.

What is looked for:

- **protected sources' identities**: the keyed fingerprints of each sealed identity
  (:mod:`verifier.sealing.leakguard`). Outputs are tokenised and normalised exactly as the
  identity was, and each token's HMAC is compared with the stored digests; no identity value is
  ever needed, shown or kept here. A hit is reported as "the identity of source 'Hama'" (the
  alias, which is public by design);
- **original file names** of evidence (the whole name, and its stem when it is distinctive: it
  has a digit, or eight characters or more), matched case- and width-insensitively as a whole
  word, so "IMG_4821" is caught in "see IMG_4821.HEIC" but "E-1" never matches "E-12";
- **device serial numbers** (body, lens, ImageUniqueID), the same way, and also with their
  separators removed when six characters or more remain ("SN0042X" for "SN-0042X");
- **exact coordinates of sensitive items**: any decimal number with four or more decimals (dot or
  comma) within 0.0001 deg (about 11 m) of the latitude or longitude, which covers rounding,
  truncation and a float's long repr (35.774499999999996); degrees,
  minutes and seconds (35°46'28.2", 35 46 28, 35d46m28s) within one unit of the last written
  digit of the seconds; degrees and decimal minutes (35°46.47'). Signs and hemispheres are
  ignored on purpose: -35.7745 and 35.7745 S are both the same leak.

Where it looks: first every entry of the projected document (so a hit names the claim, the item
and the field), then every output as written: each text output whole; HTML twice, as the text a
reader sees (tags stripped, entities decoded, attribute values included) and raw: every distinct
piece of markup as written (tags with undecoded attributes, comments, declarations, CSS; raw
text nodes need no second pass since their decoded form is scanned); CSV cell by cell, JSON value by
value, every output file name, and every image written or embedded (its JPEG structure must be
pixels-only, the intake metadata reader must find no metadata, and every string the reader
reports is scanned too). A single hit refuses the whole export: :class:`ExportRefused` lists up
to ten places, naming what kind of value leaked and where, never the value.

Limits, stated plainly: text drawn into pixels is not read (no OCR); identity matching is by
tokens of the sealed spelling (see :mod:`verifier.sealing.leakguard`); a source whose identity is
only *attested* has nothing to compare with. A protected source whose identity is sealed but has
no fingerprints refuses the export, because it cannot be checked.
"""

from __future__ import annotations

import base64
import bisect
import csv as _csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser
from typing import Any, Final

from verifier.domain.enums import IdentityState
from verifier.domain.values import GeoPoint
from verifier.errors import ExportRefused, UnreadableImage, VerifierError
from verifier.export.model import ExportCase, ExportEvidence
from verifier.export.sanitize import unexpected_jpeg_segments
from verifier.export.view import DocumentView, Entry
from verifier.intake.credentials import CredentialState
from verifier.intake.metadata import extract_metadata
from verifier.intake.sniff import sniff
from verifier.sealing.leakguard import IdentityFingerprints, LeakGuardKey, text_tokens

__all__ = ["ExportGuard", "Leak", "LeakKind"]

_MAX_LISTED = 10
_MIN_COMPACT = 6
_MAX_WINDOW = 6
_DATA_URI = re.compile(r"data:image/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=\s]+)")
_RUN = re.compile(r"[\w.\-]+")
_SPLIT = re.compile(r"[.\-]")
_COMPACT_DROP = re.compile(r"[\s.\-_:/]")
_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3})[.,](\d{4,})(?!\d)")
_DMS = re.compile(
    r"(?<![\d.])(\d{1,3})\s*(?:\u00b0|\u00ba|\u02da|deg|d|,|\s)\s*(\d{1,2})\s*(?:'|\u2032|\u2019|m|min|,|\s)\s*"
    r"(\d{1,2}(?:[.,]\d+)?)(?!\d)"
)
_DM = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:\u00b0|\u00ba|\u02da|deg)\s*(\d{1,2}[.,]\d{2,})(?!\d)")
_DECIMAL_TOLERANCE = 1e-4 + 1e-12
_PDF_INFO = re.compile(rb"/(Title|Author|Subject|Keywords|Creator|Producer)\s*\(((?:[^()\\]|\\.)*)\)")
_MARKERS = re.compile(r"Claim (\d+)\b|claim-(\d+)\b")


class LeakKind(StrEnum):
    """What kind of value was found where it must not be."""

    IDENTITY = "the identity of a protected source"
    FILE_NAME = "an original file name"
    SERIAL = "a device serial number"
    COORDINATES = "the exact coordinates of a sensitive item"
    IMAGE_METADATA = "metadata inside an image"


@dataclass(frozen=True)
class Leak:
    """One place where the guard found something (described without the value itself).

    Attributes:
        kind: what leaked.
        whose: whose value it is ("source 'Hama'", "evidence E-3"); never the value.
        output: which output ("document" for the projected document, else a file name).
        where: the claim, item and field, or the line and nearest claim of an output.
    """

    kind: LeakKind
    whose: str
    output: str
    where: str

    def describe(self) -> str:
        """Return the leak in words for the refusal message."""
        return f"{self.kind.value} ({self.whose}) in {self.output}: {self.where}"


@dataclass(frozen=True)
class _Hit:
    kind: LeakKind
    whose: str
    start: int


@dataclass(frozen=True)
class _Literal:
    kind: LeakKind
    whose: str


def _fold(text: str) -> str:
    """Width- and case-insensitive form for literal matching (keeps newlines and most offsets)."""
    return unicodedata.normalize("NFKC", text).casefold()


def _pdf_string(raw: bytes) -> str:
    """Decode a PDF literal string: escapes undone, UTF-16BE (as Qt writes them) or PDFDocEncoding."""
    unescaped = re.sub(rb"\\([()\\])", rb"\1", raw)
    if unescaped.startswith(b"\xfe\xff"):
        return unescaped[2:].decode("utf-16-be", errors="replace")
    return unescaped.decode("latin-1")


def _evidence_label(item: ExportEvidence) -> str:
    return f"evidence {item.evidence_id}"


def _distinctive_stem(name: str) -> str | None:
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else ""
    if len(stem) >= 4 and (any(c.isdigit() for c in stem) or len(stem) >= 8):
        return stem
    return None


class _TextCollector(HTMLParser):
    """HTML to text (entities decoded, attribute values too, style/script skipped), and the markup.

    ``markup`` collects, once each, every raw piece that is not a text node: tags as written
    (attributes undecoded), comments, declarations, processing instructions, and the contents
    of style and script. Raw text nodes need no raw scan: their decoded form is in ``parts``.
    """

    _BLOCKS: Final = frozenset({"p", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "div", "table", "ul"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.markup: dict[str, None] = {}
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.setdefault(self.get_starttag_text() or "", None)
        if tag in ("style", "script"):
            self._skip += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")
        for name, value in attrs:
            if value and name != "src":  # src holds the data URIs, checked as images
                self.parts.append(f" {value} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.markup.setdefault(f"<!--{data}-->", None)

    def handle_decl(self, decl: str) -> None:
        self.markup.setdefault(f"<!{decl}>", None)

    def handle_pi(self, data: str) -> None:
        self.markup.setdefault(f"<?{data}>", None)

    def unknown_decl(self, data: str) -> None:
        self.markup.setdefault(f"<![{data}]>", None)

    def handle_endtag(self, tag: str) -> None:
        self.markup.setdefault(f"</{tag}>", None)
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            self.markup.setdefault(data, None)
        else:
            self.parts.append(data)


class ExportGuard:
    """Scans an export's outputs for what must never leave the newsroom.

    Build one per export, from the case being exported and, when any protected source has a
    sealed identity, the unlocked leak-guard key and every protected source's fingerprints.
    """

    def __init__(
        self,
        case: ExportCase,
        *,
        key: LeakGuardKey | None = None,
        fingerprints: Sequence[IdentityFingerprints] = (),
    ) -> None:
        """Prepare the guard.

        Args:
            case: the case being exported (all its claims are used, shown or not).
            key: the leak-guard key (needed when fingerprints are given).
            fingerprints: the identity fingerprints of every protected source of the case; those
                of sources exported on the record here are ignored, since naming them is agreed.

        Raises:
            ExportRefused: a protected source's sealed identity cannot be checked (no key, or no
                fingerprints for it): the export must not go ahead unchecked.
        """
        sources = case.sources()
        by_subject = {s.guard_subject: s for s in sources if s.guard_subject}
        covered = {fp.subject for fp in fingerprints}
        unchecked = [
            s
            for s in sources
            if s.protected
            and s.identity_state is IdentityState.SEALED
            and (key is None or s.guard_subject is None or s.guard_subject not in covered)
        ]
        if unchecked:
            names = ", ".join(f"'{s.alias}'" for s in unchecked)
            raise ExportRefused(
                f"Export refused: the sealed identity of source {names} cannot be checked "
                "(the leak guard is locked or has no fingerprints for it). Unlock the leak guard "
                "and try again; nothing was written."
            )
        self._key = key
        self._owners: dict[bytes, set[str]] = {}
        for prints in fingerprints:
            source = by_subject.get(prints.subject)
            if source is not None and not source.protected:
                continue
            for digest in prints.digests:
                self._owners.setdefault(digest, set()).add(prints.subject)
        self._token_cache: dict[str, frozenset[str]] = {}
        self._image_memo: dict[bytes, list[tuple[LeakKind, str, str]]] = {}

        self._literals: dict[str, list[_Literal]] = {}
        self._spaced: list[tuple[str, _Literal]] = []  # needles with spaces: substring search
        self._compact: dict[str, list[_Literal]] = {}
        self._points: list[tuple[str, GeoPoint]] = []
        for claim in case.claims:
            if claim.where is not None and claim.where.sensitive and claim.where.exact is not None:
                self._points.append((f"claim {claim.ref} place", claim.where.exact))
            for item in claim.evidence:
                whose = _evidence_label(item)
                if item.original_name.strip():
                    self._add_literal(item.original_name.strip(), _Literal(LeakKind.FILE_NAME, whose))
                    stem = _distinctive_stem(item.original_name.strip())
                    if stem:
                        self._add_literal(stem, _Literal(LeakKind.FILE_NAME, whose))
                for serial in item.device_serials:
                    if serial.strip():
                        literal = _Literal(LeakKind.SERIAL, whose)
                        self._add_literal(serial.strip(), literal)
                        compact = _COMPACT_DROP.sub("", _fold(serial))
                        if len(compact) >= _MIN_COMPACT:
                            self._compact.setdefault(compact, []).append(literal)
                point = item.sensitive_point
                if point is not None:
                    self._points.append((whose, point))
        # Signs and hemispheres are ignored on purpose: |value| is compared with |coordinate|.
        targets = sorted(
            (abs(value), whose)
            for whose, point in self._points
            for value in (point.latitude, point.longitude)
        )
        self._target_values = [value for value, _ in targets]
        self._target_whose = [whose for _, whose in targets]
        # Refusals name a source by its alias, unless the alias itself carries a secret.
        self._subject_names = {
            subject: f"source '{source.alias}'"
            if self._is_clean(source.alias)
            else "a source (alias withheld)"
            for subject, source in by_subject.items()
        }

    def _is_clean(self, text: str) -> bool:
        """No hit of any kind (checked without naming anyone, so it can label sources)."""
        return not (self._identity_subjects(text) or self._literal_hits(text) or self._coordinate_hits(text))

    def _identity_subjects(self, text: str) -> list[tuple[int, str]]:
        if not self._owners or self._key is None:
            return []
        found: list[tuple[int, str]] = []
        for token in text_tokens(text):
            subjects = self._token_cache.get(token.value)
            if subjects is None:
                subjects = frozenset(self._owners.get(self._key.digest(token.value), ()))
                self._token_cache[token.value] = subjects
            found.extend((token.start, subject) for subject in sorted(subjects))
        return found

    def _add_literal(self, needle: str, literal: _Literal) -> None:
        folded = _fold(needle)
        if _RUN.fullmatch(folded):
            self._literals.setdefault(folded, []).append(literal)
        else:
            self._spaced.append((folded, literal))

    # --- matching -------------------------------------------------------------------------

    def _hits(self, text: str) -> list[_Hit]:
        """Every hit in ``text``, by position (positions index ``text`` or its folded form)."""
        return self._identity_hits(text) + self._literal_hits(text) + self._coordinate_hits(text)

    def _identity_hits(self, text: str) -> list[_Hit]:
        return [
            _Hit(
                LeakKind.IDENTITY, self._subject_names.get(subject, "a protected source of this case"), start
            )
            for start, subject in self._identity_subjects(text)
        ]

    def _literal_hits(self, text: str) -> list[_Hit]:
        if not self._literals and not self._spaced and not self._compact:
            return []
        folded = _fold(text)
        hits = []
        for run in _RUN.finditer(folded):
            for start, piece in self._pieces(run.group(), run.start()):
                for literal in self._literals.get(piece, ()):
                    hits.append(_Hit(literal.kind, literal.whose, start))
                if self._compact:
                    for literal in self._compact.get(_COMPACT_DROP.sub("", piece), ()):
                        hits.append(_Hit(literal.kind, literal.whose, start))
        for needle, literal in self._spaced:
            for match in re.finditer(rf"(?<![\w]){re.escape(needle)}(?![\w])", folded):
                hits.append(_Hit(literal.kind, literal.whose, match.start()))
        return hits

    @staticmethod
    def _pieces(run: str, offset: int) -> Iterator[tuple[int, str]]:
        """A run of word characters, dots and dashes, and its windows of dot/dash-split parts."""
        yield offset, run
        if "." not in run and "-" not in run:
            return
        stripped = run.strip(".-")
        if stripped != run:
            yield offset + run.index(stripped[:1] or run), stripped
        bounds = [0] + [m.end() for m in _SPLIT.finditer(run)]
        ends = [m.start() for m in _SPLIT.finditer(run)] + [len(run)]
        for i in range(len(bounds)):
            for j in range(i, min(len(ends), i + _MAX_WINDOW)):
                if (i, j) != (0, len(ends) - 1) and ends[j] > bounds[i]:
                    yield offset + bounds[i], run[bounds[i] : ends[j]]

    def _near(self, value: float, tolerance: float) -> list[str]:
        """Whose sensitive latitudes or longitudes lie within ``tolerance`` of ``value``."""
        low = bisect.bisect_left(self._target_values, value - tolerance)
        high = bisect.bisect_right(self._target_values, value + tolerance)
        return [self._target_whose[i] for i in range(low, high)]

    def _coordinate_hits(self, text: str) -> list[_Hit]:
        if not self._target_values:
            return []
        hits = []
        for match in _DECIMAL.finditer(text):
            whole, fraction = match.groups()
            value = int(whole) + int(fraction) / 10 ** len(fraction)
            # Four decimals or more within 0.0001 deg (about 11 m): rounded, truncated, or a
            # float's long repr (35.774499999999996) of the same point.
            for whose in self._near(value, _DECIMAL_TOLERANCE):
                hits.append(_Hit(LeakKind.COORDINATES, whose, match.start()))
        for match in _DMS.finditer(text):
            degrees, minutes, seconds = match.groups()
            seconds = seconds.replace(",", ".")
            places = len(seconds.partition(".")[2])
            value = int(degrees) + int(minutes) / 60 + float(seconds) / 3600
            for whose in self._near(value, 10.0**-places / 3600 + 1e-12):
                hits.append(_Hit(LeakKind.COORDINATES, whose, match.start()))
        for match in _DM.finditer(text):
            degrees, minutes = match.groups()
            minutes = minutes.replace(",", ".")
            places = len(minutes.partition(".")[2])
            value = int(degrees) + float(minutes) / 60
            for whose in self._near(value, 10.0**-places / 60 + 1e-12):
                hits.append(_Hit(LeakKind.COORDINATES, whose, match.start()))
        return hits

    def _safe(self, label: str) -> str:
        """A label for messages: itself, unless it carries something that must not be shown."""
        return label if not self._hits(label) else "(label withheld)"

    # --- the projected document -----------------------------------------------------------

    def find_in_view(self, view: DocumentView) -> list[Leak]:
        """Scan every entry of the projected document.

        Args:
            view: the document every writer will render.

        Returns:
            The leaks, naming claim, item and field.
        """
        leaks: list[Leak] = []

        def check(text: str, where: str) -> None:
            for hit in self._hits(text):
                leaks.append(Leak(hit.kind, hit.whose, "document", where))

        def entries(items: Iterable[Entry], prefix: str) -> None:
            for entry in items:
                check(entry.flat("\n"), f"{prefix}field '{entry.label}'")

        check(view.title, "case title")
        check(view.newsroom, "newsroom name")
        check(view.versions, "versions")
        entries(view.header, "case, ")
        for line_no, line in enumerate(view.audit, start=1):
            check(line, f"audit summary, line {line_no}")
        for claim in view.claims:
            where = f"claim {claim.number} ({self._safe(claim.ref)}), "
            check(claim.ref, f"claim {claim.number}, field 'Reference'")
            entries(claim.entries, where)
            for source in claim.sources:
                entries(source.entries, f"{where}source {source.number}, ")
            for item in claim.evidence:
                item_where = f"{where}evidence {item.number} ({self._safe(item.evidence_id)}), "
                check(item.evidence_id, f"{where}evidence {item.number}, field 'Evidence id'")
                entries(item.entries, item_where)
                if item.thumbnail_jpeg is not None:
                    leaks.extend(
                        self.find_in_image("document", item.thumbnail_jpeg, where=f"{item_where}thumbnail")
                    )
        return leaks

    # --- outputs --------------------------------------------------------------------------

    @staticmethod
    def _locator(text: str) -> Callable[[int], str]:
        """Map a position of ``text`` to "line N, in claim M" (markers found once per text)."""
        markers = [(m.start(), m.group(1) or m.group(2)) for m in _MARKERS.finditer(text)]
        positions = [pos for pos, _ in markers]
        newlines = [m.start() for m in re.finditer("\n", text)]

        def locate(start: int) -> str:
            line = bisect.bisect_left(newlines, start) + 1
            index = bisect.bisect_right(positions, start) - 1
            claim = f", in claim {markers[index][1]}" if index >= 0 else ", before the first claim"
            return f"line {line}{claim}"

        return locate

    def find_in_text(self, name: str, text: str) -> list[Leak]:
        """Scan one text output (Markdown, PDF text, any text) whole.

        Args:
            name: the output's name, for messages.
            text: its text.

        Returns:
            The leaks, located by line and nearest claim heading.
        """
        hits = self._hits(text)
        locate = self._locator(text) if hits else None
        return [Leak(h.kind, h.whose, name, locate(h.start)) for h in hits if locate is not None]

    def find_in_html(self, name: str, document: str) -> list[Leak]:
        """Scan an HTML output raw and as text (entities decoded, tags stripped), and its images.

        Args:
            name: the output's name.
            document: the HTML.

        Returns:
            The leaks.
        """
        leaks: list[Leak] = []
        locate = self._locator(document)
        for number, match in enumerate(_DATA_URI.finditer(document), start=1):
            try:
                data = base64.b64decode("".join(match.group(1).split()), validate=True)
            except ValueError:
                leaks.append(Leak(LeakKind.IMAGE_METADATA, "an embedded image", name, "undecodable data URI"))
                continue
            where = f"embedded image {number}, {locate(match.start())}"
            leaks.extend(self.find_in_image(name, data, where=where))
        # Image payloads are random letters: tokenising them would only invent name matches.
        raw = _DATA_URI.sub("data:image/jpeg;base64,", document)
        collector = _TextCollector()
        collector.feed(raw)
        collector.close()
        # Raw: every distinct piece of markup (tags with undecoded attributes, comments, CSS),
        # located at its first occurrence. Text: what a reader sees, entities decoded.
        for piece in collector.markup:
            for hit in self._hits(piece):
                leaks.append(Leak(hit.kind, hit.whose, f"{name} (markup)", locate(max(0, raw.find(piece)))))
        leaks.extend(self.find_in_text(f"{name} (text)", "".join(collector.parts)))
        return leaks

    def find_in_csv(self, name: str, text: str) -> list[Leak]:
        """Scan a CSV output cell by cell (row = claim, column = field).

        Args:
            name: the output's name.
            text: the CSV text (a BOM is ignored).

        Returns:
            The leaks.
        """
        leaks: list[Leak] = []
        rows = list(_csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        header = rows[0] if rows else []
        for row_no, row in enumerate(rows):
            for col, cell in enumerate(row):
                column = header[col] if col < len(header) else f"column {col + 1}"
                where = "header row" if row_no == 0 else f"row {row_no + 1} (claim {row[0] if row else '?'})"
                for hit in self._hits(cell):
                    leaks.append(Leak(hit.kind, hit.whose, name, f"{where}, column '{self._safe(column)}'"))
        return leaks

    def find_in_json(self, name: str, text: str) -> list[Leak]:
        """Scan a JSON output value by value (keys too), naming each by its path.

        Args:
            name: the output's name.
            text: the JSON text.

        Returns:
            The leaks; unparsable JSON is scanned as text.
        """
        try:
            document = json.loads(text)
        except ValueError:
            return self.find_in_text(name, text)
        leaks: list[Leak] = []

        def walk(value: Any, path: str) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(key, f"{path} (key)")
                    walk(item, f"{path}.{key}")
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(item, f"{path}[{index}]")
            elif value is not None:
                for hit in self._hits(str(value)):
                    leaks.append(Leak(hit.kind, hit.whose, name, path or "$"))

        walk(document, "$")
        return leaks

    def find_in_file_name(self, name: str) -> list[Leak]:
        """Scan an output file's name (and folder names in it).

        Args:
            name: the relative path as it will be written.

        Returns:
            The leaks.
        """
        return [Leak(h.kind, h.whose, "the export's file names", "a file name") for h in self._hits(name)]

    def find_in_image(self, name: str, data: bytes, *, where: str = "") -> list[Leak]:
        """Check that an image written (or embedded) is pixels only, and scan what metadata says.

        Args:
            name: the output that carries it.
            data: the image bytes.
            where: the claim and item it belongs to, when known.

        Returns:
            The leaks.
        """
        where = where or "image"
        # The same thumbnail is checked in the document view, in the HTML and in every claim
        # that shows it: the verdict depends on the bytes only, so it is computed once.
        digest = hashlib.sha256(data).digest()
        found = self._image_memo.get(digest)
        if found is None:
            found = self._image_problems(data)
            self._image_memo[digest] = found
        return [Leak(kind, whose, name, f"{where}{suffix}") for kind, whose, suffix in found]

    def _image_problems(self, data: bytes) -> list[tuple[LeakKind, str, str]]:
        leaks: list[tuple[LeakKind, str, str]] = []

        def problem(what: str) -> None:
            leaks.append((LeakKind.IMAGE_METADATA, what, ""))

        if sniff(data).format != "jpeg":
            problem("not a sanitized JPEG")
            return leaks
        try:
            for segment in unexpected_jpeg_segments(data):
                problem(segment)
            metadata = extract_metadata(data, label="image")
        except (UnreadableImage, VerifierError) as exc:
            problem(f"unreadable image ({type(exc).__name__})")
            return leaks
        for group in metadata.exif:
            problem(f"EXIF group {group}")
        if metadata.xmp:
            problem("XMP")
        if metadata.iptc:
            problem("IPTC")
        if metadata.file.embedded_thumbnail is not None:
            problem("embedded thumbnail")
        if metadata.file.has_icc_profile:
            problem("ICC profile")
        if metadata.credentials.state is not CredentialState.ABSENT:
            problem("C2PA manifest")
        reported = dict(metadata.to_dict())
        reported.pop("label", None)
        reported.pop("warnings", None)  # each starts with the label; their content is below
        text = json.dumps(reported, ensure_ascii=False) + "\n" + "\n".join(metadata.warnings)
        for hit in self._hits(text):
            leaks.append((hit.kind, hit.whose, ", image metadata"))
        return leaks

    def find_in_output(self, name: str, data: bytes) -> list[Leak]:
        """Scan one output file by its kind (from its name), and its name.

        Args:
            name: the relative path it will be written at.
            data: its bytes.

        Returns:
            The leaks.
        """
        leaks = self.find_in_file_name(name)
        lower = name.lower()
        if lower.endswith((".jpg", ".jpeg")):
            return leaks + self.find_in_image(name, data)
        if lower.endswith(".pdf"):
            # The PDF's page text comes separately from the renderer (find_in_text). Its bytes
            # are compressed streams and embedded JPEGs: tokenising them would invent name
            # matches, so only the document information strings are read here.
            info = "\n".join(_pdf_string(m.group(2)) for m in _PDF_INFO.finditer(data))
            return leaks + self.find_in_text(f"{name} (document information)", info)
        text = data.decode("utf-8-sig", errors="replace")
        if lower.endswith((".html", ".htm")):
            return leaks + self.find_in_html(name, text)
        if lower.endswith(".csv"):
            return leaks + self.find_in_csv(name, text)
        if lower.endswith((".json", ".jsonld")):
            return leaks + self.find_in_json(name, text)
        return leaks + self.find_in_text(name, text)

    # --- refusing -------------------------------------------------------------------------

    @staticmethod
    def refuse(leaks: Sequence[Leak]) -> None:
        """Raise when there is any leak.

        Args:
            leaks: what the scans found.

        Raises:
            ExportRefused: naming up to ten places (kind, whose, output, where), never a value.
        """
        if not leaks:
            return
        unique = list(dict.fromkeys(leaks))
        lines = [f"- {leak.describe()}" for leak in unique[:_MAX_LISTED]]
        if len(unique) > _MAX_LISTED:
            lines.append(f"- and {len(unique) - _MAX_LISTED} more")
        raise ExportRefused(
            f"Export refused: the leak guard found {len(unique)} problem(s); nothing was written.\n"
            + "\n".join(lines)
        )

    def scan_text_output(self, name: str, text: str) -> None:
        """Scan a text output (e.g. the text the Qt renderer extracted from the PDF) and refuse on a hit.

        Args:
            name: the output's name ("verification-partner.pdf").
            text: its text.

        Raises:
            ExportRefused: something that must not leave was found.
        """
        self.refuse(self.find_in_file_name(name) + self.find_in_text(name, text))

    def scan_output(self, name: str, data: bytes) -> None:
        """Scan one output file and refuse on a hit.

        Args:
            name: its relative path.
            data: its bytes.

        Raises:
            ExportRefused: something that must not leave was found.
        """
        self.refuse(self.find_in_output(name, data))
