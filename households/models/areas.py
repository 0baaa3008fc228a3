from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from households.area import Area
from households.choices import VillagePovertyStatus
from households.roles import DISTRICT_ROLES, Role, assign_role

from .scoping import ScopedQuerySet


class TownshipQuerySet(models.QuerySet):
    def for_area(self, area):
        """Townships an area reaches: all, its own, or the one holding its village."""
        return self.filter(area.townships_q())

    def for_user(self, user):
        """Townships the user may see."""
        return self.for_area(Area.of_user(user))


class Township(models.Model):
    """A township or street (乡镇/街道) of the district."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    objects = TownshipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("township")
        verbose_name_plural = _("townships")

    def __str__(self):
        return self.name


class VillageQuerySet(ScopedQuerySet):
    village_path = ""


class Village(models.Model):
    """A village or community (行政村/社区) within a township."""

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="villages", verbose_name=_("township")
    )
    code = models.CharField(_("code"), max_length=15, unique=True)
    name = models.CharField(_("name"), max_length=50)
    poverty_status = models.CharField(
        _("poverty village status"),
        max_length=12,
        choices=VillagePovertyStatus.choices,
        default=VillagePovertyStatus.NONE,
    )
    delisted_year = models.PositiveSmallIntegerField(_("year delisted"), null=True, blank=True)

    objects = VillageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="village_name_unique_in_township",
                violation_error_message=_("This township already has a village of that name."),
            ),
        ]

    def __str__(self):
        return f"{self.township.name}{self.name}"


class StaffProfile(models.Model):
    """The area a staff account works in: the district (both empty), a township or a village."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("township")
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("village")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.LEADER,
        help_text=_("District roles have no township or village; township staff name a township; "
                    "village staff a village."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff area")
        verbose_name_plural = _("staff areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(village__isnull=True) | Q(township__isnull=False),
                name="staff_village_needs_township",
                violation_error_message=_("Choose the township of the village as well."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=sorted(DISTRICT_ROLES), township__isnull=True)
                | Q(role=Role.TOWNSHIP_STAFF, township__isnull=False, village__isnull=True)
                | Q(role=Role.VILLAGE_STAFF, village__isnull=False)
                | Q(role=Role.LEADER),
                name="staff_role_matches_area",
                violation_error_message=_("The area does not fit the role."),
            ),
        ]

    def __str__(self):
        return str(self.area_name)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        assign_role(self.user, self.role)

    def delete(self, *args, **kwargs):
        assign_role(self.user, None)
        return super().delete(*args, **kwargs)

    @property
    def area_name(self):
        """The name of the area this account works in."""
        if self.village_id:
            return str(self.village)
        if self.township_id:
            return self.township.name
        return _("Shuangta District")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.village_id and self.township_id and self.village.township_id != self.township_id:
            raise ValidationError({"village": _("The village is not in the chosen township.")})
        if self.village_id and not self.township_id:
            self.township_id = self.village.township_id
        if self.role in DISTRICT_ROLES and (self.township_id or self.village_id):
            raise ValidationError({"township": _("A district account works for the whole district: "
                                                 "leave the township and village empty.")})
        if self.role == Role.TOWNSHIP_STAFF and not self.township_id:
            raise ValidationError({"township": _("Township staff need their township.")})
        if self.role == Role.TOWNSHIP_STAFF and self.village_id:
            raise ValidationError({"village": _("Township staff work for the whole township: "
                                                "leave the village empty.")})
        if self.role == Role.VILLAGE_STAFF and not self.village_id:
            raise ValidationError({"village": _("Village staff need their village.")})
