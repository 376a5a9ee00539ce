"""Add source: the source editor in create mode (alias, description, kind, terms; never an identity)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.dialogs.source_editor import SourceEditorDialog
from ui.tasks import TaskRunner
from verifier.services.workspace import Workspace


class AddSourceDialog(SourceEditorDialog):
    """Logs a source in the current case under an alias.

    The form has no plain field for a real name or contact: an identity is only ever stored sealed,
    through the identity section of the editor once the source exists.
    """

    def __init__(
        self, runner: TaskRunner, ws: Workspace, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ws, case_id, None, parent)
