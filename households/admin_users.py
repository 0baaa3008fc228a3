"""Accounts in the admin: each user's role and area on the user's own page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from households.admin_site import PostAutocompleteFields
from households.models import StaffProfile

User = get_user_model()


class StaffProfileInline(PostAutocompleteFields, admin.StackedInline):
    model = StaffProfile
    fields = ("role", "township", "village")
    autocomplete_fields = ("township", "village")
    can_delete = False
    min_num = 0
    max_num = 1
    verbose_name = _("role and area")
    verbose_name_plural = _("role and area")


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = (StaffProfileInline,)
    list_display = ("username", "full_name", "role", "area", "is_active", "is_staff", "last_login")
    list_filter = ("staff_profile__role", "is_active", "is_staff", "is_superuser")
    list_select_related = ("staff_profile", "staff_profile__township", "staff_profile__village",
                           "staff_profile__village__township")

    @admin.display(description=_("Full name"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name() or "—"

    @admin.display(description=_("role"), ordering="staff_profile__role")
    def role(self, user):
        profile = getattr(user, "staff_profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description=_("area"))
    def area(self, user):
        profile = getattr(user, "staff_profile", None)
        return profile.area_name if profile else "—"
