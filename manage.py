#!/usr/bin/env python
"""Django's command-line utility, with one-line errors for the failures a user can fix."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reactions.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"error: configuration: {exc}")
    except OperationalError as exc:
        from reactions.lib.env import describe_database_error

        sys.exit(f"error: {describe_database_error(exc)}")


if __name__ == "__main__":
    main()
