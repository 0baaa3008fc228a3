"""The six screening rules of 部门筛查预警, each a database expression over households.

Every rule gives `annotations(as_of)` (values its reason quotes, computed in the database),
`condition(as_of)` (a Q true for the households that trip it, over those annotations) and
`reason(row)` (the words, from the annotated row). Definitions, all on the as-of date:

- **low_income**: the income year is the latest year with an income record among the as-of year and
  the year before; net income per current member for it is below that year's monitoring threshold
  (`PovertyLine.monitoring_threshold`; no threshold, no record or no current member: the rule is silent).
- **expenditure**: the same income year's net income less its rigid expenditure (合规自付支出: the
  out-of-pocket medical and education costs recorded with the income) is below the threshold per
  current member, and the year has such costs (without them the case is `low_income`'s).
- **income_drop**: net income for the income year is less than half of the year before's (which must
  be above zero). Both years are divided by the same current members, so household totals compare.
- **job_loss**: the household's current labor-capable members have held at least one placement
  started on or before the date, and every such placement ended more than 60 days before the date
  (ended exactly 60 days before: not tripped), with none started since that is still running or ended
  within the 60 days.
- **new_health**: a current member was *newly recorded* as 患有大病 or 残疾: the person's change
  history (django-simple-history) holds a change — not the creation — dated within the 90 days
  ending on the as-of date that set health to one of the two from another value, and the latest
  version on or before the date still says so. A member first entered with that status was known
  when the register was built, so creation does not count; changes saved without history
  (`queryset.update`, plain `bulk_update`) are not seen.
- **assessment**: the latest 两不愁三保障 assessment on or before the date fails one of its checks (six
  from 2021: 两不愁三保障和饮水安全; `Assessment.meets_all_q`).
"""

import datetime
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, FilteredRelation, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households.choices import LABOR_CAPABLE, Health, PersonStatus, Relation
from households.models import Assessment, IncomeRecord, Person, PovertyLine
from households.models.income import THRESHOLD
from monitoring.models import MonitoringCase
from projects.models import EmploymentPlacement

JOB_LOSS_DAYS = 60
NEW_HEALTH_WINDOW_DAYS = 90
RISK_HEALTH = (Health.SERIOUS, Health.DISABLED)


def money(value):
    """A yuan amount as people write it: thousands separated, two decimals."""
    return f"{Decimal(value):,.2f}"


def _day(value):
    return f"{value:%Y-%m-%d}"


def everywhere(prefix):
    """No narrowing: the `within` of a rule's set over the whole register."""
    return Q()


class Rule:
    """A screening rule over households, in two forms from one definition (as the indicators are):

    - `condition(as_of)`: a Q over households annotated with `annotations(as_of)`, evaluated row by
      row (`Exists`): for the rows of one page;
    - `counted_q(as_of, within)`: the same households as a set of ids narrowed to the area
      (`pk IN (...)`), which PostgreSQL hashes once: for counting and listing every household of an
      area (docs/PERFORMANCE.md). `within(prefix)` is a Q limiting households reached by `prefix`.

    `reason_annotations(as_of)` are the values only the reason in words quotes (a page's rows).
    """

    key = ""
    label = ""
    reads_grouped_values = False  # True: `condition` reads `annotations` counted per household (members)

    def annotations(self, as_of):
        return {}

    def reason_annotations(self, as_of):
        return {}

    def condition(self, as_of):
        raise NotImplementedError

    def counted_q(self, as_of, within=everywhere):
        return self.condition(as_of)

    def reason(self, row):
        raise NotImplementedError


def _threshold(year):
    return PovertyLine.objects.of_year(year, THRESHOLD)


def income_annotations(as_of):
    """The income year, its net income and threshold, the year before's net income, current members.

    The income records of the as-of year and the two before are joined (one each at most: one record
    per household and year) and the members counted in the same pass, grouped by household, instead
    of a lookup per household and value. The income values are the same on every member's row: each
    is taken once by `Max`, so that the rows are grouped by household alone.
    """
    year = as_of.year
    net = IncomeRecord.objects.net_total_expression
    joins = {
        f"screen_income_{back}": FilteredRelation("income_records", condition=Q(income_records__year=year - back))
        for back in (0, 1, 2)
    }

    def has(back):
        return Q(**{f"screen_income_{back}__id__isnull": False})

    def of_income_year(this_year, year_before):
        return Max(Case(When(has(0), then=this_year), When(has(1), then=year_before)))

    return {
        **joins,
        "screen_income_year": of_income_year(Value(year), Value(year - 1)),
        "screen_net": of_income_year(net("screen_income_0__"), net("screen_income_1__")),
        "screen_previous_net": of_income_year(net("screen_income_1__"), net("screen_income_2__")),
        "screen_threshold": of_income_year(_threshold(year), _threshold(year - 1)),
        "screen_medical": of_income_year(F("screen_income_0__medical_expenditure"),
                                         F("screen_income_1__medical_expenditure")),
        "screen_education": of_income_year(F("screen_income_0__education_expenditure"),
                                           F("screen_income_1__education_expenditure")),
        "screen_members": Count("members", filter=Q(members__status=PersonStatus.NORMAL)),
    }


class LowIncome(Rule):
    key = "low_income"
    reads_grouped_values = True
    label = _("Income below the monitoring threshold")

    def annotations(self, as_of):
        return income_annotations(as_of)

    def condition(self, as_of):
        # Compare totals, not a division: SQLite divides integers as integers.
        return Q(
            screen_members__gt=0,
            screen_threshold__isnull=False,
            screen_net__lt=F("screen_threshold") * F("screen_members"),
        )

    def reason(self, row):
        return gettext(
            "Net income per member in %(year)s was %(income)s yuan, below the monitoring threshold of "
            "%(threshold)s yuan"
        ) % {
            "year": row.screen_income_year,
            "income": money(Decimal(row.screen_net) / row.screen_members),
            "threshold": money(row.screen_threshold),
        }


class Expenditure(Rule):
    key = "expenditure"
    reads_grouped_values = True
    label = _("Income after rigid expenditure below the threshold")

    def annotations(self, as_of):
        return income_annotations(as_of)

    def condition(self, as_of):
        rigid = F("screen_medical") + F("screen_education")
        return Q(screen_members__gt=0, screen_threshold__isnull=False) & Q(
            GreaterThan(rigid, 0), LessThan(F("screen_net") - rigid, F("screen_threshold") * F("screen_members"))
        )

    def reason(self, row):
        rigid = Decimal(row.screen_medical) + Decimal(row.screen_education)
        return gettext(
            "Net income per member in %(year)s less out-of-pocket medical and education costs was %(income)s "
            "yuan, below the monitoring threshold of %(threshold)s yuan"
        ) % {
            "year": row.screen_income_year,
            "income": money((Decimal(row.screen_net) - rigid) / row.screen_members),
            "threshold": money(row.screen_threshold),
        }


class IncomeDrop(Rule):
    key = "income_drop"
    reads_grouped_values = True
    label = _("Income fell by more than half")

    def annotations(self, as_of):
        return income_annotations(as_of)

    def condition(self, as_of):
        return Q(screen_members__gt=0, screen_previous_net__gt=0, screen_net__isnull=False) & Q(
            screen_previous_net__gt=F("screen_net") * 2
        )

    def reason(self, row):
        return gettext(
            "Net income fell by more than half: %(previous)s yuan per member in %(previous_year)s, "
            "%(income)s yuan in %(year)s"
        ) % {
            "previous": money(Decimal(row.screen_previous_net) / row.screen_members),
            "previous_year": row.screen_income_year - 1,
            "income": money(Decimal(row.screen_net) / row.screen_members),
            "year": row.screen_income_year,
        }


def _placements(as_of):
    """Placements of current labor-capable members started on or before the date."""
    return EmploymentPlacement.objects.filter(
        person__status=PersonStatus.NORMAL, person__labor_capacity__in=LABOR_CAPABLE, start__lte=as_of,
    )


def _recent_q(as_of):
    cutoff = as_of - datetime.timedelta(days=JOB_LOSS_DAYS)
    return Q(end__isnull=True) | Q(end__gte=cutoff)


class JobLoss(Rule):
    key = "job_loss"
    label = _("Lost work")

    def reason_annotations(self, as_of):
        ended = _placements(as_of).filter(person__household=OuterRef("pk"), end__isnull=False).order_by("-end")
        return {"screen_last_job_end": Subquery(ended.values("end")[:1])}

    def condition(self, as_of):
        placements = _placements(as_of).filter(person__household=OuterRef("pk"))
        return Q(Exists(placements)) & ~Q(Exists(placements.filter(_recent_q(as_of))))

    def counted_q(self, as_of, within=everywhere):
        # One grouped pass over the placements: households with some and none recent.
        households = (
            _placements(as_of).filter(within("person__household__")).order_by().values("person__household")
            .annotate(recent=Count("pk", filter=_recent_q(as_of))).filter(recent=0).values("person__household")
        )
        return Q(pk__in=households)

    def reason(self, row):
        return gettext(
            "Every job of the household's labor-capable members had ended by %(date)s, more than "
            "%(days)s days ago, with none since"
        ) % {"date": _day(row.screen_last_job_end), "days": JOB_LOSS_DAYS}


def health_window(as_of):
    """The window of `new_health`: from 90 days before the end of the as-of day to its end."""
    end = timezone.make_aware(datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min))
    return end - datetime.timedelta(days=NEW_HEALTH_WINDOW_DAYS), end


def newly_ill_or_disabled(as_of):
    """Versions of members that newly set health to 患有大病 or 残疾 (see the module), newest first."""
    versions = Person.history.model.objects
    start, end = health_window(as_of)
    order = ("-history_date", "-history_id")
    previous = versions.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date")).order_by(*order)
    latest = versions.filter(id=OuterRef("id"), history_date__lt=end).order_by(*order)
    still = versions.filter(
        history_id=OuterRef("latest_id"), health__in=RISK_HEALTH, status=PersonStatus.NORMAL
    ).exclude(history_type="-")
    return (
        versions.filter(
            history_type="~",
            history_date__gte=start,
            history_date__lt=end,
            health__in=RISK_HEALTH,
        )
        .annotate(
            previous_health=Subquery(previous.values("health")[:1]),
            latest_id=Subquery(latest.values("history_id")[:1]),
        )
        .filter(Exists(still), previous_health__isnull=False)
        .exclude(previous_health__in=RISK_HEALTH)
        .order_by(*order)
    )


class NewHealth(Rule):
    key = "new_health"
    label = _("Newly seriously ill or disabled")

    def reason_annotations(self, as_of):
        changes = newly_ill_or_disabled(as_of).filter(household_id=OuterRef("pk"))
        return {
            "screen_health_relation": Subquery(changes.values("relation")[:1]),
            "screen_health": Subquery(changes.values("health")[:1]),
            "screen_health_date": Subquery(changes.values("history_date")[:1]),
        }

    def condition(self, as_of):
        return Q(Exists(newly_ill_or_disabled(as_of).filter(household_id=OuterRef("pk"))))

    def counted_q(self, as_of, within=everywhere):
        changes = newly_ill_or_disabled(as_of).filter(within("household__")).order_by()
        return Q(pk__in=changes.values("household_id"))

    def reason(self, row):
        day = timezone.localtime(row.screen_health_date).date()
        return gettext("%(relation)s newly recorded as %(health)s on %(date)s") % {
            "relation": Relation(row.screen_health_relation).label,
            "health": Health(row.screen_health).label,
            "date": _day(day),
        }


def failed_latest_assessments(as_of):
    """Assessments on or before the date that fail a check, with no later one on or before it: each
    household's latest, when it fails (one assessment per household and date)."""
    return Assessment.objects.latest_on(as_of).exclude(Assessment.meets_all_q())


class FailedAssessment(Rule):
    key = "assessment"
    label = _("Two-assurances check not met")

    def reason_annotations(self, as_of):
        latest = Assessment.objects.filter(household=OuterRef("pk"), date__lte=as_of).order_by("-date")
        values = {"screen_assessment_date": Subquery(latest.values("date")[:1])}
        for check in Assessment.CHECKS:
            values[f"screen_check_{check}"] = Subquery(latest.values(check)[:1])
        return values

    def failed_checks(self, row):
        """The checks the household's latest assessment fails (six from 2021, five before)."""
        return [check for check in Assessment.checks_on(row.screen_assessment_date)
                if getattr(row, f"screen_check_{check}") is not True]

    def condition(self, as_of):
        return Q(Exists(failed_latest_assessments(as_of).filter(household=OuterRef("pk"))))

    def counted_q(self, as_of, within=everywhere):
        failed = Assessment.objects.filter(within("household__")).latest_set_on(as_of).exclude(
            Assessment.meets_all_q()).order_by()
        return Q(pk__in=failed.values("household_id"))

    def reason(self, row):
        failed = [str(Assessment._meta.get_field(check).verbose_name) for check in self.failed_checks(row)]
        return gettext("Latest two-assurances assessment (%(date)s) not met: %(checks)s") % {
            "date": _day(row.screen_assessment_date),
            "checks": gettext(", ").join(failed),
        }


def under_monitoring(as_of):
    """Q over households, row by row: a case under monitoring on the date."""
    return Q(Exists(MonitoringCase.objects.monitored_on(as_of).filter(household=OuterRef("pk"))))


def counted_under_monitoring(as_of, within=everywhere):
    """`under_monitoring` as a set of ids narrowed to the area."""
    cases = MonitoringCase.objects.monitored_on(as_of).filter(within("household__")).order_by()
    return Q(pk__in=cases.values("household_id"))


RULES = (LowIncome(), Expenditure(), IncomeDrop(), JobLoss(), NewHealth(), FailedAssessment())
RULES_BY_KEY = {rule.key: rule for rule in RULES}
