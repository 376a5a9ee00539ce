"""Photo intake core: sniff the format, read every piece of metadata, make thumbnails and fingerprints.

Pure functions over bytes the caller has read once; no Qt, no database. The batch pipeline
(process pool, progress, cancel, per-file time bound) and storage live in services and storage.

Thumbnails and fingerprints are in :mod:`verifier.intake.thumbnails`, imported on demand: they
pull in imagehash (numpy, scipy), which a metadata-only re-scan should not pay for.
"""

from verifier.intake.credentials import ContentCredentials, CredentialState
from verifier.intake.metadata import (
    EmbeddedThumbnail,
    FileFacts,
    MetadataResult,
    extract_metadata,
    extract_metadata_file,
    read_metadata_head,
)
from verifier.intake.sniff import SUPPORTED_FORMATS, Sniffed, sniff
from verifier.intake.summary import PhotoSummary, TimeZoneSource

__all__ = [
    "SUPPORTED_FORMATS",
    "ContentCredentials",
    "CredentialState",
    "EmbeddedThumbnail",
    "FileFacts",
    "MetadataResult",
    "PhotoSummary",
    "Sniffed",
    "TimeZoneSource",
    "extract_metadata",
    "extract_metadata_file",
    "read_metadata_head",
    "sniff",
]
