"""``verifier people``: the team from the command line, JSON output, exit codes, refusals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect

from verifier.cli import main
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage import database

Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("VERIFIER_HOME", str(tmp_path / "ws"))
    monkeypatch.delenv("VERIFIER_DB", raising=False)

    def invoke(user: str, *args: str) -> tuple[int, Any, str]:
        code = main(["--user", user, *args])
        captured = capsys.readouterr()
        try:
            payload = json.loads(captured.out) if captured.out.strip() else None
        except json.JSONDecodeError:
            payload = captured.out
        return code, payload, captured.err

    return invoke


def test_people_commands_manage_the_team(run: Run) -> None:
    code, listed, _ = run("amira", "people", "list")
    assert code == 0 and "solo mode" in str(listed)
    code, _, err = run("amira", "people", "add", "dilan", "--role", "editor")
    assert code == 2 and "first person registered must be an administrator" in err
    code, added, _ = run(
        "amira", "people", "add", "amira", "--role", "administrator", "--name", "Amira K.", "--json"
    )
    assert code == 0 and added == {**added, "user_name": "amira", "role": "administrator", "active": True}
    assert run("amira", "people", "add", "dilan", "--role", "editor", "--json")[0] == 0
    assert run("amira", "people", "add", "rebaz", "--role", "reporter", "--json")[0] == 0

    code, payload, _ = run("rebaz", "--json", "people", "add", "karwan", "--role", "reporter")
    assert code == 9 and payload == {
        "error": {
            "type": "PermissionDenied",
            "message": "'rebaz' is a reporter in this workspace: managing people and their roles needs the "
            "administrator role. Ask an administrator (verifier people set-role).",
        }
    }
    code, changed, _ = run("amira", "people", "set-role", "rebaz", "editor", "--reason", "promoted", "--json")
    assert code == 0 and changed["role"] == "editor"
    code, gone, _ = run("amira", "people", "deactivate", "dilan", "--reason", "left", "--json")
    assert code == 0 and gone["active"] is False
    code, team, _ = run("amira", "people", "list", "--json")
    assert [(p["user_name"], p["role"], p["active"]) for p in team] == [
        ("amira", "administrator", True),
        ("dilan", "editor", False),
        ("rebaz", "editor", True),
    ]
    code, text, _ = run("amira", "people", "list")
    assert "USER_NAME" in text and "Amira K." in text

    code, _, err = run("dilan", "case", "list")
    assert code == 9 and "'dilan' was deactivated" in err
    code, _, err = run("mallory", "case", "create", "Invented")
    assert code == 9 and "'mallory' is not registered" in err and "verifier people add mallory" in err
    code, case, _ = run("rebaz", "case", "create", "Makhmour", "--json")
    assert code == 0 and case["title"] == "Makhmour"
    code, log, _ = run("amira", "audit", "log", "--json")
    assert {(e["entity_type"], e["actor"]) for e in log} >= {("person", "amira"), ("case", "rebaz")}
    assert run("amira", "audit", "verify", "--json")[1]["ok"] is True


def test_migration_0005_downgrades_and_upgrades(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "ws", user="tester")
    with Workspace.open(settings) as ws:
        config = database.alembic_config()
        with ws.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
        with ws.engine.connect() as connection:
            assert "person" not in inspect(connection).get_table_names()
        with ws.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with ws.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("person")}
    assert {"user_name", "display_name", "role", "active", "created_at"} <= columns
