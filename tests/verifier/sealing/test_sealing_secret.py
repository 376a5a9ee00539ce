"""Secret never shows its value by accident: repr, str, formatting, logging, tracebacks, pickle."""

from __future__ import annotations

import copy
import logging
import pickle
import subprocess
import sys
import traceback

import pytest

from verifier.logs import NeverLogFilter
from verifier.sealing import Secret

VALUE = "Zebulon's passphrase 42"


def test_repr_str_and_formatting_hide_the_value() -> None:
    secret = Secret(VALUE)
    rendered = [
        repr(secret),
        str(secret),
        f"{secret}",
        f"{secret!r}",
        f"{secret:>30}",
        "%s %r" % (secret, secret),  # noqa: UP031  # %-formatting is what logging uses
        "{}".format(secret),  # noqa: UP032
        repr([secret]),
        repr({"passphrase": secret}),
    ]
    for text in rendered:
        assert VALUE not in text
        assert "Secret(***)" in text


def test_reveal_is_the_only_way_out() -> None:
    assert Secret(VALUE).reveal() == VALUE
    assert Secret(b"\x00key").reveal() == b"\x00key"
    assert Secret("Zébulon").reveal_utf8() == "Zébulon".encode()


def test_logging_never_prints_the_value(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("verifier.test.sealing")
    secret = Secret(VALUE)
    with caplog.at_level(logging.DEBUG, logger="verifier.test.sealing"):
        log.info("unsealed %s", secret)
        log.warning("unsealed %r", secret)
        log.error(f"unsealed {secret}")
        try:
            raise ValueError(f"bad value {secret}")
        except ValueError:
            log.exception("failed with %s", secret)
    assert caplog.records
    assert VALUE not in caplog.text
    assert "Secret(***)" in caplog.text


def test_the_app_log_filter_withholds_records_that_format_a_secret() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "value %s", (Secret(VALUE),), None)
    assert NeverLogFilter().filter(record)
    assert record.getMessage() == "[record withheld: it referred to a sealed value]"


def _fail_while_holding(secret: Secret[str]) -> None:
    local_copy = secret  # a local that a traceback with locals would print
    raise RuntimeError(f"could not use {local_copy}")


def test_tracebacks_even_with_locals_do_not_show_the_value() -> None:
    secret = Secret(VALUE)
    with pytest.raises(RuntimeError) as info:
        _fail_while_holding(secret)
    formatted = "".join(traceback.TracebackException.from_exception(info.value, capture_locals=True).format())
    assert "local_copy" in formatted
    assert VALUE not in formatted
    assert VALUE not in str(info.getrepr(showlocals=True, style="long"))


def test_pickle_and_copy_are_refused() -> None:
    secret = Secret(VALUE)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(secret, protocol=protocol)
    with pytest.raises(TypeError):
        copy.copy(secret)
    with pytest.raises(TypeError):
        copy.deepcopy(secret)
    with pytest.raises(TypeError):
        hash(secret)
    with pytest.raises(TypeError):
        vars(secret)  # no __dict__ to rummage in


def test_wipe_zeroes_and_forbids_use() -> None:
    secret = Secret(VALUE)
    buffer = secret._buffer
    secret.wipe()
    assert secret.wiped and secret.is_empty()
    assert buffer == bytearray(len(buffer))
    with pytest.raises(ValueError, match="wiped"):
        secret.reveal()
    with Secret(VALUE) as scoped:
        assert scoped.reveal() == VALUE
    assert scoped.wiped


def test_from_buffer_takes_over_and_zeroes_the_callers_buffer() -> None:
    raw = bytearray(b"data key bytes")
    secret = Secret.from_buffer(raw)
    assert raw == bytearray(len(raw))
    assert secret.reveal() == b"data key bytes"


def test_equality_is_between_secrets_only() -> None:
    assert Secret(VALUE) == Secret(VALUE)
    assert Secret(VALUE) != Secret(VALUE + "!")
    assert Secret(VALUE) != VALUE
    assert Secret("abc") != Secret(b"abc")


def test_the_sealing_package_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, verifier.sealing; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
