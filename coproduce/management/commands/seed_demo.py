"""``python manage.py seed_demo``: load the fictional demo partnership for a local site.

The core may not import any other app, so each app brings its own demo data. The contract:

- An app that has demo data has a ``demo`` module (``<app>/demo.py``) with a function
  ``seed(*, stdout: OutputWrapper) -> None``.
- seed_demo imports every installed app's ``demo`` module in INSTALLED_APPS order (the core
  first, then sms, panels, surveys, cms) and calls ``seed``. A later app's ``seed`` may look up
  rows an earlier one made, by their natural keys; an earlier one never depends on a later one.
- ``seed`` must be idempotent: find each row by a natural key (get_or_create, or look up then
  save only what differs), so a second run creates nothing and changes nothing.
- ``seed`` must be deterministic: any randomness comes from ``random.Random(<fixed seed>)``,
  never the global ``random``.
- Everything is invented: no real names, and phone numbers only from Ofcom's drama range
  (+447700900000 to +447700900999; see ``coproduce.demo.drama_number``).
- ``seed`` sends nothing (no SMS, email or network calls) and writes a short summary line to
  ``stdout``.

All the seeds run in one transaction, so if one fails nothing is saved. The command refuses
to run under production settings (``settings.IS_PRODUCTION``) and changes nothing there.
At the end it prints the demo staff sign-ins; ``python manage.py demo_otp <username>`` gives
the current second-factor code for any of them.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from coproduce.demo import DEMO_PASSWORD, DEMO_STAFF, refuse_in_production

DEMO_MODULE = "demo"


def demo_modules() -> list[ModuleType]:
    """Each installed app's ``demo`` module, in INSTALLED_APPS order.

    Like Django's ``autodiscover_modules``: an app without one is skipped, but an error while
    importing one that exists is raised, not hidden.
    """
    return [
        import_module(f"{app_config.name}.{DEMO_MODULE}")
        for app_config in apps.get_app_configs()
        if module_has_submodule(app_config.module, DEMO_MODULE)
    ]


class Command(BaseCommand):
    help = (
        "Load the fictional demo partnership (areas, services, people, staff sign-ins) from "
        "every app's demo module. Safe to run again. Refuses under production settings."
    )

    def handle(self, *args, **options) -> None:
        refuse_in_production("seed_demo")
        modules = demo_modules()
        for module in modules:
            if not callable(getattr(module, "seed", None)):
                raise CommandError(
                    f"{module.__name__} has no seed(*, stdout) function; see the seed_demo "
                    "docstring for what a demo module must provide."
                )
        with transaction.atomic():
            for module in modules:
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self._write_sign_ins()

    def _write_sign_ins(self) -> None:
        header = ("Username", "Role", "Areas", "Password")
        rows = [(spec.username, spec.role, spec.areas_label, DEMO_PASSWORD) for spec in DEMO_STAFF]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(4)]

        def line(cells) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        self.stdout.write("")
        self.stdout.write("Demo sign-ins (local use only; every one has the same password):")
        self.stdout.write("")
        self.stdout.write(line(header).rstrip())
        self.stdout.write(line("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("")
        self.stdout.write(
            "Second step: run `python manage.py demo_otp <username>` for the current 6-digit "
            "code, or add `--backup-codes` to list that user's backup codes."
        )
