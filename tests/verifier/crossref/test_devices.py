"""Devices: a serial or ImageUniqueID shared across unrelated versus related sources."""

from __future__ import annotations

from tests.verifier.crossref.factory import only, photo, related, rules, source
from verifier.crossref.devices import check_devices, serial_key
from verifier.crossref.findings import Severity
from verifier.domain import RelationshipKind

SOURCES = [source(1, "Hama"), source(2, "Shwan"), source(3, "Kawa")]
CANON = {"make": "Canon", "model": "Canon EOS 80D", "body_serial_number": "083024001234"}


def test_serial_shared_by_unrelated_sources_is_a_conflict() -> None:
    photos = [photo(1, by=1, **CANON), photo(2, by=2, **CANON)]
    finding = only(check_devices(photos, SOURCES), "devices.shared_camera_unrelated_sources")
    assert finding.severity is Severity.CONFLICT
    assert "Hama and Shwan" in finding.explanation and "083024001234" in finding.explanation
    assert ("source", 1) in finding.subjects and ("evidence", 2) in finding.subjects


def test_serial_shared_by_related_sources_is_consistent() -> None:
    photos = [photo(1, by=1, **CANON), photo(2, by=2, **CANON), photo(3, by=3, **CANON)]
    # Related through Shwan: Hama-Shwan friends, Shwan-Kawa relatives.
    chain = [related(1, 1, 2), related(2, 2, 3, RelationshipKind.RELATIVE)]
    assert rules(check_devices(photos, SOURCES, chain)) == ["devices.shared_camera_related_sources"]
    half = check_devices(photos, SOURCES, chain[:1])
    assert (
        "Hama and Kawa; Shwan and Kawa" in only(half, "devices.shared_camera_unrelated_sources").explanation
    )


def test_placeholder_serials_and_one_source_are_ignored() -> None:
    zeros = dict(CANON, body_serial_number="0000000000")
    assert serial_key(photo(1, **zeros).summary) is None
    assert rules(check_devices([photo(1, by=1, **zeros), photo(2, by=2, **zeros)], SOURCES)) == []
    assert rules(check_devices([photo(1, by=1, **CANON), photo(2, by=1, **CANON)], SOURCES)) == []


def test_image_unique_id_shared_across_sources() -> None:
    uid = {"make": "samsung", "model": "SM-G950F", "image_unique_id": "A16LLIC08SM A16LLIL02GM"}
    findings = check_devices([photo(1, by=1, **uid), photo(2, by=3, **uid)], SOURCES)
    assert only(findings, "devices.shared_exposure_unrelated_sources").severity is Severity.CONFLICT


def test_one_source_several_devices() -> None:
    phone = {"make": "Apple", "model": "iPhone 7"}
    other = {"make": "samsung", "model": "SM-G950F"}
    third = {"make": "HUAWEI", "model": "P20"}
    two = check_devices([photo(1, by=1, **phone), photo(2, by=1, **other), photo(3, by=1, **phone)], SOURCES)
    assert only(two, "devices.several_devices").severity is Severity.INFO
    three = check_devices(
        [photo(1, by=1, **phone), photo(2, by=1, **other), photo(3, by=1, **third)], SOURCES
    )
    assert only(three, "devices.several_devices").severity is Severity.WARNING
    two_bodies = [photo(1, by=1, **CANON), photo(2, by=1, **dict(CANON, body_serial_number="083024009999"))]
    assert only(check_devices(two_bodies, SOURCES), "devices.several_devices").numbers["devices"] == 2
    one = check_devices([photo(1, by=1, **phone), photo(2, by=1, **phone)], SOURCES)
    assert rules(one) == []
