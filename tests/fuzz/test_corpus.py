"""Replay every input the fuzzer ever saved: each once broke a reader and must not again.

``tools/fuzz.py`` writes findings to ``tests/fuzz/corpus/`` as ``<what broke>-<seed>-<sha>.bin``
with the traceback in the ``.txt`` beside it. Once the reader is fixed, the file stays here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.harness import CORPUS, Outcome, Sandbox, corpus_files, save_finding

FILES = corpus_files()


def test_the_corpus_is_not_empty() -> None:
    assert FILES, f"no saved inputs in {CORPUS}"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_saved_input_is_now_read_or_refused_clearly(sandbox: Sandbox, path: Path) -> None:
    outcome = sandbox.run(path.read_bytes(), label=path.name)
    assert not outcome.failed, f"{path.name}: {outcome}"


def test_findings_are_saved_under_a_name_saying_what_broke(tmp_path: Path) -> None:
    outcome = Outcome("crash", "OverflowError: date value out of range", 0.01, "intake.summary:_to_utc")
    path = save_finding(b"\xff\xd8\xff", outcome, "jpeg", tmp_path)
    assert path.name.startswith("crash-OverflowError-intake.summary._to_utc-jpeg-")
    assert path.read_bytes() == b"\xff\xd8\xff"
    assert "OverflowError" in path.with_suffix(".txt").read_text(encoding="utf-8")
    assert corpus_files(tmp_path) == [path]
