"""Dialogs that create records; each saves through the task runner, off the GUI thread."""

from ui.dialogs.add_claim import AddClaimDialog
from ui.dialogs.add_source import AddSourceDialog
from ui.dialogs.new_case import NewCaseDialog
from ui.dialogs.source_editor import SourceEditorDialog
from ui.dialogs.testimony_editor import TestimonyEditorDialog

__all__ = [
    "AddClaimDialog",
    "AddSourceDialog",
    "NewCaseDialog",
    "SourceEditorDialog",
    "TestimonyEditorDialog",
]
