"""The process the crash tests kill: an import or an export on a workspace, printing its progress.

    python -m tests.verifier.crash.child import WORKSPACE CASE_ID FOLDER
    python -m tests.verifier.crash.child export WORKSPACE CASE_ID DESTINATION

Each line on stdout is flushed at once, so the test can kill the process right after a given
step: ``OPEN`` once the workspace is open, ``FILE n`` after n files of an import,
``STEP n what`` between the export's steps, ``FINISHED`` at the end.

    python -m tests.verifier.crash.child hang WORKSPACE 0 FILE

starts the import's worker pool on FILE with a task that never returns (``hostile.hang_or_crash``
on a file named hang*), and prints ``SENT`` once the file is handed to a worker.
"""

from __future__ import annotations

import sys
from pathlib import Path

USER = "crash-test"
EXPORT_FORMATS = ["html", "md", "csv", "claimreview"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    # Imported here, not at the top: the import's worker processes are spawned, and each one
    # imports this module again; the services are not needed there.
    from verifier.services import export, intake
    from verifier.services.workspace import Workspace
    from verifier.settings import Settings

    action, workspace, case_id, path = argv[0], Path(argv[1]), int(argv[2]), Path(argv[3])
    with Workspace.open(Settings(workspace=workspace, user=USER)) as ws:
        say("OPEN")
        if action == "import":
            report = intake.import_photos(
                ws,
                case_id,
                [path],
                intake.Provenance(caption="sent in one batch", claimed_place="Makhmour"),
                progress=lambda done, total, name: say(f"FILE {done}"),
                workers=2,
            )
            say(f"FINISHED {len(report.imported)} {len(report.skipped)} {len(report.failed)}")
        elif action == "export":
            export.export_case(
                ws,
                case_id,
                path,
                profile="legal",
                formats=EXPORT_FORMATS,
                progress=lambda done, total, what: say(f"STEP {done} {what}"),
            )
            say("FINISHED")
        elif action == "hang":
            from tests.verifier.intake.hostile import hang_or_crash
            from verifier.intake.pipeline import WorkerPool

            with WorkerPool(
                ws.vault.root, ws.settings.cache_dir, workers=1, timeout=600, task_fn=hang_or_crash
            ) as pool:

                def sent() -> bool:  # asked each time files are handed out: never stop
                    say("SENT")
                    return False

                for _outcome in pool.run([path], sent):
                    pass
        else:
            raise SystemExit(f"unknown action {action!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
