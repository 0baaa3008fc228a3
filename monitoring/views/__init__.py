from .cases import CaseList, add_measure, case_detail, record_step
from .discover import discover
from .notices import notices
from .screening import open_case, screening
from .worklist import worklist, worklist_list

__all__ = [
    "CaseList", "add_measure", "case_detail", "discover", "notices", "open_case", "record_step", "screening",
    "worklist", "worklist_list",
]
