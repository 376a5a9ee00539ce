"""A wrapper that keeps passphrases and unsealed identity values out of logs and messages.

What it guarantees: ``repr()``, ``str()``, ``format()``/f-strings, ``%``-formatting and the
``logging`` module only ever see ``Secret(***)``; the value comes out only through
:meth:`Secret.reveal`, a call that is easy to find in review. Pickling and copying are refused so
a secret cannot slip into a cache, a queue to another process or a crash dump written by pickle.

What it cannot guarantee (Python's limits, stated plainly): the value is held in a ``bytearray``
that :meth:`Secret.wipe` overwrites with zeros, but every ``str``/``bytes`` the value ever passed
through (the text the user typed into a widget, the argument given to the constructor, each
result of :meth:`reveal`, the buffers of the cryptography library) is an immutable object the
interpreter frees when it likes and never zeroes. Wiping shortens the window in which a memory
dump or swap file holds the value; it does not close it. Protect the machine (full-disk
encryption, no swap or encrypted swap, no core dumps) as well.
"""

from __future__ import annotations

import hmac
import unicodedata
from types import TracebackType
from typing import Any, AnyStr, Generic, NoReturn, cast

_PLACEHOLDER = "Secret(***)"


class Secret(Generic[AnyStr]):
    """A str or bytes value that never shows itself by accident.

    Example::

        passphrase = Secret(dialog.passphrase_text())
        holder = unlock_holder(record, passphrase)
        passphrase.wipe()

    The object is also a context manager that wipes the value on exit. Two secrets compare equal
    (in constant time) when their values are equal; a secret never equals a plain str or bytes,
    and is not hashable, so it cannot become a dict key that a debugger would print.
    """

    __slots__ = ("_buffer", "_is_text", "_wiped")

    # Read by verifier.logs.NeverLogFilter: a log record that formats this object is withheld.
    __never_log__ = True

    def __init__(self, value: AnyStr) -> None:
        """Wrap ``value``.

        Args:
            value: the secret text or bytes. A copy is kept; the caller's object cannot be wiped
                (str and bytes are immutable), so drop references to it promptly.

        Raises:
            TypeError: the value is neither str nor bytes.
        """
        if isinstance(value, str):
            self._is_text = True
            self._buffer = bytearray(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, bytes):
            self._is_text = False
            self._buffer = bytearray(value)
        else:
            raise TypeError(f"Secret takes str or bytes, not {type(value).__name__}")
        self._wiped = False

    @classmethod
    def from_buffer(cls, buffer: bytearray) -> Secret[bytes]:
        """Take over a mutable buffer: its content is copied, then the caller's buffer is zeroed.

        Args:
            buffer: the bytes to protect; it holds only zeros afterwards.

        Returns:
            A bytes secret.
        """
        secret: Secret[bytes] = Secret(b"")
        secret._buffer = bytearray(buffer)
        _zero(buffer)
        return secret

    def reveal(self) -> AnyStr:
        """Return the value itself: the one deliberate way out.

        Returns:
            The value, as the type it was given in. The result is an ordinary immutable object
            that :meth:`wipe` cannot reach; keep it in a local variable and let it go quickly.

        Raises:
            ValueError: the secret was wiped.
        """
        self._check_alive()
        raw = bytes(self._buffer)
        # Typed as object first: mypy checks this body once per AnyStr constraint.
        value: object = raw.decode("utf-8", "surrogatepass") if self._is_text else raw
        return cast(AnyStr, value)

    def reveal_utf8(self) -> bytes:
        """Return the value as bytes: UTF-8 of NFC-normalised text, or the bytes as given.

        Text is normalised to NFC so that a passphrase typed as composed characters (Windows,
        Linux) and as decomposed ones (macOS input methods) derives the same key.

        Returns:
            The encoded value.

        Raises:
            ValueError: the secret was wiped.
        """
        self._check_alive()
        if not self._is_text:
            return bytes(self._buffer)
        text = bytes(self._buffer).decode("utf-8", "surrogatepass")
        return unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")

    def is_empty(self) -> bool:
        """Tell whether the value is empty (or wiped) without revealing it.

        Returns:
            True for an empty or wiped value.
        """
        return self._wiped or not self._buffer

    @property
    def wiped(self) -> bool:
        """True once :meth:`wipe` has run."""
        return self._wiped

    def wipe(self) -> None:
        """Overwrite the held copy with zeros and forbid further use (best effort, see module docs)."""
        _zero(self._buffer)
        self._buffer = bytearray()
        self._wiped = True

    def __enter__(self) -> Secret[AnyStr]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.wipe()

    def __del__(self) -> None:
        # Last chance to zero the buffer when the object is collected without an explicit wipe.
        buffer = getattr(self, "_buffer", None)
        if buffer is not None:
            _zero(buffer)

    def __repr__(self) -> str:
        return _PLACEHOLDER

    def __str__(self) -> str:
        return _PLACEHOLDER

    def __format__(self, format_spec: str) -> str:
        # Honour width and alignment so layouts don't break, but only ever of the placeholder.
        return format(_PLACEHOLDER, format_spec) if format_spec else _PLACEHOLDER

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        if self._wiped or other._wiped:
            return False
        return self._is_text == other._is_text and hmac.compare_digest(self._buffer, other._buffer)

    __hash__ = None  # type: ignore[assignment]  # unhashable on purpose (see class docs)

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("A Secret cannot be pickled or copied: it would leave its protection.")

    def __reduce__(self) -> NoReturn:
        raise TypeError("A Secret cannot be pickled or copied: it would leave its protection.")

    def __getstate__(self) -> NoReturn:
        raise TypeError("A Secret cannot be pickled or copied: it would leave its protection.")

    def __copy__(self) -> NoReturn:
        raise TypeError("A Secret cannot be copied; pass the same object along instead.")

    def __deepcopy__(self, memo: dict[int, object]) -> NoReturn:
        raise TypeError("A Secret cannot be copied; pass the same object along instead.")

    def _check_alive(self) -> None:
        if self._wiped:
            raise ValueError("This secret was wiped and can no longer be read.")


def _zero(buffer: bytearray) -> None:
    """Overwrite a buffer in place (slice assignment writes into the same memory)."""
    buffer[:] = bytes(len(buffer))
