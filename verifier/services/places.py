"""Use cases for the gazetteer: places with coordinates, precision and alternative names."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from verifier import domain
from verifier.domain import EntityType, GeoPoint, PlacePrecision
from verifier.errors import Conflict, InvalidInput
from verifier.geo import WORLD_TOWNS, Town
from verifier.permissions import Permission
from verifier.services._common import create_row, delete_row, enum_field, reason_field, text_field, update_row
from verifier.storage import repositories as repo
from verifier.storage.models import PlaceAliasRow, PlaceRow
from verifier.storage.unit_of_work import UnitOfWork
from verifier.text import fold

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
    allow_similar: bool = False,
) -> domain.Place:
    """Add a gazetteer entry, with other spellings and scripts of its name.

    Raises:
        Conflict: a place with a close name exists (unless ``allow_similar``): the message
            names it, so the new spelling can be added as an alias instead.
    """
    uow.require(Permission.RECORD)
    clean_name = text_field(name, "place name", max_length=NAME_MAX, required=True)
    if not allow_similar:
        close = suggest_places(uow.session, clean_name, limit=3)
        if close:
            listed = "; ".join(
                f"'{m.place.name}' (id {m.place.id}, matched '{m.matched}', {m.score:.0f}%)" for m in close
            )
            raise Conflict(
                f"'{clean_name}' looks like a place already in the gazetteer: {listed}. Add it as an alias "
                "of that place, or confirm that it is a different place."
            )
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
    uow.require(Permission.RECORD)
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
    uow.require(Permission.DELETE)
    row = repo.get(uow.session, PlaceRow, place_id)
    why = reason_field(reason, required=True, action="delete a place")
    delete_row(uow, row, EntityType.PLACE, None, why, extra={"aliases": [a.name for a in row.aliases]})


SUGGEST_MIN_SCORE = 85.0


@dataclass(frozen=True)
class PlaceMatch:
    """An existing place whose name or alias is close to a given name."""

    place: domain.Place
    matched: str
    score: float


def suggest_places(
    session: Session, name: str, *, limit: int = 5, min_score: float = SUGGEST_MIN_SCORE
) -> list[PlaceMatch]:
    """Existing places whose name or an alias is close to ``name`` (in any script), best first.

    Names are folded (case, diacritics, Arabic letter variants) and compared with rapidfuzz's
    WRatio, which copes with dropped or added letters ("Gali Manjala" / "Gali Manjalan").
    """
    rows = repo.list_places(session)
    candidates: list[tuple[str, int]] = []
    for row in rows:
        candidates.append((row.name, row.id))
        candidates += [(alias.name, row.id) for alias in row.aliases]
    if not candidates or not fold(name).strip():
        return []
    scored = process.extract(
        fold(name),
        [fold(text) for text, _ in candidates],
        scorer=fuzz.WRatio,
        score_cutoff=min_score,
        limit=None,
    )
    by_place: dict[int, PlaceMatch] = {}
    places = {row.id: row for row in rows}
    for _, score, index in scored:
        text, place_id = candidates[index]
        if place_id not in by_place or by_place[place_id].score < score:
            by_place[place_id] = PlaceMatch(places[place_id].to_domain(), text, float(score))
    return sorted(by_place.values(), key=lambda m: -m.score)[:limit]


@dataclass(frozen=True)
class NamedPlace:
    """A named place near a point: from the case gazetteer or from the offline world towns."""

    name: str
    origin: str  # "gazetteer" or "world towns"
    place_id: int | None
    country_code: str
    region: str
    distance_m: float


def nearest_named_places(session: Session, point: GeoPoint, *, limit: int = 5) -> list[NamedPlace]:
    """The gazetteer's places with coordinates, then the offline world towns, nearest first."""
    found: list[NamedPlace] = []
    for row in repo.list_places(session):
        if row.latitude is None or row.longitude is None:
            continue
        distance = point.distance_m(GeoPoint(row.latitude, row.longitude))
        found.append(NamedPlace(row.name, "gazetteer", row.id, "", "", distance))
    gazetteer = sorted(found, key=lambda p: p.distance_m)[:limit]
    towns: list[Town] = WORLD_TOWNS.nearest(point, limit)
    world = [NamedPlace(t.name, "world towns", None, t.country_code, t.region, t.distance_m) for t in towns]
    return gazetteer + world
