"""Password rules with messages the district office reads in Chinese."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule; its Chinese catalogue lacks the message of Django 5.2."""

    def get_error_message(self):
        return _("This password is too short: use at least %(min_length)s characters.") % {
            "min_length": self.min_length}

    def get_help_text(self):
        return _("Your password must contain at least %(min_length)s characters.") % {
            "min_length": self.min_length}
