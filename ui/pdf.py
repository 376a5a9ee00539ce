"""The Qt PDF renderer of exports: the core's HTML in, PDF bytes and the PDF's text out.

Implements :class:`verifier.export.pipeline.PdfRenderer`. The core builds the HTML
(:func:`verifier.export.html.render_html`) and never imports Qt; this module lays it out with
``QTextDocument`` and prints it through ``QPdfWriter`` (A4, 15 mm margins), so no external
renderer is involved. It hands back the document's plain text, which the export leak guard
scans like every other output (the PDF's own streams are compressed and are not tokenised).

Arabic and Kurdish: ``QTextDocument`` shapes complex scripts with HarfBuzz and takes each
paragraph's direction from its first strong character, so right-to-left paragraphs are laid
out right to left. The default font family list starts with Noto Sans, falls back to Noto Sans
Arabic / Noto Naskh Arabic (fonts-noto-core) and DejaVu Sans (fonts-dejavu-core) for the
glyphs Noto Sans lacks.

Document information: the title is the case title (the HTML ``<title>``), the creator is
"Source Verifier", and no author is written: who made an export is in the audit log, not in a
file that leaves the building.

The CLI has no GUI: :func:`ensure_gui_application` makes an offscreen ``QGuiApplication`` when
none exists, since fonts and images need one.
"""

from __future__ import annotations

import os
import sys
import threading
import unicodedata

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from verifier.export.pipeline import RenderedPdf

__all__ = ["CREATOR", "MARGIN_MM", "RESOLUTION_DPI", "ensure_gui_application", "render_pdf"]

CREATOR = "Source Verifier"
MARGIN_MM = 15.0
RESOLUTION_DPI = 300
BODY_POINT_SIZE = 9.0
LIST_INDENT_PX = 14  # Qt's default (40 px) wastes a third of a narrow table cell
# Noto Sans has no Arabic glyphs; naming the Arabic faces right after it keeps Qt's fallback
# from picking an arbitrary font with poor shaping for Arabic-script runs.
FONT_FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans"]

_lock = threading.Lock()


def ensure_gui_application() -> QGuiApplication:
    """Return the running Qt GUI application, creating an offscreen one if there is none.

    The GUI already has its ``QApplication``; the CLI, tests and benchmarks do not. Without a
    display the offscreen platform plugin is used (it still has fonts and image readers).

    Returns:
        The application instance.

    Raises:
        RuntimeError: a non-GUI ``QCoreApplication`` is running (it cannot lay out text).
    """
    existing = QGuiApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("A QCoreApplication is running; PDF export needs a QGuiApplication.")
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1] or ["verifier"])


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    option = QTextOption()
    # Long hashes and URLs have no spaces: let them break anywhere rather than overflow a cell.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setIndentWidth(LIST_INDENT_PX)
    document.setHtml(html)
    _align_right_to_left(document)
    return document


def _right_to_left(text: str) -> bool:
    """The Unicode bidi rule P2: the first strong character decides the paragraph's direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _align_right_to_left(document: QTextDocument) -> None:
    """Give right-to-left paragraphs a right-to-left layout, so they also align to the right.

    Qt's HTML reader ignores ``dir="auto"``: the bidi algorithm still orders each Arabic
    paragraph correctly (its direction comes from its first strong character), but alignment
    follows the block's layout direction, which stays left to right. Setting it per block from
    the text's own direction gives what a browser does with ``dir="auto"``.
    """
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        if _right_to_left(block.text()):
            cursor.setPosition(block.position())
            fmt = block.blockFormat()
            fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            cursor.setBlockFormat(fmt)
        block = block.next()


def render_pdf(document_html: str) -> RenderedPdf:
    """Render an export's HTML to an A4 PDF.

    Args:
        document_html: the export document (see :func:`verifier.export.html.render_html`).

    Returns:
        The PDF bytes, and the document's plain text for the leak guard.
    """
    ensure_gui_application()
    # QTextDocument layout is not re-entrant across threads sharing fonts; one export at a time.
    with _lock:
        document = _document(document_html)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION_DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        writer.setCreator(CREATOR)
        # print_() paginates the document to the writer's paintable area; the page size set
        # here in points makes image widths in the HTML (CSS pixels) come out at 96 px per inch.
        paintable = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        document.setPageSize(QSizeF(paintable.width() * 96 / 72, paintable.height() * 96 / 72))
        document.print_(writer)
        del writer  # the PDF is finished when the writer goes away
        buffer.close()
        text = document.toPlainText()
    return RenderedPdf(data=bytes(data.data()), text=text)
