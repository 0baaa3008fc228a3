"""The coverage report as a plain-text Chinese table for a terminal."""

from django.utils.translation import gettext as _

from pages.formats import percent as _percent
from pages.formats import yuan
from pages.terminal import table

from .indicators import INDICATORS


def percent(rate):
    """A rate with two decimals, as the terminal table prints it."""
    return _percent(rate, 2)


def report_as_text(report):
    """The whole report: indicators, the by-area rates and the totals, in the active language."""
    title = _("%(area)s coverage as of %(date)s") % {"area": report["area"]["name"], "date": report["as_of"]}
    headers = [_("Indicator"), _("Covered"), _("Total"), _("Gap"), _("Rate")]
    rows = [
        [fig["label"], fig["numerator"], fig["denominator"], fig["gap"], percent(fig["rate"])]
        for fig in report["indicators"].values()
    ]
    parts = [title, "", table(headers, rows)]
    if report["by_area"]:
        headers = [_("Area")] + [fig["label"] for fig in report["indicators"].values()]
        rows = [
            [row["area"]["name"]] + [percent(row["indicators"][key]["rate"]) for key in INDICATORS]
            for row in report["by_area"]
        ]
        parts += ["", _("By area (rate)"), table(headers, rows)]
    parts += ["", *totals_lines(report["totals"])]
    return "\n".join(parts) + "\n"


def totals_lines(totals):
    """The totals as the district pages word them, one line per section."""
    emp, hp, ind = totals["employment"], totals["household_projects"], totals["industry_projects"]
    pair, aid, watch = totals["pairing"], totals["assistance"], totals["watch"]
    channels = _(", ").join(f"{c['label']} {c['people']}" for c in emp["by_channel"] if c["people"])
    levels = _(", ").join(f"{lv['label']} {lv['projects']}" for lv in ind["by_level"])
    mean = "—" if ind["mean_return_rate"] is None else f"{ind['mean_return_rate']:.2f}%"
    lines = [
        _("Registered-poor people in work, of every labor capacity: %(people)s (%(channels)s).")
        % {"people": emp["people"], "channels": channels or "—"},
        _("Household projects: %(projects)s, reaching %(households)s households, %(funds)s yuan; "
          "courtyard farming or planting in %(courtyard)s households.")
        % {"projects": hp["projects"], "households": hp["households"], "funds": yuan(hp["funds"]),
           "courtyard": hp["courtyard_households"]},
        _("Industry projects: %(projects)s (%(levels)s), investment %(investment)s yuan, mean yearly return "
          "%(mean)s, reaching %(households)s households.")
        % {"projects": ind["projects"], "levels": levels, "investment": yuan(ind["investment"]), "mean": mean,
           "households": ind["households_reached"]},
        _("Pairing: %(cadres)s cadres of %(units)s units paired with %(households)s households.")
        % pair,
        _("Assistance since %(since)s: %(problems)s problems solved, %(money)s yuan of money and goods, "
          "medical aid %(medical)s, education aid %(education)s.")
        % {"since": aid["since"], "problems": aid["problems_solved"], "money": yuan(aid["money_goods_yuan"]),
           "medical": aid["medical_aid"], "education": aid["education_aid"]},
        _("Trained: %(people)s people.") % {"people": totals["training"]["people"]},
        _("Not exited before this year: %(households)s households, %(people)s people.")
        % watch["remaining_poor"],
    ]
    if watch["monitoring_threshold"] is not None:
        lines.append(
            _("Exited with net income per member under %(threshold)s yuan: %(households)s households, "
              "%(people)s people.")
            % {"threshold": yuan(watch["monitoring_threshold"]), **watch["low_income_exited"]}
        )
    lines.append(_("Safety-net rate of these people: %(rate)s.") % {"rate": percent(watch["safety_net"]["rate"])})
    return lines
