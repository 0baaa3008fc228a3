"""The register's admin site: pickers (autocomplete) that take what is typed by POST and describe each
choice well enough to pick the right household or person."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.http import JsonResponse

from households.search_terms import MAX_LENGTH, needs_hiding


def post_js():
    """The script sending the CSRF token with the pickers' posts, after jQuery and the admin's
    jquery.init.js (django.jQuery) whatever the other widgets' media (the same jQuery file as Django's)."""
    jquery = "admin/js/vendor/jquery/jquery%s.js" % ("" if settings.DEBUG else ".min")
    return forms.Media(js=[jquery, "admin/js/jquery.init.js", "js/admin_autocomplete_post.js"])


class PostAutocompleteMixin:
    """An admin picker that sends what is typed in the body of a POST, never in the URL."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-ajax--type"] = "POST"
        return attrs

    @property
    def media(self):
        return super().media + post_js()


class PostAutocompleteSelect(PostAutocompleteMixin, AutocompleteSelect):
    pass


class PostAutocompleteSelectMultiple(PostAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class PostAutocompleteFields:
    """Admin and inline mixin: the `autocomplete_fields` are drawn as pickers that POST what is typed."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PostAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PostAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RegisterAutocompleteView(AutocompleteJsonView):
    """The pickers' search: by POST (a GET with a number in it finds nothing), each result labelled by the
    model admin's `autocomplete_label(request, obj)` where it has one."""

    def post(self, request, *args, **kwargs):
        # The view reads its parameters (term, page, field) from request.GET: give it the form's.
        request.GET = request.POST.copy()
        return self.get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        term = request.GET.get("term", "")
        if (request.method == "GET" and needs_hiding(term)) or "\x00" in term or len(term) > MAX_LENGTH:
            return JsonResponse({"results": [], "pagination": {"more": False}})
        return super().get(request, *args, **kwargs)

    def serialize_result(self, obj, to_field_name):
        label = getattr(self.model_admin, "autocomplete_label", None)
        text = label(self.request, obj) if label else str(obj)
        return {"id": str(getattr(obj, to_field_name)), "text": text}


class RegisterAdminSite(admin.AdminSite):
    """The default admin site of the project (households.apps.RegisterAdminConfig)."""

    def autocomplete_view(self, request):
        return RegisterAutocompleteView.as_view(admin_site=self)(request)
