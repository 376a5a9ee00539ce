"""Search latency on a generated workspace of 100,000 claims and 20,000 testimonies.

Target (issue 4): a query answers in under 50 ms, median and 95th percentile.

    python benchmarks/search.py                 # SQLite (FTS5), in a temporary workspace
    python benchmarks/search.py --postgres      # also on a throwaway PostgreSQL server
    python benchmarks/search.py --claims 20000  # smaller, for a quick look

Prints the time to build the workspace and, per backend, the latency of a mix of queries
(common and rare words, prefixes, several words, Arabic and Kurdish script, narrowed to a case).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from verifier.domain import EntityType
from verifier.services import search
from verifier.services.workspace import Workspace
from verifier.settings import Settings
from verifier.storage import search as index
from verifier.storage.models import CaseRow, ClaimRow, SourceRow, TestimonyRow

PLACES = [
    "Makhmour",
    "Ali Rash",
    "Gali Manjalan",
    "Qarachogh",
    "Kirkuk",
    "Hamrin",
    "Diyala",
    "Anbar",
    "Qaraj",
    "Erbil",
    "Mosul",
    "Tikrit",
    "Hawija",
    "Baiji",
    "Sinjar",
    "Tuz Khurmatu",
]
ACTORS = [
    "armed men",
    "militants",
    "a convoy",
    "shepherds",
    "truffle hunters",
    "a patrol",
    "villagers",
    "fighters",
    "sleeper cells",
    "the army",
    "militiamen",
    "a checkpoint",
]
EVENTS = [
    "were seen near",
    "attacked",
    "camped at",
    "crossed",
    "kidnapped people near",
    "bought supplies in",
    "ambushed a bus near",
    "left",
    "patrolled",
    "were reported around",
]
ARABIC = ["مخمور", "علي رش", "گلي منجلان", "قەرەچووغ", "كركوك", "مسلحين", "داعش", "الجيش", "رعاة", "قرية"]
QUERIES = [
    "makhmour",
    "gali manjalan",
    "ali",
    "convoy",
    "truffle",
    "kidnapped anbar",
    "hawija patrol",
    "sleeper",
    "مخمور",
    "منجلان",
    "داعش",
    "قەرەچووغ",
    "tuz",
    "qarach",
    "bus ambushed",
    "zzzz-nothing",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(ACTORS).capitalize(), rng.choice(EVENTS), rng.choice(PLACES)]
    if rng.random() < 0.3:
        words.append("— " + rng.choice(ARABIC))
    if rng.random() < 0.5:
        words.append(f"on day {rng.randint(1, 28)} of month {rng.randint(1, 12)}")
    return " ".join(words) + "."


def build(ws: Workspace, claims: int, testimonies: int, cases: int = 50) -> None:
    rng = random.Random(2019)
    now = datetime.now(UTC)
    with ws.transaction() as uow:
        s = uow.session
        s.execute(
            insert(CaseRow),
            [
                {
                    "title": f"Case {i}",
                    "summary": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "status": "open",
                }
                for i in range(cases)
            ],
        )
        case_ids = list(range(1, cases + 1))
        s.execute(
            insert(SourceRow),
            [
                {
                    "case_id": c,
                    "alias": f"Source {c}-{j}",
                    "public_description": sentence(rng),
                    "uid": f"{c:08x}{j:024x}",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for c in case_ids
                for j in range(20)
            ],
        )
        batch = 5000
        for start in range(0, testimonies, batch):
            s.execute(
                insert(TestimonyRow),
                [
                    {
                        "case_id": rng.choice(case_ids),
                        "source_id": rng.randint(1, cases * 20),
                        "transcript": " ".join(sentence(rng) for _ in range(rng.randint(3, 12))),
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                    for _ in range(min(batch, testimonies - start))
                ],
            )
        for start in range(0, claims, batch):
            s.execute(
                insert(ClaimRow),
                [
                    {
                        "case_id": rng.choice(case_ids),
                        "statement": sentence(rng),
                        "actors": rng.choice(ACTORS),
                        "place_text": rng.choice(PLACES),
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                    for _ in range(min(batch, claims - start))
                ],
            )
        search.rebuild_index(uow)


def measure(ws: Workspace, rounds: int) -> dict[str, float]:
    timings: list[float] = []
    with ws.reading() as session:
        for query in QUERIES:  # warm-up: the first query of each kind loads index pages
            search.search(session, query, limit=20)
        for _ in range(rounds):
            for query in QUERIES:
                case = 7 if query.startswith("a") else None
                started = time.perf_counter()
                search.search(session, query, case_id=case, limit=20)
                timings.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            search.search(session, "gali", kinds=[EntityType.CLAIM], limit=50)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "queries": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
    }


def run(label: str, settings: Settings, claims: int, testimonies: int, rounds: int) -> None:
    with Workspace.open(settings) as ws:
        started = time.perf_counter()
        build(ws, claims, testimonies)
        built = time.perf_counter() - started
        with ws.reading() as session:
            hits = len(index.query(session, "makhmour", limit=1000))
        figures = measure(ws, rounds)
    verdict = "OK" if figures["median_ms"] < 50 and figures["p95_ms"] < 50 else "OVER TARGET"
    print(
        f"{label:11s} {claims:,} claims + {testimonies:,} testimonies built and indexed in {built:.1f} s; "
        f"'makhmour' has {hits} hits (capped at 1000)\n"
        f"{'':11s} {figures['queries']} queries: median {figures['median_ms']:.1f} ms, "
        f"p95 {figures['p95_ms']:.1f} ms, max {figures['max_ms']:.1f} ms (target < 50 ms): {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--testimonies", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--postgres", action="store_true", help="also run on a throwaway PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as folder:
        run(
            "SQLite",
            Settings(workspace=Path(folder) / "ws", user="bench"),
            args.claims,
            args.testimonies,
            args.rounds,
        )
        if args.postgres:
            from tests.pg import running_server

            with running_server() as server:
                if server is None:
                    print("PostgreSQL      skipped: no server binaries (install Debian package postgresql)")
                    return
                settings = Settings(
                    workspace=Path(folder) / "ws-pg", database_url=server.create_database(), user="bench"
                )
                run("PostgreSQL", settings, args.claims, args.testimonies, args.rounds)


if __name__ == "__main__":
    main()
