"""A bounded fuzz run over the metadata readers, as CI runs it.

Mutated JPEG, PNG, WebP, TIFF, HEIC and AVIF files go through every intake reader in a sandboxed
worker (see ``harness.py``); each must end in a result or a clear per-file error, within the time
bound and the memory budget. The hypothesis profile ``fuzz-ci`` fixes the number of examples and
derandomizes them, so CI is reproducible and takes well under a minute; ``tools/fuzz.py`` runs
random, longer searches. ``tests/verifier/intake/test_bad_input.py`` covers hand-made hostile
files and the in-process mutation of each container; this adds time, memory and JSON bounds,
structural mutations (inserted, deleted, duplicated and spliced ranges), and every reader at once.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import OP_KINDS, Op, Sandbox, mutate, seeds

settings.register_profile(
    "fuzz-ci",
    max_examples=int(os.environ.get("SV_FUZZ_EXAMPLES", "150")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ_CI = settings.get_profile("fuzz-ci")
SEEDS = seeds()

ops = st.lists(
    st.builds(Op, st.sampled_from(OP_KINDS), st.integers(0, 2**24), st.integers(0, 2**16)),
    min_size=1,
    max_size=10,
)


def _describe(data: bytes, outcome: object) -> str:
    return f"{outcome}\ninput ({len(data)} bytes): {data[:96].hex()}..."


def test_every_seed_is_read_with_its_metadata(sandbox: Sandbox) -> None:
    """The seeds must be real photos the readers understand, or the mutations test nothing."""
    from verifier.intake import extract_metadata

    assert {"jpeg", "jpeg-thumbnail", "png", "webp", "tiff", "tiff-exif", "heic"} <= set(SEEDS)
    for name, data in SEEDS.items():
        outcome = sandbox.run(data, label=f"seed.{name}")
        if name == "tiff-exif":  # a bare EXIF block: metadata only, no pixels to thumbnail
            assert outcome.kind == "refused" and "no decoder accepts" in outcome.detail, outcome
        else:
            assert outcome.kind == "read", outcome
        summary = extract_metadata(data, label=name).summary
        assert summary.make in ("Apple", "Canon"), name
    rich = extract_metadata(SEEDS["jpeg"], label="jpeg")
    assert rich.summary.gps_latitude and rich.xmp and rich.iptc and rich.summary.capture_utc
    assert extract_metadata(SEEDS["jpeg-thumbnail"], label="t").file.embedded_thumbnail is not None


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_mutated_files_end_in_a_result_or_a_clear_error(sandbox: Sandbox, name: str) -> None:
    seed = SEEDS[name]
    donors = list(SEEDS.values())
    kinds: dict[str, int] = {}

    @FUZZ_CI
    @given(ops, st.integers(0, len(donors) - 1))
    def check(mutations: list[Op], donor: int) -> None:
        data = mutate(seed, mutations, donors[donor])
        outcome = sandbox.run(data, label=f"fuzz.{name}")
        kinds[outcome.kind] = kinds.get(outcome.kind, 0) + 1
        assert not outcome.failed, _describe(data, outcome)

    check()
    # The profile's examples all ran; some mutants were still read, others refused.
    assert sum(kinds.values()) >= FUZZ_CI.max_examples, kinds
    assert kinds.get("refused", 0) > 0, kinds
    assert kinds.get("read", 0) > 0 or name == "tiff-exif", kinds  # a bare EXIF block has no pixels


def test_the_sandbox_reports_each_kind_of_failure() -> None:
    """A fuzz test that cannot see a crash, a hang or a blow-up would pass for nothing."""
    with Sandbox(
        time_limit=3.0, exercise_name="tests.fuzz.harness:selftest_exercise", memory_budget_mib=64
    ) as box:
        assert box.run(b"fine").kind == "read"
        refused = box.run(b"refuse", label="x.jpg")
        assert (refused.kind, refused.detail) == ("refused", "x.jpg: planted refusal")
        crash = box.run(b"crash")
        assert crash.kind == "crash" and crash.detail.startswith("KeyError: 'planted'")
        assert crash.slug() == "crash-KeyError-selftest_exercise"
        hang = box.run(b"hang")
        assert hang.kind == "hang" and hang.seconds >= 3.0
        assert box.run(b"memory").kind == "memory"
        assert box.run(b"die").kind == "died"
        assert box.run(b"fine").kind == "read"  # a fresh worker took over each time
        assert box.restarts == 3
