"""The error hierarchy of the core.

Every error carries a message a user can act on: it says what went wrong and where (which file,
which record, which setting). The GUI shows ``str(exc)``; the CLI prints it and exits non-zero.
"""


class VerifierError(Exception):
    """Base class of every error the core raises on purpose."""

    exit_code = 1


class InvalidInput(VerifierError):
    """A value given by the user (or a caller) is not acceptable; nothing was changed."""

    exit_code = 2


class NotFound(VerifierError):
    """A record named by id does not exist."""

    exit_code = 3


class Conflict(VerifierError):
    """The action clashes with the stored state (a duplicate, a record still in use, a stale version)."""

    exit_code = 4


class PermissionDenied(VerifierError):
    """The acting user is not registered in the workspace's team, is deactivated, or their role
    does not allow the action; nothing was changed."""

    exit_code = 9


class Cancelled(VerifierError):
    """The user cancelled a long operation; whatever was finished is kept, nothing is half-done."""

    exit_code = 130


class ConfigurationError(VerifierError):
    """The workspace, database URL or another setting cannot be used."""

    exit_code = 5


class StorageError(VerifierError):
    """The database cannot be reached, read or written."""

    exit_code = 6


class SchemaTooNew(StorageError):
    """The database was written by a newer version of the app than this one."""


class VaultError(StorageError):
    """The evidence vault cannot store or return a file."""


class VaultFileMissing(VaultError):
    """A file that the database lists is not (or no longer) in the vault."""


class SealError(VerifierError):
    """Sealed material (a source's identity, a wrapped key, a holder's key record) cannot be used.

    Messages never include a sealed value, a passphrase or key material: only what went wrong
    and which record (workspace, source, holder) it concerns.
    """

    exit_code = 7


class WrongPassphrase(SealError):
    """The passphrase given for a key holder does not open that holder's key."""


class SealFormatError(SealError):
    """A stored sealing artefact is malformed, of another kind, or written by a newer version."""


class SealTampered(SealError):
    """Authenticated decryption failed: the data was altered, or belongs to another source or purpose."""


class NoAccess(SealError):
    """The holder has no wrapped key for this subject (never granted, revoked, or shredded)."""


class IdentityShredded(NoAccess):
    """The source's identity was destroyed: no key to it exists any more, for anyone."""


class UnsupportedFormat(InvalidInput):
    """A submitted file is not a photo format the app reads (PDF, text, archive, video, empty...)."""


class UnreadableImage(InvalidInput):
    """A submitted photo cannot be decoded: truncated, corrupt, or refused as hostile."""


class ImageTooLarge(UnreadableImage):
    """A submitted photo declares more pixels than the decompression-bomb limit allows."""


class ExportRefused(VerifierError):
    """The export leak guard found something that must not leave the building; nothing was written.

    The message names the output, the claim, the item and the field where the leak was found,
    and what kind of value leaked (a protected source's identity, an original file name, a device
    serial number, exact coordinates of a sensitive item), never the value itself.
    """

    exit_code = 8
