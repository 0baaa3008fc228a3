"""Admin forms of the register: the lost-edit check and masked identifiers."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.template_utils import HistoricalRecordContextHelper

from households.conflicts import record_identifier_conflicts
from households.masking import MASKS, can_see_identifiers
from households.models import IdentifierConflict
from households.versioning import conflict_message, current_token, display_value, edit_tokens

TOKEN = "edit_token"


class TokenField(forms.CharField):
    """The hidden edit token: never a change of the record by itself."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class RegisterAdminForm(forms.ModelForm):
    """A model form carrying the record's edit token; a stale token refuses the save.

    For users who may not see identifiers whole, ID and phone numbers start masked; left as they
    are, the stored number is kept, and a number typed over them replaces it.
    """

    edit_token = TokenField(required=False)

    request_user = None  # set per request by the admin
    token_from_formset = False  # inline rows get their tokens from the formset in one query

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_identifiers = {}
        if self.instance.pk is None:
            return
        if not can_see_identifiers(self.request_user):
            for name, mask in MASKS.items():
                if name in self.fields and getattr(self.instance, name, ""):
                    self.stored_identifiers[name] = getattr(self.instance, name)
                    self.initial[name] = mask(self.stored_identifiers[name])
        if not self.is_bound and not self.token_from_formset:
            self.set_edit_token(edit_tokens(type(self.instance), [self.instance])[self.instance.pk])

    def set_edit_token(self, token):
        """Hand out the token of the record as it is shown."""
        self.initial[TOKEN] = token

    def clean(self):
        cleaned = super().clean()
        for name, stored in self.stored_identifiers.items():
            if cleaned.get(name) == MASKS[name](stored):
                cleaned[name] = stored
        if self.instance.pk is not None and self.needs_version_check():
            model = type(self.instance)
            current = current_token(model, self.instance.pk)
            submitted = cleaned.get(TOKEN) or ""
            if current is not None and submitted != current:
                values = {name: value for name, value in cleaned.items() if name != TOKEN}
                raise forms.ValidationError(
                    conflict_message(model, self.instance.pk, submitted, self.request_user, values), code="stale"
                )
        return cleaned

    def validate_unique(self):
        super().validate_unique()
        if "id_number" in self.fields and self.has_error("id_number", code="unique"):
            # The user is told only that the number is taken; the district administrator sees the rest.
            household = getattr(self.instance, "household", None)
            record_identifier_conflicts(
                user=self.request_user, source=IdentifierConflict.Source.ADMIN,
                attempts=[(self.instance.id_number, getattr(household, "code", ""), type(self.instance).__name__)],
            )

    def needs_version_check(self):
        """The main record is always saved; an inline row only when changed."""
        return not self.token_from_formset or self.has_changed()


class RegisterInlineFormSet(BaseInlineFormSet):
    """An inline formset handing each row its edit token, all in one query."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if not self.is_bound and form.instance.pk is not None:
            form.set_edit_token(self.edit_tokens.get(form.instance.pk, ""))
        return form

    @property
    def edit_tokens(self):
        if not hasattr(self, "_edit_tokens"):
            self._edit_tokens = edit_tokens(self.model, list(self.get_queryset()))
        return self._edit_tokens


class MaskingHistoryHelper(HistoricalRecordContextHelper):
    """History deltas with ID and phone numbers masked for users who may not see them whole."""

    def __init__(self, model, historical_record, *, user, **kwargs):
        super().__init__(model, historical_record, **kwargs)
        self.user = user

    def prepare_delta_change_value(self, change, value):
        """The value as the user reads it: choice labels, yes/no, dates, identifiers masked."""
        value = super().prepare_delta_change_value(change, value)
        if self.model._meta.get_field(change.field).is_relation:
            return value
        return display_value(self.model, change.field, value, self.user)


def masked_display(name):
    """An admin display method showing the masked `name` field of a record."""

    def display(self, obj):
        value = getattr(obj, name, "")
        return MASKS[name](value) if value else ""

    label = {"id_number": _("ID number"), "phone": _("phone"), "birth_date": _("year of birth")}.get(name, name)
    display.short_description = label
    display.__name__ = f"masked_{name}"
    return display
