"""Case bundles: one signed, encrypted file carrying a case from one newsroom to another.

- :mod:`verifier.bundles.keys`: a newsroom's encryption and signing keys, its public card.
- :mod:`verifier.bundles.container`: the file format (header, AES-GCM chunks, signature) and the
  plaintext entry framing.
- :mod:`verifier.bundles.chain`: the case's audit entries as carried, and their verification.
- :mod:`verifier.bundles.records`: which tables travel and how their values are read back.

The use cases (gathering a case, importing it in one transaction) are in
:mod:`verifier.services.bundles`. The format is described in ``docs/bundles.md``.
"""

from verifier.bundles.errors import BundleRefused
from verifier.bundles.keys import NewsroomCard, NewsroomKeys, create_keys, format_fingerprint, unlock_keys

__all__ = [
    "BundleRefused",
    "NewsroomCard",
    "NewsroomKeys",
    "create_keys",
    "format_fingerprint",
    "unlock_keys",
]
