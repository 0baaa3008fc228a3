"""Forms of the monitoring pages: the screening filters, a measure, a clearance.

Every message names its field, in Chinese through the catalogue; the services' own checks (the
model's constraints) come back onto the field they concern with `add_service_errors`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.choices import MeasureCategory
from monitoring.rules import RULES
from pages.filters import YES_NO, DateInput


def date_field(label, invalid, required=None):
    """A YYYY-MM-DD date with its messages; `required` is the message for a missing date (None: optional)."""
    messages = {"invalid": invalid, **({"required": required} if required else {})}
    return forms.DateField(label=label, required=bool(required), widget=DateInput(), input_formats=["%Y-%m-%d"],
                           error_messages=messages)


class ScreeningFilterForm(forms.Form):
    """Narrow the screening list to one rule, or to households already under monitoring or not."""

    rule = forms.ChoiceField(
        label=_("Screening rule"), required=False,
        choices=[("", _("All")), *((rule.key, rule.label) for rule in RULES)],
        error_messages={"invalid_choice": _("Screening rule: choose one from the list.")},
    )
    monitored = forms.ChoiceField(
        label=_("Already under monitoring"), required=False, choices=[("", _("All")), *YES_NO],
        error_messages={"invalid_choice": _("Already under monitoring: choose yes, no or all.")},
    )

    def value(self, name):
        """The cleaned value of a filter, or "" when it is missing or wrong."""
        self.is_valid()
        return self.cleaned_data.get(name, "")


class ServiceErrorsMixin:
    """Put a service's ValidationError (model field names) onto this form's fields."""

    field_map = {}

    def add_service_errors(self, error):
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, errors in error.error_dict.items():
            target = self.field_map.get(field, field)
            messages = [message for item in errors for message in item.messages]
            self.add_error(target if target in self.fields else None, messages)


class MeasureForm(ServiceErrorsMixin, forms.Form):
    """A measure: its national category and responsible cadre, and one of the household's records of
    help or a measure described in words with dates."""

    category = forms.ChoiceField(
        label=_("category of measure"), choices=[("", "—"), *MeasureCategory.choices],
        error_messages={"required": _("Category of measure: choose one from the list."),
                        "invalid_choice": _("Category of measure: choose one from the list.")},
    )
    cadre = forms.ChoiceField(
        label=_("responsible cadre"), required=False,
        error_messages={"invalid_choice": _("Responsible cadre: choose one of the household's paired cadres.")},
    )
    link = forms.ChoiceField(
        label=_("Linked record"), required=False,
        error_messages={"invalid_choice": _("Linked record: choose one of this household's records.")},
    )
    description = forms.CharField(
        label=_("measure"), required=False, max_length=200,
        error_messages={"max_length": _("Measure: at most %(limit_value)d characters (it has %(show_value)d).")},
    )
    start = date_field(_("start date"), _("Start date: enter a date as YYYY-MM-DD, such as 2021-06-30."))
    end = date_field(_("end date"), _("End date: enter a date as YYYY-MM-DD, such as 2021-06-30."))

    field_map = {"placement": "link", "pairing": "link", "household_project": "link",
                 "industry_benefit": "link", "assistance": "link", "kind": "link"}

    def __init__(self, *args, records, cadres=(), **kwargs):
        """`records` is [(group label, [(value, label, record)])] of the household's linkable records;
        `cadres` the cadres the responsible cadre is chosen from."""
        super().__init__(*args, **kwargs)
        self.cadres = {str(cadre.pk): cadre for cadre in cadres}
        self.fields["cadre"].choices = [
            ("", "—"), *((key, f"{cadre.name}（{cadre.unit.name}）") for key, cadre in self.cadres.items())]
        self.records = {value: record for _group, options in records for value, _label, record in options}
        self.fields["link"].choices = [
            ("", _("None: the measure described below")),
            *((group, [(value, label) for value, label, _record in options]) for group, options in records),
        ]

    def clean(self):
        cleaned = super().clean()
        link, start, end = cleaned.get("link"), cleaned.get("start"), cleaned.get("end")
        if link:
            if start or end:
                self.add_error("start", _("Start and end dates: leave them empty for a linked record, "
                                          "whose own dates count."))
        elif "link" not in self.errors:
            if not cleaned.get("description") and "description" not in self.errors:
                self.add_error("description", _("Measure: choose a linked record or describe the measure."))
            if not start and "start" not in self.errors:
                self.add_error("start", _("Start date: enter the date the measure started."))
        if start and end and end < start:
            self.add_error("end", _("End date: it cannot be before the start date."))
        return cleaned

    def service_arguments(self):
        """The keyword arguments of `monitoring_add_measure` for the cleaned form."""
        data = self.cleaned_data
        common = {"category": data["category"], "cadre": self.cadres.get(data["cadre"])}
        link = data["link"]
        if link:
            kind = link.split(":", 1)[0]
            return {**common, kind: self.records[link], "description": data["description"]}
        return {**common, **{key: data[key] for key in ("description", "start", "end")}}
