"""Read and validate Content Credentials (C2PA manifests) offline.

c2pa-python (the Content Authenticity Initiative's Rust SDK behind a ctypes binding) checks the
claim signature, the hashes binding the manifest to the pixels, and, when trust anchors are given,
whether the signing certificate chains to one of them. Remote manifests and OCSP are never fetched:
a submitted file must not make the newsroom's machine contact an address chosen by the sender.

The library is only called when the container walk saw an embedded manifest store (JPEG APP11,
PNG caBX, WebP C2PA chunk, ISO-BMFF uuid box, TIFF tag 0xCD41): almost no submitted photo has one,
and skipping the call keeps the metadata re-scan fast.
"""

from __future__ import annotations

import enum
import functools
import io
import json
import logging
from dataclasses import dataclass
from typing import Any

__all__ = ["ContentCredentials", "CredentialState", "read_content_credentials"]

log = logging.getLogger(__name__)


class CredentialState(enum.StrEnum):
    """The four outcomes the issue asks for, plus one for a machine without the C2PA library."""

    VALID_TRUSTED = "valid_trusted"
    """Signature and hashes check out, and the signer chains to a configured trust anchor."""
    VALID_UNTRUSTED = "valid_untrusted"
    """Signature and hashes check out, but nobody we trust vouches for the signer."""
    INVALID = "invalid"
    """The manifest is malformed, its signature fails, or the file was changed after signing."""
    ABSENT = "absent"
    """No embedded manifest store."""
    UNVALIDATED = "present_unvalidated"
    """A manifest store is embedded but the c2pa library is not installed to check it."""


@dataclass(frozen=True, slots=True)
class ContentCredentials:
    """What the C2PA manifest store of one file says, and whether to believe it.

    Attributes:
        state: The validation outcome.
        location: Where the store was found ("APP11", "caBX", ...), empty when absent.
        claim_generator: The active manifest's claim generator ("Adobe Photoshop 25.0").
        signer: The signing certificate's subject common name and issuer.
        actions: The recorded actions of the active manifest (``c2pa.created``, ``c2pa.edited``...).
        failures: Validation failure codes (``assertion.dataHash.mismatch``...).
        title: The manifest's title (often the file name at signing time).
        detail: A sentence for the editor when the state needs explaining.
    """

    state: CredentialState
    location: str = ""
    claim_generator: str | None = None
    signer: str | None = None
    actions: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()
    title: str | None = None
    detail: str = ""


ABSENT = ContentCredentials(CredentialState.ABSENT)


@functools.lru_cache(maxsize=4)
def _context(trust_anchors: str | None) -> Any:
    import c2pa  # type: ignore[import-untyped]  # no py.typed in c2pa-python

    verify = {"verify_trust": True, "remote_manifest_fetch": False, "ocsp_fetch": False}
    settings: dict[str, Any] = {"verify": verify}
    if trust_anchors:
        settings["trust"] = {"trust_anchors": trust_anchors}
    return c2pa.Context.from_dict(settings)


def library_available() -> bool:
    """Whether c2pa-python is installed and its native library loads.

    Returns:
        True when manifests can be validated here.
    """
    try:
        import c2pa  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def read_content_credentials(
    data: bytes, media_type: str, *, location: str, trust_anchors: str | None = None
) -> ContentCredentials:
    """Validate the embedded C2PA manifest store of a file.

    Args:
        data: The whole file (the hashes cover all of it).
        media_type: The sniffed MIME type, given to the SDK so it does not guess.
        location: Where the container walk found the store; empty means absent.
        trust_anchors: PEM certificates of signers the newsroom trusts (e.g. the C2PA trust
            list, or an agency's own root); None trusts nobody, so valid manifests are untrusted.

    Returns:
        The credentials; never raises for a malformed manifest (that is the INVALID state).
    """
    if not location:
        return ABSENT
    if not library_available():
        return ContentCredentials(
            CredentialState.UNVALIDATED,
            location,
            detail="a C2PA manifest store is embedded, but c2pa-python is not installed to validate it",
        )
    import c2pa

    try:
        reader = c2pa.Reader(media_type, io.BytesIO(data), None, _context(trust_anchors))
    except c2pa.C2paError as exc:
        return ContentCredentials(
            CredentialState.INVALID, location, detail=f"the manifest store cannot be read: {exc}"
        )
    try:
        store = json.loads(reader.json())
    except (c2pa.C2paError, ValueError) as exc:
        return ContentCredentials(
            CredentialState.INVALID, location, detail=f"the manifest store cannot be read: {exc}"
        )
    finally:
        reader.close()
    return _interpret(store, location)


def _interpret(store: dict[str, Any], location: str) -> ContentCredentials:
    state_text = str(store.get("validation_state", ""))
    manifests = store.get("manifests") or {}
    active = manifests.get(store.get("active_manifest") or "", {})
    failures = tuple(
        str(item.get("code", ""))
        for item in (store.get("validation_results") or {}).get("activeManifest", {}).get("failure", [])
    )
    if state_text == "Trusted":
        state = CredentialState.VALID_TRUSTED
    elif state_text == "Valid":
        state = CredentialState.VALID_UNTRUSTED
    else:
        state = CredentialState.INVALID
    signature = active.get("signature_info") or {}
    signer_parts = [str(signature[k]) for k in ("common_name", "issuer") if signature.get(k)]
    actions: list[str] = []
    for assertion in active.get("assertions") or []:
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            for action in (assertion.get("data") or {}).get("actions") or []:
                if isinstance(action, dict) and action.get("action"):
                    actions.append(str(action["action"]))
    detail = ""
    if state is CredentialState.VALID_UNTRUSTED:
        detail = "the manifest is intact but its signer is not in the configured trust list"
    elif state is CredentialState.INVALID:
        detail = "validation failed: " + (", ".join(failures) or state_text or "no active manifest")
    return ContentCredentials(
        state=state,
        location=location,
        claim_generator=_generator(active),
        signer=", ".join(signer_parts) or None,
        actions=tuple(actions),
        failures=failures,
        title=active.get("title"),
        detail=detail,
    )


def _generator(active: dict[str, Any]) -> str | None:
    info = active.get("claim_generator_info")
    if isinstance(info, list) and info and isinstance(info[0], dict) and info[0].get("name"):
        first = info[0]
        version = first.get("version")
        return f"{first['name']} {version}" if version else str(first["name"])
    generator = active.get("claim_generator")
    return str(generator) if generator else None
