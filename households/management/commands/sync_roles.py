"""Bring the five role groups' permissions in line with the models (also run after every migrate)."""

from django.core.management.base import BaseCommand

from households.roles import sync_roles


class Command(BaseCommand):
    help = "Create the role groups and set exactly the permissions each role holds."

    def handle(self, *args, **options):
        for role, group in sync_roles().items():
            self.stdout.write(f"{group.name} ({role.value}): {group.permissions.count()} permissions")
