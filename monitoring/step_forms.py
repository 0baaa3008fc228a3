"""Forms of the procedure: a new case (discovery) and one step of a case.

Each message names its field; the services' own checks (the procedure's table, the dates, the
notice's length, the income check) come back onto the field they concern with `add_service_errors`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from households.models import Household
from monitoring.choices import MAX_RISKS, ClearanceMethod, IdentifiedBy, MonitoringType, RiskCause, Step

from .forms import ServiceErrorsMixin, date_field
from .procedure import STEPS

APPROVED = (("yes", _("Approved")), ("no", _("Not approved")))


def _choice(label, choices, message, required=True):
    return forms.ChoiceField(label=label, required=required, choices=[("", "—"), *choices],
                             error_messages={"invalid_choice": message, "required": message})


class DiscoverForm(ServiceErrorsMixin, forms.Form):
    """A household found at risk: who, how found, its risks (main first) and the date found."""

    household = forms.CharField(
        label=_("household code"), max_length=30,
        error_messages={"required": _("Household code: enter the code of a household in your area."),
                        "max_length": _("Household code: at most %(limit_value)d characters.")},
    )
    monitoring_type = _choice(_("monitoring type"), MonitoringType.choices,
                              _("Monitoring type: choose one from the list."))
    identified_by = _choice(_("how identified"), IdentifiedBy.choices, _("How identified: choose one from the list."))
    discovered_on = date_field(_("date discovered"), _("Date discovered: enter a date as YYYY-MM-DD, such as "
                                                       "2026-11-30."), required=_("Date discovered: enter the date."))
    returned_to_poverty = forms.BooleanField(label=_("returned to poverty"), required=False)
    risk_note = forms.CharField(
        label=_("risk details"), required=False, max_length=200,
        error_messages={"max_length": _("Risk details: at most %(limit_value)d characters (it has %(show_value)d).")},
    )

    field_map = {"type": "monitoring_type", "identified_on": "discovered_on", "risks": "risk_1"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for n in range(1, MAX_RISKS + 1):
            self.fields[f"risk_{n}"] = _choice(
                _("main risk") if n == 1 else _("risk %(n)d") % {"n": n}, RiskCause.choices,
                _("Risk %(n)d: choose one from the list.") % {"n": n}, required=n == 1)
            self.fields[f"risk_{n}_note"] = forms.CharField(
                label=_("note on risk %(n)d") % {"n": n}, required=False, max_length=100,
                error_messages={"max_length": _("Note on risk %(n)d: at most 100 characters.") % {"n": n}})

    def clean_household(self):
        code = self.cleaned_data["household"].strip()
        household = Household.objects.for_user(self.user).filter(code=code).first()
        if household is None:
            raise forms.ValidationError(_("Household code: no household %(code)s in your area.") % {"code": code})
        return household

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for n in range(1, MAX_RISKS + 1):
            risk, note = cleaned.get(f"risk_{n}"), cleaned.get(f"risk_{n}_note")
            if not risk:
                if note:
                    self.add_error(f"risk_{n}", _("Risk %(n)d: choose the risk the note is about.") % {"n": n})
                continue
            if risk in seen:
                self.add_error(f"risk_{n}", _("Risk %(n)d: %(risk)s is named twice.")
                               % {"n": n, "risk": RiskCause(risk).label})
            if risk == RiskCause.OTHER and not note:
                self.add_error(f"risk_{n}_note", _("Note on risk %(n)d: say what the other risk is.") % {"n": n})
            seen.add(risk)
        return cleaned

    def service_arguments(self):
        """The keyword arguments of `monitoring_open_case`."""
        data = self.cleaned_data
        risks = [(data[f"risk_{n}"], data[f"risk_{n}_note"]) for n in range(1, MAX_RISKS + 1) if data.get(f"risk_{n}")]
        return {"household": data["household"], "monitoring_type": data["monitoring_type"],
                "identified_by": data["identified_by"], "discovered_on": data["discovered_on"],
                "returned_to_poverty": data["returned_to_poverty"], "risk_note": data["risk_note"], "risks": risks}


class StepForm(ServiceErrorsMixin, forms.Form):
    """One step of a case: its date, and what the step records (outcome, notice's last day, method)."""

    step = forms.CharField(widget=forms.HiddenInput)
    date = date_field(_("date"), _("Date: enter a date as YYYY-MM-DD, such as 2026-11-30."),
                      required=_("Date: enter the date of the step."))

    field_map = {"notice_start": "date"}

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = STEPS[Step(step)]
        self.fields["step"].initial = self.rule.step.value
        if self.rule.review:
            self.fields["approved"] = forms.ChoiceField(
                label=_("outcome"), choices=APPROVED, widget=forms.RadioSelect,
                error_messages={"required": _("Outcome: say whether the review approves."),
                                "invalid_choice": _("Outcome: choose approved or not approved.")})
        if self.rule.notice:
            self.fields["date"].label = _("notice from")
            self.fields["notice_end"] = date_field(
                _("notice until"), _("Notice until: enter a date as YYYY-MM-DD, such as 2026-11-30."),
                required=_("Notice until: enter the last day of the notice."))
        if self.rule.step == Step.CLEAR_VISIT:
            self.fields["clearance_method"] = _choice(_("how the risk was cleared"), ClearanceMethod.choices,
                                                      _("How the risk was cleared: choose one from the list."))
        self.fields["note"] = forms.CharField(
            label=_("reason risk cleared") if self.rule.step == Step.CLEAR_VISIT else _("note"),
            required=self.rule.step == Step.CLEAR_VISIT, max_length=200,
            error_messages={"required": _("Reason risk cleared: say why the risk is gone."),
                            "max_length": _("Note: at most %(limit_value)d characters (it has %(show_value)d).")})

    def clean_step(self):
        if self.cleaned_data["step"] != self.rule.step.value:
            raise forms.ValidationError(_("Step: the form is for another step; reload the page."))
        return self.rule.step

    def service_arguments(self):
        """The keyword arguments of `monitoring_record_step` (besides user and case)."""
        data = self.cleaned_data
        return {
            "step": self.rule.step, "date": data["date"], "note": data.get("note", ""),
            "approved": None if "approved" not in data else data["approved"] == "yes",
            "notice_end": data.get("notice_end"), "clearance_method": data.get("clearance_method", ""),
        }
