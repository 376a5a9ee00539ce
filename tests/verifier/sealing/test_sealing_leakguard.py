"""Keyed identity fingerprints and scanning text for them."""

from __future__ import annotations

import pytest

from tests.verifier.sealing.support import CANARY, WORKSPACE_ID, Holder
from verifier.errors import NoAccess
from verifier.sealing import (
    IdentityFingerprints,
    LeakGuardKey,
    TokenKind,
    create_workspace_secret,
    fingerprint_identity,
    identity_tokens,
    normalise,
    scan_text,
    unlock_holder,
    unlock_leak_guard,
)

SUBJECT = "source:9"


@pytest.fixture(scope="module")
def key(workspace_holder: Holder, editor_a: Holder) -> LeakGuardKey:
    ring = create_workspace_secret(WORKSPACE_ID, [workspace_holder.record, editor_a.record])
    return unlock_leak_guard(unlock_holder(editor_a.record, editor_a.secret()), ring)


def _matched(key: LeakGuardKey, values: list[str], text: str) -> list[str]:
    fingerprints = IdentityFingerprints.from_bytes(fingerprint_identity(key, SUBJECT, values).to_bytes())
    return [text[hit.start : hit.end] for hit in scan_text(key, text, [fingerprints])]


def test_every_holder_derives_the_same_key_and_outsiders_none(
    workspace_holder: Holder, editor_a: Holder, editor_b: Holder
) -> None:
    ring = create_workspace_secret(WORKSPACE_ID, [workspace_holder.record, editor_a.record])
    via_workspace = unlock_leak_guard(unlock_holder(workspace_holder.record, workspace_holder.secret()), ring)
    via_editor = unlock_leak_guard(unlock_holder(editor_a.record, editor_a.secret()), ring)
    assert via_workspace.digest("zebulon") == via_editor.digest("zebulon")
    with pytest.raises(NoAccess):
        unlock_leak_guard(unlock_holder(editor_b.record, editor_b.secret()), ring)
    other = create_workspace_secret(WORKSPACE_ID, [workspace_holder.record])
    assert unlock_leak_guard(unlock_holder(workspace_holder.record, workspace_holder.secret()), other).digest(
        "zebulon"
    ) != via_workspace.digest("zebulon")
    assert "***" in repr(via_editor)


def test_name_found_inside_possessive_and_capitals(key: LeakGuardKey) -> None:
    assert "ZEBULON" in _matched(key, [CANARY], "We spoke to Mr ZEBULON's cousin.")
    assert "Zébulon" in _matched(key, [CANARY], "Zébulon said so.")
    full_width = "".join(chr(ord(char) + 0xFEE0) for char in "zebulon")
    assert full_width in _matched(key, [CANARY], f"full width {full_width}")
    assert _matched(key, [CANARY], "A zebra on the line.") == []


def test_joined_and_split_names_match(key: LeakGuardKey) -> None:
    assert "Abdalrahman" in _matched(key, ["Abd al-Rahman Haddad"], "signed Abdalrahman")
    assert "Abd al Rahman" in _matched(key, ["Abdalrahman Haddad"], "by Abd al Rahman.")
    # particles alone are not flagged: they would be everywhere
    assert _matched(key, ["Abd al-Rahman"], "al and bin and abu") == []


def test_phone_numbers_match_across_formats_and_scripts(key: LeakGuardKey) -> None:
    phone = ["+964 750 123 4567"]
    for text in (
        "call 0750-123-4567 now",
        "call (0750) 123 4567",
        "00964 750 1234567",
        "رقمه ٠٧٥٠١٢٣٤٥٦٧",  # Arabic-Indic digits
        "شماره ۰۷۵۰۱۲۳۴۵۶۷",  # Persian digits
        "ref 2021 0750 123 4567 and 2022",  # glued to other numbers
    ):
        hits = scan_text(key, text, [fingerprint_identity(key, SUBJECT, phone)])
        assert any(hit.kind is TokenKind.PHONE for hit in hits), text
    assert _matched(key, phone, "invoice 750 123") == []


def test_email_matches_case_insensitively_but_not_its_domain(key: LeakGuardKey) -> None:
    values = ["Zebulon.Qx@Example.org"]
    assert "zebulon.qx@EXAMPLE.ORG" in _matched(key, values, "write to zebulon.qx@EXAMPLE.ORG today")
    assert _matched(key, values, "see example.org for details") == []


def test_arabic_names_ignore_harakat_tatweel_and_letter_variants(key: LeakGuardKey) -> None:
    name = ["مُحَمَّد الحَسَن"]
    assert "مـحـمـد" in _matched(key, name, "قال مـحـمـد ذلك")
    assert "والحسن" in _matched(key, name, "جاء علي والحسن")
    assert "حسن" in _matched(key, name, "اسمه حسن")
    assert "إسماعيل" in _matched(key, ["اسماعیل"], "وصل إسماعيل")  # hamza alef, Farsi yeh
    assert "كاوه" in _matched(key, ["کاوە"], "كاوه")  # Kurdish keheh and ae
    assert "ح\u200cس\u200fن" in _matched(key, ["حسن"], "ح\u200cس\u200fن")  # ZWNJ, RLM inside
    assert normalise("أحمـــدُ") == "احمد"


def test_fingerprints_hide_count_and_order(key: LeakGuardKey) -> None:
    one = fingerprint_identity(key, SUBJECT, ["Li"])
    many = fingerprint_identity(key, SUBJECT, ["Zebulon Quincy Xavier Abernathy", "+964 750 123 4567"])
    assert len(one.digests) == len(many.digests) == 16
    stored = many.to_dict()["digests"]
    assert stored == sorted(stored)
    assert {"canary", "zebulon", "qx", "canaryzebulon"} <= identity_tokens(CANARY)


def test_scan_reports_which_source(key: LeakGuardKey) -> None:
    first = fingerprint_identity(key, "source:1", ["Zebulon"])
    second = fingerprint_identity(key, "source:2", ["Quincy"])
    hits = scan_text(key, "Quincy met zebulon", [first, second])
    assert [(hit.subject, hit.start) for hit in hits] == [("source:2", 0), ("source:1", 11)]
