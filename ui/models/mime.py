"""Drag-and-drop payloads between the app's views: record ids under our own MIME types.

A drag carries ids only, never text or a snapshot: the drop target looks the records up in the
case it shows. A drop may come from another program (or another copy of the app), so decoding
checks the payload and yields nothing rather than raising on anything unexpected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

EVIDENCE_MIME = "application/x-source-verifier-evidence"
"""Evidence item ids (JSON list of integers): from the gallery and the evidence table."""

CLAIM_MIME = "application/x-source-verifier-claim"
"""Claim ids (JSON list of integers): from the claims board's cards."""


def encode_ids(mime_type: str, ids: Iterable[int], mime: QMimeData | None = None) -> QMimeData:
    """Put record ids into a (new or given) QMimeData under ``mime_type``.

    Args:
        mime_type: ``EVIDENCE_MIME`` or ``CLAIM_MIME``.
        ids: the record ids, in order; duplicates are dropped.
        mime: an existing payload to add to.

    Returns:
        The payload.
    """
    payload = mime if mime is not None else QMimeData()
    unique = list(dict.fromkeys(int(record_id) for record_id in ids))
    payload.setData(mime_type, QByteArray(json.dumps(unique).encode("ascii")))
    return payload


def decode_ids(mime: QMimeData | None, mime_type: str) -> list[int]:
    """The record ids a payload carries under ``mime_type``; [] when absent or malformed.

    Args:
        mime: the dropped payload.
        mime_type: which kind of record to read.

    Returns:
        Positive integer ids, in order, without duplicates.
    """
    if mime is None or not mime.hasFormat(mime_type):
        return []
    try:
        value = json.loads(bytes(mime.data(mime_type).data()).decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(value, list):
        return []
    ids = [item for item in value if isinstance(item, int) and not isinstance(item, bool) and item > 0]
    return list(dict.fromkeys(ids))
