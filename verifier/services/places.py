"""Use cases for the gazetteer: places with coordinates, precision and alternative names."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import EntityType, PlacePrecision
from verifier.errors import InvalidInput
from verifier.services._common import create_row, delete_row, enum_field, reason_field, text_field, update_row
from verifier.storage import repositories as repo
from verifier.storage.models import PlaceAliasRow, PlaceRow
from verifier.storage.unit_of_work import UnitOfWork

NAME_MAX = 200


def _coordinates(latitude: float | None, longitude: float | None) -> tuple[float | None, float | None]:
    if (latitude is None) != (longitude is None):
        raise InvalidInput("Give both latitude and longitude, or neither.")
    if latitude is None or longitude is None:
        return None, None
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise InvalidInput(f"Latitude {latitude} is out of range (-90 to 90).")
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise InvalidInput(f"Longitude {longitude} is out of range (-180 to 180).")
    return float(latitude), float(longitude)


def _alias_names(name: str, aliases: Sequence[str]) -> list[str]:
    names: list[str] = []
    for alias in aliases:
        cleaned = text_field(alias, "place alias", max_length=NAME_MAX, required=True)
        if cleaned != name and cleaned not in names:
            names.append(cleaned)
    return names


def add_place(
    uow: UnitOfWork,
    name: str,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    precision: PlacePrecision | str = PlacePrecision.LOCALITY,
    aliases: Sequence[str] = (),
    notes: str = "",
) -> domain.Place:
    """Add a gazetteer entry, with other spellings and scripts of its name."""
    clean_name = text_field(name, "place name", max_length=NAME_MAX, required=True)
    lat, lon = _coordinates(latitude, longitude)
    row = PlaceRow(
        name=clean_name,
        latitude=lat,
        longitude=lon,
        precision=enum_field(PlacePrecision, precision, "place precision"),
        notes=text_field(notes, "notes", max_length=20_000),
        aliases=[PlaceAliasRow(name=alias) for alias in _alias_names(clean_name, aliases)],
    )
    # Aliases live in their own table; the audit entry lists them so the record is complete.
    create_row(uow, row, EntityType.PLACE, None, extra={"aliases": [a.name for a in row.aliases]})
    return row.to_domain()


def list_places(session: Session) -> list[domain.Place]:
    return [row.to_domain() for row in repo.list_places(session)]


def get_place(session: Session, place_id: int) -> domain.Place:
    return repo.get(session, PlaceRow, place_id).to_domain()


def update_place(
    uow: UnitOfWork,
    place_id: int,
    *,
    name: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    clear_coordinates: bool = False,
    precision: PlacePrecision | str | None = None,
    aliases: Sequence[str] | None = None,
    notes: str | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> domain.Place:
    """Change a place; ``aliases`` replaces the whole list of other names."""
    row = repo.get(uow.session, PlaceRow, place_id)
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = text_field(name, "place name", max_length=NAME_MAX, required=True)
    if clear_coordinates:
        changes["latitude"], changes["longitude"] = None, None
    elif latitude is not None or longitude is not None:
        changes["latitude"], changes["longitude"] = _coordinates(latitude, longitude)
    if precision is not None:
        changes["precision"] = enum_field(PlacePrecision, precision, "place precision")
    if notes is not None:
        changes["notes"] = text_field(notes, "notes", max_length=20_000)
    why = reason_field(reason, required=False, action="change a place")
    update_row(uow, row, EntityType.PLACE, None, changes, reason=why, expected_version=expected_version)
    if aliases is not None:
        old = [a.name for a in row.aliases]
        new = _alias_names(str(changes.get("name", row.name)), aliases)
        if old != new:
            # Keep the rows of names that stay: the unit of work inserts before it deletes, so a
            # fresh row for a kept name would collide with the old one on the unique key.
            existing = {alias.name: alias for alias in row.aliases}
            row.aliases = [existing.get(alias) or PlaceAliasRow(name=alias) for alias in new]
            uow.session.flush()
            uow.audit.record(
                domain.AuditAction.UPDATE,
                EntityType.PLACE,
                row.id,
                case_id=None,
                old={"aliases": old},
                new={"aliases": new},
                reason=why,
            )
    return row.to_domain()


def delete_place(uow: UnitOfWork, place_id: int, reason: str) -> None:
    """Remove a gazetteer entry."""
    row = repo.get(uow.session, PlaceRow, place_id)
    why = reason_field(reason, required=True, action="delete a place")
    delete_row(uow, row, EntityType.PLACE, None, why, extra={"aliases": [a.name for a in row.aliases]})
