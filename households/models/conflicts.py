"""Refused attempts to put on the register an ID number that another person already holds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households.area import Area


class IdentifierConflictQuerySet(models.QuerySet):
    def for_user(self, user):
        """The whole district's conflicts for a district account; none for any other."""
        return self.all() if Area.of_user(user).is_district else self.none()


class IdentifierConflict(models.Model):
    """One refused attempt: the user was told only that the number is already on the register (naming no
    area or household); the district administrator sees here who tried, when, where and which person
    holds the number."""

    class Source(models.TextChoices):
        ADMIN = "admin", _("administration pages")
        IMPORT = "import", _("workbook import")

    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("account"),
    )
    source = models.CharField(_("where"), max_length=10, choices=Source.choices)
    id_number = models.CharField(_("ID number"), max_length=18)
    holder = models.ForeignKey(
        "households.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("person holding the number"),
    )
    attempted_household = models.CharField(_("household code given"), max_length=30, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = IdentifierConflictQuerySet.as_manager()

    class Meta:
        ordering = ["-attempted_at", "-pk"]
        verbose_name = _("ID-number conflict")
        verbose_name_plural = _("ID-number conflicts")

    def __str__(self):
        return f"{self.attempted_at:%Y-%m-%d %H:%M} {self.get_source_display()}"
