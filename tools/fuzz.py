#!/usr/bin/env python3
"""Fuzz the photo readers for a while; keep every input that breaks one in tests/fuzz/corpus/.

    .venv/bin/python tools/fuzz.py --minutes 10          # random mutations of every seed format
    .venv/bin/python tools/fuzz.py --minutes 5 --seed 7 --formats jpeg,heic --time-limit 5

Each input is a valid seed photo (JPEG, PNG, WebP, TIFF, HEIC, AVIF, built with Pillow and
pillow-heif) mutated at the byte level, then read by every intake reader in a sandboxed worker
process (time bound per input, memory budget, address-space cap). A crash, hang, memory blow-up,
dead worker or refusal without the file's name is saved as ``<what broke>-<seed>-<sha>.bin`` with a
``.txt`` beside it (the traceback); ``tests/fuzz/test_corpus.py`` replays every saved input, so
fix the reader and keep the file as a regression test. Exit status: 1 when something was found.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import (  # noqa: E402
    CORPUS,
    Sandbox,
    mutate,
    random_ops,
    random_structure,
    save_finding,
    seeds,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    parser.add_argument("--formats", default="", help="comma-separated seed names (default: all)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per input (default 10)")
    parser.add_argument(
        "--no-structures",
        dest="structures",
        action="store_false",
        help="only byte mutations (default: 1 input in 4 is a generated hostile structure)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"where findings go (default {CORPUS})")
    args = parser.parse_args(argv)

    rng_seed = args.seed if args.seed is not None else time.time_ns() % 2**32
    rng = random.Random(rng_seed)
    pool = full_pool = seeds()
    if args.formats:
        wanted = {name.strip() for name in args.formats.split(",") if name.strip()}
        unknown = wanted - set(pool)
        if unknown:
            parser.error(f"unknown seed names {sorted(unknown)}; choose from {sorted(pool)}")
        pool = {name: data for name, data in pool.items() if name in wanted}
    names = sorted(pool)
    print(f"fuzz: seeds {', '.join(names)}; random seed {rng_seed}; {args.minutes:g} min", flush=True)

    deadline = time.monotonic() + args.minutes * 60
    counts: dict[str, int] = {}
    found: list[Path] = []
    slowest = 0.0
    with Sandbox(time_limit=args.time_limit) as sandbox:
        while time.monotonic() < deadline:
            if args.structures and rng.random() < 0.25:
                name, data = random_structure(rng, full_pool)
            else:
                name = rng.choice(names)
                data = mutate(pool[name], random_ops(rng), pool[rng.choice(names)])
            outcome = sandbox.run(data, label=f"fuzz.{name}")
            counts[outcome.kind] = counts.get(outcome.kind, 0) + 1
            slowest = max(slowest, outcome.seconds)
            if outcome.failed:
                path = save_finding(data, outcome, name, args.corpus)
                found.append(path)
                print(f"fuzz: {outcome.kind} on {name}: {outcome.detail.splitlines()[0][:160]} -> {path}")
        restarts = sandbox.restarts
    total = sum(counts.values())
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    print(f"fuzz: {total} inputs ({summary}); slowest {slowest:.2f} s; worker restarts {restarts}")
    print(f"fuzz: {len(found)} finding(s) saved" if found else "fuzz: nothing found")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
