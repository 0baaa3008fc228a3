"""Prepare an empty register for a first look: demo data and an administrator."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from households.models import Household, Township


class Command(BaseCommand):
    help = "Load the area and demo fixtures into an empty register and create the `admin` account."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Load the areas only, not the demo households.")

    def handle(self, *args, no_demo=False, **options):
        with transaction.atomic():
            if not Township.objects.exists():
                call_command("loaddata", "areas", verbosity=0)
                self.stdout.write("Loaded fixtures/areas.json.")
            if not no_demo and not Household.objects.exists():
                call_command("loaddata", "demo", verbosity=0)
                self.stdout.write("Loaded fixtures/demo.json.")
            user_model = get_user_model()
            if not user_model.objects.filter(is_superuser=True).exists():
                password = secrets.token_urlsafe(12)
                user_model.objects.create_superuser("admin", "", password)
                self.stdout.write(self.style.SUCCESS(
                    f"Created the administrator account.\n  user: admin\n  password: {password}\n"
                    "This password is shown once; change it with `manage.py changepassword admin`."
                ))
