"""Use cases: the only API the GUI, the CLI and batch jobs call.

Write use cases take a ``UnitOfWork`` (opened by the caller with ``Workspace.transaction()``);
read use cases take a ``Session`` (from ``Workspace.reading()``). Both return frozen snapshots.
"""

from verifier.services.workspace import Workspace

__all__ = ["Workspace"]
