from django.apps import AppConfig


class PagesConfig(AppConfig):
    """No models: the staff pages' building blocks and their template filters ({% load formats %})."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "pages"
