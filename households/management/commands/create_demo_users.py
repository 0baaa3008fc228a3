"""Create one demo account per role for the demo areas and print their passwords (DEBUG only)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from households.models import StaffProfile, Township, Village
from households.roles import Role

# (username, role, township name, village name): the areas of fixtures/areas.json.
DEMO_ACCOUNTS = (
    ("demo_admin", Role.DISTRICT_ADMIN, None, None),
    ("demo_district", Role.DISTRICT_STAFF, None, None),
    ("demo_township", Role.TOWNSHIP_STAFF, "长宝营子乡", None),
    ("demo_village", Role.VILLAGE_STAFF, "长宝营子乡", "长宝营子村"),
    ("demo_leader", Role.LEADER, None, None),
)


class Command(BaseCommand):
    help = "Create (or reset) one demo account per role and print the passwords. Refuses unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_users only runs with DEBUG=1: accounts with printed passwords do not belong "
                "on a production server."
            )
        with transaction.atomic():
            rows = [self.create(*account) for account in DEMO_ACCOUNTS]
        self.stdout.write(self.style.SUCCESS("Demo accounts (running this again sets new passwords):"))
        for username, password, role, area in rows:
            self.stdout.write(f"  {username:<14} {password:<18} {role} · {area}")

    def create(self, username, role, township_name, village_name):
        township = village = None
        try:
            if township_name:
                township = Township.objects.get(name=township_name)
            if village_name:
                village = Village.objects.get(township=township, name=village_name)
        except (Township.DoesNotExist, Village.DoesNotExist) as missing:
            raise CommandError("Load the areas first: `manage.py bootstrap` (or `make run`).") from missing
        user, _created = get_user_model().objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = False
        user.is_active = True
        user.save()
        profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
        profile.role, profile.township, profile.village = role, township, village
        profile.full_clean()
        profile.save()
        return username, password, Role(role).label, profile.area_name
