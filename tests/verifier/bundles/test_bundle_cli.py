"""``verifier bundle ...``: keys, cards, trust, export, inspect, import and list, with --json."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from verifier.cli import main

Run = Callable[..., tuple[int, object, str]]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("VERIFIER_DB", raising=False)
    monkeypatch.delenv("VERIFIER_HOME", raising=False)

    def invoke(workspace: str, *args: str, stdin: str = "") -> tuple[int, object, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--workspace", str(tmp_path / workspace), "--user", workspace, *args])
        captured = capsys.readouterr()
        try:
            payload = json.loads(captured.out) if captured.out.strip() else None
        except json.JSONDecodeError:
            payload = captured.out
        return code, payload, captured.err

    return invoke


def test_send_a_case_to_a_partner_by_script(run: Run, jpeg_file: Path, tmp_path: Path) -> None:
    code, case, _ = run("erbil", "--json", "case", "create", "Makhmour")
    assert code == 0
    code, _, _ = run("erbil", "evidence", "add", str(case["id"]), str(jpeg_file), "--json")  # type: ignore[index]
    assert code == 0
    for desk, name in (("erbil", "Erbil desk"), ("partner", "Partner desk")):
        code, made, _ = run(
            desk,
            "bundle",
            "keys",
            "create",
            name,
            "--passphrase-stdin",
            "--json",
            stdin=f"{desk} bundle passphrase\n",
        )
        assert code == 0 and made["name"] == name and len(made["fingerprint"]) == 39  # type: ignore[index]
    erbil_card, partner_card = tmp_path / "erbil.card", tmp_path / "partner.card"
    assert run("erbil", "bundle", "keys", "card", "-o", str(erbil_card))[0] == 0
    code, shown, _ = run("partner", "bundle", "keys", "card", "--json")
    partner_card.write_text(shown["card"])  # type: ignore[index]
    code, trusted, _ = run("partner", "bundle", "keys", "trust", str(erbil_card), "--json")
    assert code == 0 and trusted["name"] == "Erbil desk"  # type: ignore[index]

    path = tmp_path / "makhmour.svbundle"
    code, sent, _ = run(
        "erbil",
        "bundle",
        "export",
        str(case["id"]),  # type: ignore[index]
        "--to",
        str(partner_card),
        "-o",
        str(path),
        "--passphrase-stdin",
        "--json",
        stdin="erbil bundle passphrase\n",
    )
    assert code == 0 and sent["originals"] == 1 and path.stat().st_size == sent["size"]  # type: ignore[index]

    code, shown, _ = run("partner", "bundle", "inspect", str(path))
    assert code == 0 and "signed by 'Erbil desk'" in str(shown)
    assert ", trusted;" in str(shown) and "this newsroom." in str(shown)

    code, got, _ = run(
        "partner",
        "bundle",
        "import",
        str(path),
        "--passphrase-stdin",
        "--json",
        stdin="partner bundle passphrase\n",
    )
    assert code == 0 and got["title"] == "Makhmour" and got["sender_chain"]["ok"]  # type: ignore[index]
    code, listed, _ = run("partner", "bundle", "list", "--json")
    assert code == 0 and listed[0]["sender_chain"] == "OK"  # type: ignore[index]
    assert run("partner", "audit", "verify")[0] == 0
    assert run("partner", "vault", "verify")[0] == 0

    code, refused, _ = run(
        "partner",
        "bundle",
        "import",
        str(path),
        "--passphrase-stdin",
        "--json",
        stdin="partner bundle passphrase\n",
    )
    assert code == 4 and "imported before" in refused["error"]["message"]  # type: ignore[index]
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    code, _, err = run(
        "partner", "bundle", "import", str(path), "--passphrase-stdin", stdin="partner bundle passphrase\n"
    )
    assert code == 10 and "signature does not match" in err
    code, cases_now, _ = run("partner", "case", "list", "--json")
    assert len(cases_now) == 1  # type: ignore[arg-type]
