"""One editor in a separate process, for the concurrency tests: ``python -m ... CONFIG_JSON``.

It opens the shared workspace as its own user, reads the claims it will edit (remembering
their versions, as an open editor window would), tells the test it is ready, waits for the
start signal so that both processes write at the same moment, then updates each claim in its
own transaction and prints one JSON line per claim: saved, or the error's type and message.
With ``rounds``, it updates all its claims together in one transaction per round instead.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from verifier.errors import VerifierError
from verifier.services import claims
from verifier.services.workspace import Workspace
from verifier.settings import Settings


def main(raw: str) -> int:
    config = json.loads(raw)
    settings = Settings(workspace=Path(config["workspace"]), database_url=config["db"], user=config["user"])
    meeting = Path(config["meeting"])
    with Workspace.open(settings) as ws:
        with ws.reading() as session:
            seen = {claim_id: claims.get_claim(session, claim_id).version for claim_id in config["claims"]}
        (meeting / f"ready-{config['user']}").touch()
        deadline = time.monotonic() + 60
        while not (meeting / "go").exists():
            if time.monotonic() > deadline:
                print(json.dumps({"error": "the start signal never came"}))
                return 1
            time.sleep(0.005)
        if config.get("rounds"):
            return _together(ws, config)
        for claim_id, version in seen.items():
            statement = f"{config['statement']} (claim {claim_id}, by {config['user']})"
            try:
                with ws.transaction() as uow:
                    claims.update_claim(uow, claim_id, statement=statement, expected_version=version)
            except VerifierError as exc:
                result = {"claim": claim_id, "error": type(exc).__name__, "message": str(exc)}
            else:
                result = {"claim": claim_id, "saved": statement}
            print(json.dumps(result), flush=True)
    return 0


def _together(ws: Workspace, config: dict[str, Any]) -> int:
    """Update all the claims, in the given order, in one transaction per round (last writer wins)."""
    for round_number in range(config["rounds"]):
        try:
            with ws.transaction() as uow:
                for claim_id in config["claims"]:
                    statement = f"Round {round_number} by {config['user']} (claim {claim_id})"
                    claims.update_claim(uow, claim_id, statement=statement)
        except VerifierError as exc:
            result: dict[str, Any] = {"round": round_number, "error": type(exc).__name__, "message": str(exc)}
        else:
            result = {"round": round_number, "saved": True}
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
