#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys
from pathlib import Path


def read_dotenv():
    """Read the development checkout's git-ignored `.env` (written by `make run`) into the environment.

    Variables already set win over it. Only manage.py reads it: the WSGI server takes its settings from
    the real environment, so production still refuses to start without SECRET_KEY and ALLOWED_HOSTS.
    `DOTENV_FILE` names another file.
    """
    from dotenv import load_dotenv

    load_dotenv(os.environ.get("DOTENV_FILE") or Path(__file__).resolve().with_name(".env"), override=False)


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shuangta.settings')
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    read_dotenv()
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
