from .cases import CaseList, add_measure, case_detail, close_case
from .screening import open_case, screening

__all__ = ["CaseList", "add_measure", "case_detail", "close_case", "open_case", "screening"]
