"""Qt item models over the core's frozen snapshots, and the proxies that sort and filter them."""

from ui.models.cases import CaseListModel
from ui.models.proxy import RecordFilterProxy
from ui.models.records import Column, RecordTableModel, Roles

__all__ = ["CaseListModel", "Column", "RecordFilterProxy", "RecordTableModel", "Roles"]
