"""The admin base: every changelist, form choice and autocomplete starts from `for_user`."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


def scoped(model, request):
    """The rows of `model` the requesting user may see."""
    manager = model._default_manager
    if hasattr(manager, "for_user"):
        return manager.for_user(request.user)
    return manager.all()


class ScopedFormFieldsMixin:
    """Limit foreign-key choices to rows inside the user's area."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(db_field.related_model, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdmin(ScopedFormFieldsMixin, SimpleHistoryAdmin):
    """A model admin whose changelist shows only the user's area, with per-record history."""

    def get_queryset(self, request):
        qs = scoped(self.model, request)
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs


class ScopedInline(ScopedFormFieldsMixin, admin.TabularInline):
    """An inline showing only rows inside the user's area, each with its parent in the same query."""

    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        parents = [f.name for f in self.model._meta.concrete_fields if f.is_relation and f.many_to_one]
        return scoped(self.model, request).select_related(*parents)
