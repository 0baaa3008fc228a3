"""Download names that say what a file holds: 贫困户_产业带动缺口_长宝营子乡_2020-10-31.xlsx."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Each figure as a file name says it (short), and each part of it.
FIGURE_WORDS = {
    "employment": gettext_lazy("employment"),
    "pairing": gettext_lazy("pairing"),
    "household_project": gettext_lazy("household project"),
    "industry_benefit": gettext_lazy("industry-driven"),
    "medical_insurance": gettext_lazy("medical insurance"),
    "income_above_line": gettext_lazy("income at the line"),
    "two_no_worries_three_assurances": gettext_lazy("two no-worries and three assurances"),
    "exited": gettext_lazy("exit"),
    "remaining_poor": gettext_lazy("not exited"),
    "low_income_exited": gettext_lazy("exited under the threshold"),
}
PART_WORDS = {
    "numerator": gettext_lazy("covered"),
    "gap": gettext_lazy("gap"),
    "denominator": gettext_lazy("all counted"),
}
UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def figure_words(indicator, part):
    """A figure (an indicator, or any figure with `key` and `label`) and its part in a file name: 产业带动缺口."""
    figure = FIGURE_WORDS.get(indicator.key) or indicator.label
    return _("%(figure)s %(part)s") % {"figure": figure, "part": PART_WORDS.get(part, part)}


def download_name(*parts, extension):
    """The non-empty `parts` joined by "_", made safe for a file name, with `extension`."""
    words = [UNSAFE.sub("-", str(part)).strip("-") for part in parts if part]
    return "_".join(word for word in words if word) + f".{extension}"
