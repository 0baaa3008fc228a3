"""Forms of the recording pages: what a clerk types, parsed with messages that quote the refused value.

The rules live in the services (`households/services.py`, `projects/services.py`); a form only reads
the input, and puts the services' errors and doubts back onto its fields (`RecordForm`).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.choices import Health, LaborCapacity, PersonStatus, SchoolStage
from households.masking import MASKS, can_see_identifiers
from households.models.household import validate_phone
from households.services import INCOME_FIELDS
from households.validators import FIRST_REGISTER_YEAR
from households.versioning import edit_tokens
from projects.choices import AssistanceKind, Channel

MONEY_MESSAGES = {
    "required": _("Enter an amount in yuan."),
    "invalid": _("“%(value)s” is not an amount: enter yuan such as 1200 or 1200.50."),
    "min_value": _("%(value)s is negative: amounts cannot be negative."),
    "max_decimal_places": _("%(value)s has more than 2 decimal places."),
    "max_digits": _("%(value)s is too large."),
    "max_whole_digits": _("%(value)s is too large."),
}
DATE_MESSAGES = {
    "required": _("Enter a date."),
    "invalid": _("“%(value)s” is not a date: enter it as YYYY-MM-DD, such as 2020-10-31."),
}
CHOICE_MESSAGES = {
    "required": _("Choose one."),
    "invalid_choice": _("“%(value)s” is not one of the choices."),
}
TEXT_MESSAGES = {
    "required": _("Fill this in."),
    "max_length": _("At most %(limit_value)d characters (this has %(show_value)d)."),
}
PHONE_MESSAGES = {
    **TEXT_MESSAGES,
    "phone": _("“%(value)s” is not a phone number: enter an 11-digit mobile number or a landline such as "
               "0421-2812345."),
}
YES_NO = (("yes", _("Yes")), ("no", _("No")))


class QuotingMixin:
    """A field whose "invalid" message quotes the value typed (Django's own does not)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:
            if getattr(exc, "code", None) != "invalid":
                raise
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": str(value)[:40]}) from exc


class DateField(QuotingMixin, forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *, label, required=True, **kwargs):
        super().__init__(label=label, required=required, input_formats=["%Y-%m-%d"],
                         error_messages=DATE_MESSAGES, **kwargs)


class MoneyField(QuotingMixin, forms.DecimalField):
    def __init__(self, *, label, required=True, **kwargs):
        super().__init__(label=label, required=required, min_value=0, max_digits=12, decimal_places=2,
                         error_messages=MONEY_MESSAGES, **kwargs)
        self.widget.attrs.update(inputmode="decimal", step="0.01", min="0")


class YearField(QuotingMixin, forms.IntegerField):
    default_error_messages = {
        "invalid": _("“%(value)s” is not a year: enter four digits such as 2020."),
        "required": _("Enter the year."),
    }

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, **kwargs)
        self.widget.attrs.update(inputmode="numeric", min=FIRST_REGISTER_YEAR)


def choice(label, choices, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, error_messages=CHOICE_MESSAGES, **kwargs)


def yes_no(label):
    """A required yes/no question answered with two radio buttons."""
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        error_messages=CHOICE_MESSAGES,
    )


class RecordForm(forms.Form):
    """A recording form: parses input, shows the service's errors on their fields, and asks the clerk to
    confirm the service's doubts with the "save anyway" box (present once there is something to confirm)."""

    field_map = {}  # model field name → form field name, for the services' errors
    confirmable = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = []
        if self.confirmable and self.data.get("confirm"):
            self.fields["confirm"] = self.confirm_field()

    @staticmethod
    def confirm_field():
        return forms.BooleanField(label=_("I have checked: save anyway"), required=False)

    @property
    def confirmed(self):
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("confirm"))

    def ask_to_confirm(self, warnings):
        """Show `warnings` and the box to tick."""
        self.warnings = warnings
        self.fields["confirm"] = self.confirm_field()

    def add_service_errors(self, error):
        """Put a service's ValidationError (model field names) onto this form's fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, errors in error.error_dict.items():
            target = self.field_map.get(field, field)
            messages = [message for item in errors for message in item.messages]
            self.add_error(target if target in self.fields and field != NON_FIELD_ERRORS else None, messages)

    def service_arguments(self):
        """The keyword arguments of the form's service, from the cleaned data."""
        return {name: value for name, value in self.cleaned_data.items() if name != "confirm"}


class PhoneField(forms.CharField):
    """A stored phone number shown masked (139****1234) to a user who may not see it whole: sent back as
    shown, it keeps the stored number; a number typed over it replaces it."""

    def __init__(self, **kwargs):
        super().__init__(label=_("phone"), required=False, max_length=20, validators=[validate_phone],
                         error_messages=PHONE_MESSAGES, **kwargs)
        self.shown = self.stored = None

    def clean(self, value):
        if self.shown and (value or "").strip() == self.shown:
            return self.stored
        return super().clean(value)


class MaskedPhoneMixin(forms.Form):
    """Show the stored phone number as the user may see it."""

    def show_phone(self, user, stored):
        field = self.fields["phone"]
        if stored and not can_see_identifiers(user):
            field.shown, field.stored = MASKS["phone"](stored), stored
        self.initial["phone"] = field.shown or stored or ""


class TokenMixin(forms.Form):
    """An edit form carrying the record's edit token: the service refuses a save from a stale page."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def set_token(self, record):
        self.initial["edit_token"] = edit_tokens(type(record), [record])[record.pk]

    def service_arguments(self):
        arguments = super().service_arguments()
        arguments["token"] = arguments.pop("edit_token")
        return arguments


class PlacementForm(RecordForm):
    person = choice(_("Person"), ())
    channel = choice(_("employment channel"), Channel.choices)
    employer_name = forms.CharField(
        label=_("employer"), required=False, max_length=100, error_messages=TEXT_MESSAGES,
        help_text=_("Pick from the list or type a new name; flexible employment may leave it empty."),
    )
    start = DateField(label=_("start date"))
    end = DateField(label=_("end date"), required=False)
    monthly_income = MoneyField(label=_("monthly income (yuan)"))

    field_map = {"employer": "employer_name"}

    def __init__(self, *args, members, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(person.pk): person for person in members}
        self.fields["person"].choices = [("", "—"), *((str(p.pk), f"{p.name}（{p.get_relation_display()}）")
                                                       for p in members)]
        self.fields["employer_name"].widget.attrs["list"] = "employers"
        self.employers = employers
        self.initial.setdefault("start", timezone.localdate())

    def service_arguments(self):
        arguments = super().service_arguments()
        arguments["person"] = self.members[arguments["person"]]
        return arguments


class PlacementEndForm(TokenMixin, RecordForm):
    end = DateField(label=_("end date"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("end", timezone.localdate())


class AssistanceForm(RecordForm):
    pairing = choice(_("pairing"), ())
    date = DateField(label=_("date"))
    kind = choice(_("kind of assistance"), AssistanceKind.choices)
    amount = MoneyField(label=_("amount (yuan)"), required=False)
    note = forms.CharField(label=_("note"), required=False, max_length=200, error_messages=TEXT_MESSAGES,
                           widget=forms.TextInput)

    def __init__(self, *args, pairings, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairings = {str(pairing.pk): pairing for pairing in pairings}
        self.fields["pairing"].choices = [(str(p.pk), describe_pairing(p)) for p in pairings]
        self.initial.setdefault("date", timezone.localdate())
        self.initial.setdefault("kind", AssistanceKind.VISIT)

    def service_arguments(self):
        arguments = super().service_arguments()
        arguments["pairing"] = self.pairings[arguments["pairing"]]
        return arguments


def describe_pairing(pairing):
    """A pairing in words: cadre, unit, dates."""
    end = f"{pairing.end:%Y-%m-%d}" if pairing.end else _("ongoing")
    return f"{pairing.cadre.name} · {pairing.cadre.unit.name}（{pairing.start:%Y-%m-%d}–{end}）"


class IncomeForm(RecordForm):
    year = YearField(label=_("year"))
    wage_income = MoneyField(label=_("wage income"), required=False)
    business_income = MoneyField(label=_("business income"), required=False)
    property_income = MoneyField(label=_("property income"), required=False)
    transfer_income = MoneyField(label=_("transfer income"), required=False)
    business_costs = MoneyField(label=_("business costs"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", timezone.localdate().year)

    def clean(self):
        cleaned = super().clean()
        for name in INCOME_FIELDS:
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        return cleaned

    def amounts(self):
        return {name: self.cleaned_data[name] for name in INCOME_FIELDS}


class AssessmentForm(RecordForm):
    date = DateField(label=_("assessment date"))
    food = yes_no(_("no worry about food"))
    clothing = yes_no(_("no worry about clothing"))
    education = yes_no(_("compulsory education assured"))
    medical = yes_no(_("basic medical care assured"))
    housing = yes_no(_("safe housing assured"))
    drinking_water = forms.TypedChoiceField(
        label=_("safe drinking water assured"), choices=YES_NO, coerce=lambda value: value == "yes",
        empty_value=None, required=False, widget=forms.RadioSelect, error_messages=CHOICE_MESSAGES,
        help_text=_("Required for assessments from 2021 (the sixth check)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class MemberForm(MaskedPhoneMixin, TokenMixin, RecordForm):
    labor_capacity = choice(_("labor capacity"), LaborCapacity.choices)
    health = choice(_("health"), Health.choices)
    school_stage = choice(_("school stage"), SchoolStage.choices)
    medical_insurance = yes_no(_("basic medical insurance"))
    status = choice(_("status"), PersonStatus.choices)
    phone = PhoneField()

    def __init__(self, *args, person, user, **kwargs):
        initial = {name: getattr(person, name) for name in ("labor_capacity", "health", "school_stage", "status")}
        initial.update(medical_insurance="yes" if person.medical_insurance else "no")
        super().__init__(*args, initial=initial, **kwargs)
        self.show_phone(user, person.phone)


class ContactForm(MaskedPhoneMixin, TokenMixin, RecordForm):
    confirmable = False
    phone = PhoneField()
    address = forms.CharField(label=_("address"), required=False, max_length=200, error_messages=TEXT_MESSAGES)

    def __init__(self, *args, household, user, **kwargs):
        super().__init__(*args, initial={"address": household.address}, **kwargs)
        self.show_phone(user, household.phone)
