"""The admin base: every changelist, form choice, filter, autocomplete and history page starts from
`for_user`; every form carries the lost-edit check; identifiers are masked for those who may not see them.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from households.admin_forms import (
    TOKEN,
    MaskingHistoryHelper,
    RegisterAdminForm,
    RegisterInlineFormSet,
    masked_display,
)
from households.admin_site import PostAutocompleteFields
from households.area import Area
from households.masking import MASKS, can_see_identifiers, touches_hidden_field
from households.models.scoping import can_change_in_area
from households.search_terms import MAX_LENGTH, TOKEN_VAR, redirect_hidden_term, search_term

# Masked fields that are never edited in a form: shown masked to every user without the right.
ALWAYS_READ_ONLY = frozenset({"birth_date"})


def scoped(model, request):
    """The rows of `model` the requesting user may see (district-wide lists: any account with an area)."""
    manager = model._default_manager
    if hasattr(manager, "for_user"):
        return manager.for_user(request.user)
    return manager.none() if Area.of_user(request.user).is_nowhere else manager.all()


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-object filter offering only the objects inside the user's area."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        rows = scoped(field.related_model, request)
        if ordering:
            rows = rows.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in rows]


class MaskedLookupsMixin:
    """Refuse query-string lookups reading ID numbers, phones or birth dates to users who see them
    masked (`?id_number__startswith=2113021974` would answer digit by digit): 400 in the admin."""

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and not can_see_identifiers(request.user) and touches_hidden_field(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


class ScopedFormFieldsMixin(PostAutocompleteFields):
    """Scope foreign-key and many-to-many choices; mask identifiers; hand out edit tokens."""

    form = RegisterAdminForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(db_field.related_model, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(db_field.related_model, request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        """Change only what lies in the user's area (a district project is read-only to a village);
        for an inline, `obj` is the parent record."""
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_change_in_area(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_change_in_area(request.user, obj))

    def can_edit(self, request, obj):
        """Whether the form for `obj` (None: a new record) is editable for this request."""
        return self.has_add_permission(request) if obj is None else self.has_change_permission(request, obj)

    def shows_masked(self, request, obj):
        """Whether identifiers are shown read-only and masked (view-only users without the right)."""
        return not can_see_identifiers(request.user) and not self.can_edit(request, obj)

    def masked_fields(self, request, obj):
        """The fields shown as masked displays: the birth date (never editable) for every user without
        the right, ID and phone numbers too on read-only pages."""
        if can_see_identifiers(request.user):
            return frozenset()
        return frozenset(MASKS) if self.shows_masked(request, obj) else ALWAYS_READ_ONLY

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        editable = self.can_edit(request, obj)
        masked = self.masked_fields(request, obj)

        seen = set()

        def shown(field):
            if isinstance(field, list | tuple):  # several fields on one line
                return tuple(shown(f) for f in field)
            return f"masked_{field}" if field in masked else field

        def first_time(field):
            # Default fieldsets list readonly fields after the form's: a masked field would come twice.
            fresh = field not in seen
            seen.add(field)
            return fresh and field != TOKEN

        result = [
            (name, {**options, "fields": [f for f in map(shown, options.get("fields", ())) if first_time(f)]})
            for name, options in fieldsets
        ]
        if editable and result:
            name, options = result[-1]
            result[-1] = (name, {**options, "fields": [*options["fields"], TOKEN]})
        return result

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        masked = self.masked_fields(request, obj)
        names = {field.name for field in self.model._meta.get_fields()}
        readonly += [f"masked_{name}" for name in masked if name in names and f"masked_{name}" not in readonly]
        return readonly

    masked_id_number = masked_display("id_number")
    masked_phone = masked_display("phone")
    masked_birth_date = masked_display("birth_date")
    masked_disability_certificate = masked_display("disability_certificate")


class HiddenSearchChangeList(ChangeList):
    """A changelist whose search term may come from a session token (`?qt=`) instead of `?q=`."""

    def __init__(self, request, *args, **kwargs):
        self.hidden_term, expired = search_term(request) if TOKEN_VAR in request.GET else (None, False)
        if expired:
            messages.warning(request, _("That search has expired: type it again."))
        super().__init__(request, *args, **kwargs)

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:  # a date_hierarchy year beyond any date (?start__year=99999999999)
            raise IncorrectLookupParameters(error) from error

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(TOKEN_VAR, None)
        return lookup_params

    def get_queryset(self, request, exclude_parameters=None):
        if self.hidden_term is not None:
            self.query = self.hidden_term[:MAX_LENGTH]
        return super().get_queryset(request, exclude_parameters)


class ScopedAdmin(MaskedLookupsMixin, ScopedFormFieldsMixin, SimpleHistoryAdmin):
    """A model admin whose changelist shows only the user's area, with per-record history."""

    hides_search_terms = True  # the search form posts to `search` (templates/admin/search_form.html)

    def get_changelist(self, request, **kwargs):
        return HiddenSearchChangeList

    def changelist_view(self, request, extra_context=None):
        hidden = redirect_hidden_term(request)
        if hidden is not None:
            return hidden
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        qs = scoped(self.model, request)
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user
        return form

    def get_list_display(self, request):
        names = super().get_list_display(request)
        if can_see_identifiers(request.user):
            return names
        return [f"masked_{name}" if name in MASKS else name for name in names]


    def get_list_filter(self, request):
        return [self._scoped_filter(entry) for entry in super().get_list_filter(request)]

    def _scoped_filter(self, entry):
        if not isinstance(entry, str):
            return entry
        field = get_fields_from_path(self.model, entry)[-1]
        if field.is_relation and (field.many_to_one or field.many_to_many):
            return (entry, ScopedRelatedFieldListFilter)
        return entry

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_area(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied  # reverting is off: it would overwrite without the lost-edit check
        self._require_in_area(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_in_area(self, request, object_id):
        """404 for a record outside the user's area (district accounts also read deleted records)."""
        area = Area.of_user(request.user)
        if area.is_nowhere:
            raise Http404
        if not area.is_district and self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def get_historical_record_context_helper(self, request, historical_record):
        return MaskingHistoryHelper(self.model, historical_record, user=request.user)


class ScopedInline(ScopedFormFieldsMixin, admin.TabularInline):
    """An inline showing only rows inside the user's area, each with its parent in the same query."""

    extra = 0
    show_change_link = True
    formset = RegisterInlineFormSet

    def get_queryset(self, request):
        parents = [f.name for f in self.model._meta.concrete_fields if f.is_relation and f.many_to_one]
        return scoped(self.model, request).select_related(*parents)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.request_user = request.user
        formset.form.token_from_formset = True
        return formset

    def can_edit(self, request, obj):
        # `obj` is the parent: on its add page every row is new.
        return self.has_add_permission(request, obj) if obj is None else self.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or can_change_in_area(request.user, obj))
