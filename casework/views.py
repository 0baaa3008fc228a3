"""The recording pages of a household: thin views over the services, returning to the household file.

Each page needs the model's add or change permission even to open (a leader gets 403); the household,
and the record changed, come from the user's area (404 outside it).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from households.access import scoped_object_or_404, staff_view
from households.models import Household, Person
from households.services import (
    Doubtful,
    assessment_create,
    household_contact_update,
    income_record_create,
    income_summary,
    person_update,
)
from projects.models import EmploymentPlacement, Pairing
from projects.services import assistance_create, describe_placement, placement_create, placement_end

from . import forms

VIEW = "households.view_household"
EMPLOYER_CHOICES = 200  # employer names offered in the placement form's list


def _permissions(permission):
    return {"read": (VIEW, permission), "write": permission}


def _household(request, pk):
    return get_object_or_404(Household.objects.for_user(request.user).select_related("village__township"), pk=pk)


def _posted(request):
    """The posted data (even empty: an empty form is still a submitted one), or None on a GET."""
    return request.POST if request.method == "POST" else None


def _file(household, anchor):
    return redirect(reverse("register:household", args=[household.pk]) + anchor)


def _submit(request, form, save):
    """Validate a posted `form` and `save(**arguments)`; the saved record, or None when the form now carries
    errors or doubts to confirm."""
    if request.method != "POST" or not form.is_valid():
        return None
    arguments = form.service_arguments()
    if form.confirmable:
        arguments["confirmed"] = form.confirmed
    try:
        return save(**arguments)
    except Doubtful as doubt:
        form.ask_to_confirm(doubt.warnings)
    except ValidationError as exc:
        form.add_service_errors(exc)
    except IntegrityError:  # the same record saved a moment before by someone else
        form.add_error(None, _("The same record was saved meanwhile: open the household file to see it."))
    return None


def _page(request, household, form, *, title, submit, anchor, **extra):
    head = household.members.filter(relation="head").values_list("name", flat=True).first()
    context = {
        "household": household, "head": head, "form": form, "title": title, "submit": submit,
        "cancel_url": reverse("register:household", args=[household.pk]) + anchor,
        "breadcrumbs": [(_("Poor households"), reverse("register:households")),
                        (household.code, reverse("register:household", args=[household.pk])), (title, None)],
        **extra,
    }
    return render(request, "casework/form.html", context, status=400 if form.is_bound and form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("projects.add_employmentplacement"))
def placement_new(request, household_pk):
    """Record a job placement of one of the household's current members."""
    household = _household(request, household_pk)
    members = list(household.members.current().order_by("pk"))
    initial = {"person": request.GET.get("person", "")}
    form = forms.PlacementForm(_posted(request), members=members, initial=initial)
    placement = _submit(request, form, lambda **a: placement_create(user=request.user, household=household, **a))
    if placement:
        messages.success(request, _("Placement recorded for %(name)s: %(placement)s.") % {
            "name": placement.person.name, "placement": describe_placement(placement)})
        return _file(household, "#placements-h")
    return _page(request, household, form, title=_("Record a job placement"), submit=_("Save the placement"),
                 anchor="#placements-h", employers=employer_names(request.user))


def employer_names(user):
    """Names of the employers of the latest placements in the user's area (at most EMPLOYER_CHOICES)."""
    names = (EmploymentPlacement.objects.for_user(user).filter(employer__isnull=False).order_by("-start", "-id")
             .values_list("employer__name", flat=True)[:EMPLOYER_CHOICES * 5])
    return list(dict.fromkeys(names))[:EMPLOYER_CHOICES]


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("projects.change_employmentplacement"))
def placement_finish(request, household_pk, pk):
    """Record the end of an ongoing placement."""
    household = _household(request, household_pk)
    placements = EmploymentPlacement.objects.for_user(request.user).select_related("person", "employer")
    placement = get_object_or_404(placements, pk=pk, person__household=household)
    form = forms.PlacementEndForm(_posted(request))
    if request.method == "GET":
        form.set_token(placement)
    ended = _submit(request, form, lambda **a: placement_end(user=request.user, placement=placement, **a))
    if ended:
        messages.success(request, _("The placement of %(name)s ended on %(date)s.") % {
            "name": placement.person.name, "date": f"{ended.end:%Y-%m-%d}"})
        return _file(household, "#placements-h")
    return _page(request, household, form, title=_("End a job placement"), submit=_("Save the end date"),
                 anchor="#placements-h", record=describe_placement(placement), record_owner=placement.person.name)


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("projects.add_assistancerecord"))
def assistance_new(request, household_pk):
    """Record one act of assistance under one of the household's pairings."""
    household = _household(request, household_pk)
    pairings = list(Pairing.objects.filter(household=household).select_related("cadre__unit").order_by("-start"))
    if not pairings:
        messages.error(request, _("The household has no pairing yet: pair it with a cadre first."))
        return _file(household, "#pairings-h")
    form = forms.AssistanceForm(_posted(request), pairings=pairings)
    record = _submit(request, form, lambda **a: assistance_create(user=request.user, household=household, **a))
    if record:
        messages.success(request, _("Assistance recorded: %(date)s, %(kind)s.") % {
            "date": f"{record.date:%Y-%m-%d}", "kind": record.get_kind_display()})
        return _file(household, "#pairings-h")
    return _page(request, household, form, title=_("Record assistance"), submit=_("Save the record"),
                 anchor="#pairings-h")


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("households.add_incomerecord"))
def income_new(request, household_pk):
    """Record the household's income of a year; net income per member is shown against the line first."""
    household = _household(request, household_pk)
    year = request.GET.get("year", "")
    form = forms.IncomeForm(_posted(request), initial={"year": int(year)} if year.isdigit() and len(year) == 4
                            else None)
    summary = None
    if request.method == "POST" and form.is_valid():
        summary = income_summary(household=household, year=form.cleaned_data["year"], amounts=form.amounts())
    record = None
    if "preview" not in request.POST:
        record = _submit(request, form, lambda **a: income_record_create(user=request.user, household=household, **a))
    if record:
        messages.success(request, income_message(record, summary))
        return _file(household, "#income-h")
    return _page(request, household, form, title=_("Record a year's income"), submit=_("Save the income"),
                 anchor="#income-h", summary=summary, preview=True)


def income_message(record, summary):
    """The message after saving a year's income: net per member against the line."""
    params = {"year": record.year, "per_member": summary.per_member, "line": summary.line}
    if summary.meets_line is None:
        return _("Income of %(year)s recorded.") % params
    if summary.meets_line:
        return _("Income of %(year)s recorded: %(per_member)s yuan per member, at or above the line of "
                 "%(line)s yuan.") % params
    return _("Income of %(year)s recorded: %(per_member)s yuan per member, below the line of %(line)s yuan.") % params


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("households.add_assessment"))
def assessment_new(request, household_pk):
    """Record a 两不愁三保障 assessment: the five checks, and safe drinking water from 2021."""
    household = _household(request, household_pk)
    form = forms.AssessmentForm(_posted(request))
    record = _submit(request, form, lambda **a: assessment_create(user=request.user, household=household, **a))
    if record:
        result = _("all checks met") if record.meets_all else _("not all met")
        messages.success(request, _("Assessment of %(date)s recorded: %(result)s.") % {
            "date": f"{record.date:%Y-%m-%d}", "result": result})
        return _file(household, "#assessment-h")
    return _page(request, household, form, title=_("Record an assessment"), submit=_("Save the assessment"),
                 anchor="#assessment-h")


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("households.change_person"))
def member_edit(request, household_pk, pk):
    """Change a member's labor capacity, health, school stage, insurance, status and phone."""
    household = _household(request, household_pk)
    person = scoped_object_or_404(Person, request.user, pk=pk, household=household)
    form = forms.MemberForm(_posted(request), person=person, user=request.user)
    if request.method == "GET":
        form.set_token(person)
    saved = _submit(request, form, lambda **a: person_update(user=request.user, person=person, **a))
    if saved:
        messages.success(request, _("The details of %(name)s are saved.") % {"name": saved.name})
        return _file(household, "#members-h")
    return _page(request, household, form, title=_("Member details"), submit=_("Save the details"),
                 anchor="#members-h", record=person.name, record_owner=person.get_relation_display())


@require_http_methods(["GET", "POST"])
@staff_view(**_permissions("households.change_household"))
def contact_edit(request, household_pk):
    """Change the household's phone and address."""
    household = _household(request, household_pk)
    form = forms.ContactForm(_posted(request), household=household, user=request.user)
    if request.method == "GET":
        form.set_token(household)
    saved = _submit(request, form, lambda **a: household_contact_update(user=request.user, household=household, **a))
    if saved:
        messages.success(request, _("The contact details are saved."))
        return _file(household, "#basic-h")
    return _page(request, household, form, title=_("Contact details"), submit=_("Save the contact details"),
                 anchor="#basic-h")
