"""Sealed identities: passphrase-locked key holders, per-source keys, seal/unseal, shred, leak guard.

Pure Python over the ``cryptography`` library: no Qt, no database, no files. Every stored artefact
is returned as a frozen object with ``to_dict()`` (JSON-safe, base64 for bytes) and
``to_bytes()`` (the same, as canonical compact JSON), read back with ``from_dict``/``from_bytes``;
each carries ``"type"`` and a format version ``"v"``, and a newer version is refused clearly.

Key hierarchy::

    passphrase --scrypt(salt, n, r, p)--> KEK --AES-256-GCM--> holder private key   (HolderRecord)
    holder public key --HPKE (ML-KEM-768+X25519, HKDF-SHA256, AES-256-GCM)--> wrap of a data key
    source data key (random 256-bit) --AES-256-GCM, AD=(v, workspace, source, purpose)--> SealedBlob
    workspace secret (random, wrapped like a data key) --HKDF--> leak-guard HMAC key

What to store, and where (for the storage layer):

- ``HolderRecord`` per holder (editor, or ``"workspace"``): with the workspace data.
- ``IdentityRecord`` per source (state, attesting editors, sealed blob): on the source row.
- ``KeyRing`` per source (or its ``WrappedKey`` items, one row per holder) and the workspace
  secret's ``KeyRing``: *apart* from the sealed blobs, where a deletion is final (secure_delete,
  WAL checkpoint, short backup retention); crypto-shredding only protects backups that hold the
  blobs without the wraps.
- ``IdentityFingerprints`` per protected source: deleted with the identity when shredded.
- Mark every such column ``info={"audit": False}`` and never index it for search.

The passphrase is never stored; a wrong one raises :class:`verifier.errors.WrongPassphrase`.
Sealing needs no passphrase (public keys only); unsealing, granting and rekeying need an unlocked
entitled holder. The unseal use case records the reason in the audit log before unsealing.
"""

from verifier.sealing.holders import (
    DEFAULT_KEM,
    MIN_PASSPHRASE_CHARS,
    HolderRecord,
    Kem,
    UnlockedHolder,
    change_passphrase,
    enroll_holder,
    needs_upgrade,
    unlock_holder,
)
from verifier.sealing.identity import (
    IDENTITY_PURPOSE,
    IdentityRecord,
    IdentityState,
    SealedBlob,
    rekey_identity,
    seal,
    seal_identity,
    shred_identity,
    unseal,
    unseal_identity,
)
from verifier.sealing.kdf import DEFAULT_COST, KdfCost, KdfParams
from verifier.sealing.keyring import (
    WORKSPACE_SECRET_SUBJECT,
    KeyRing,
    WrappedKey,
    grant,
    revoke,
    shred,
    source_subject,
)
from verifier.sealing.leakguard import (
    IdentityFingerprints,
    LeakGuardKey,
    LeakHit,
    TokenKind,
    create_workspace_secret,
    fingerprint_identity,
    identity_tokens,
    normalise,
    scan_text,
    text_tokens,
    unlock_leak_guard,
)
from verifier.sealing.secret import Secret

__all__ = [
    "DEFAULT_COST",
    "DEFAULT_KEM",
    "IDENTITY_PURPOSE",
    "MIN_PASSPHRASE_CHARS",
    "WORKSPACE_SECRET_SUBJECT",
    "HolderRecord",
    "IdentityFingerprints",
    "IdentityRecord",
    "IdentityState",
    "KdfCost",
    "KdfParams",
    "Kem",
    "KeyRing",
    "LeakGuardKey",
    "LeakHit",
    "SealedBlob",
    "Secret",
    "TokenKind",
    "UnlockedHolder",
    "WrappedKey",
    "change_passphrase",
    "create_workspace_secret",
    "enroll_holder",
    "fingerprint_identity",
    "grant",
    "identity_tokens",
    "needs_upgrade",
    "normalise",
    "rekey_identity",
    "revoke",
    "scan_text",
    "seal",
    "seal_identity",
    "shred",
    "shred_identity",
    "source_subject",
    "text_tokens",
    "unlock_holder",
    "unlock_leak_guard",
    "unseal",
    "unseal_identity",
]
