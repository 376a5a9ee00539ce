"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, String, TypeDecorator
from sqlalchemy import Enum as SAEnum


class UtcDateTime(TypeDecorator[datetime]):
    """Stores an aware datetime as naive UTC and gives it back aware (tzinfo=UTC).

    SQLite drops time zones and PostgreSQL returns ``timestamptz`` in the session's zone; storing
    naive UTC makes the value read back identical on both, which the audit hash chain relies on.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column; attach a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def enum_column(enum_type: type[enum.Enum], length: int = 32) -> SAEnum:
    """An enum stored as its value in a VARCHAR with a CHECK, portable and readable in raw SQL."""
    return SAEnum(
        enum_type,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
        name=f"ck_{enum_type.__name__.lower()}",
    )


def utcnow() -> datetime:
    """The current time, aware, in UTC (the callable passed as column default)."""
    return datetime.now(UTC)


Sha256 = String(64)
