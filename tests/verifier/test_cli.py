"""The ``verifier`` command: JSON output, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.cli import main


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VERIFIER_HOME", str(tmp_path / "ws"))
    monkeypatch.setenv("VERIFIER_USER", "cli-user")
    monkeypatch.delenv("VERIFIER_DB", raising=False)

    def invoke(*args: str) -> tuple[int, object, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        try:
            payload = json.loads(captured.out) if captured.out.strip() else None
        except json.JSONDecodeError:
            payload = captured.out
        return code, payload, captured.err

    return invoke


def test_build_a_case_by_script(run, jpeg_file: Path) -> None:  # type: ignore[no-untyped-def]
    code, case, _ = run("--json", "case", "create", "Makhmour")
    assert code == 0 and case["title"] == "Makhmour" and case["status"] == "open"
    code, source, _ = run("source", "add", str(case["id"]), "Shwan", "--kind", "local_resident", "--json")
    assert code == 0 and source["anonymity"] == "anonymous"
    code, testimony, _ = run(
        "testimony",
        "add",
        str(source["id"]),
        "--medium",
        "phone",
        "--taken-at",
        "2019-04-11T15:30+03:00",
        "--transcript",
        "Between 50 and 150 of them, with their families.",
        "--json",
    )
    assert code == 0 and testimony["taken_at"] == "2019-04-11T12:30:00+00:00"
    code, claim, _ = run("claim", "add", str(case["id"]), "50 to 150 fighters hide in the hills", "--json")
    code, added, _ = run(
        "evidence", "add", str(case["id"]), str(jpeg_file), "--submitted-by", str(source["id"]), "--json"
    )
    assert code == 0 and added[0]["original_name"] == "photo.jpg" and added[0]["earlier"] == []
    code, link, _ = run("link", "evidence", str(claim["id"]), str(added[0]["id"]), "illustrative", "--json")
    assert code == 0 and link["relation"] == "illustrative"
    code, shown, _ = run("claim", "show", str(claim["id"]), "--json")
    assert shown["links"]["evidence"][0]["evidence_id"] == added[0]["id"]
    code, log, _ = run("audit", "log", "--json")
    assert [e["actor"] for e in log] == ["cli-user"] * 6
    code, report, _ = run("audit", "verify", "--json")
    assert code == 0 and report["ok"] and report["entries"] == 6
    code, report, _ = run("vault", "verify", "--json")
    assert code == 0 and report["checked"] == 1


def test_invalid_input_exit_code_and_message(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("source", "add", "42", "Hama")
    assert code == 3 and err.strip() == "error: There is no case with id 42."
    code, payload, _ = run("--json", "claim", "update", "1", "--status", "corroborated")
    assert code == 3 and payload == {"error": {"type": "NotFound", "message": "There is no claim with id 1."}}


def test_time_without_zone_is_refused_by_the_parser(run, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(["testimony", "add", "1", "--taken-at", "2019-03-29T10:00"])
    assert exited.value.code == 2
    assert "has no time zone" in capsys.readouterr().err


def test_verify_commands_fail_when_they_find_problems(run, tmp_path: Path, jpeg_file: Path) -> None:  # type: ignore[no-untyped-def]
    run("case", "create", "c")
    run("evidence", "add", "1", str(jpeg_file))
    (stored,) = (tmp_path / "ws" / "vault" / "sha256").glob("*/*")
    stored.unlink()
    code, report, _ = run("vault", "verify", "--json")
    assert code == 1 and report["missing"] == [stored.name]
    code, text, _ = run("vault", "verify")
    assert code == 1 and f"MISSING  {stored.name}" in text


def test_text_output_is_a_table(run) -> None:  # type: ignore[no-untyped-def]
    run("case", "create", "Makhmour")
    run("case", "create", "Diyala")
    _, text, _ = run("case", "list")
    lines = str(text).splitlines()
    assert lines[0].split() == ["ID", "TITLE", "STATUS", "UPDATED_AT"]
    assert [line.split()[1] for line in lines[1:]] == ["Diyala", "Makhmour"]


def test_unsupported_database_url(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("--db", "oracle://x/y", "case", "list")
    assert code == 5 and "Unsupported database URL scheme 'oracle'" in err
