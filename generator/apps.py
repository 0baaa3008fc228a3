from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeneratorConfig(AppConfig):
    """The synthetic district: used by `generate_district`, the tests and bench/, imported by nothing else."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "generator"
    verbose_name = _("Synthetic district")
