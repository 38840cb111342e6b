"""``python manage.py demo_otp USER``: the current sign-in code for a demo user's app.

Saves copying demo TOTP keys into a phone. Reads the device and changes nothing. Refuses under
production settings, like seed_demo.
"""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.models import StaticToken

from coproduce.demo import confirmed_app_device, current_code, refuse_in_production
from coproduce.models import User


class Command(BaseCommand):
    help = (
        "Print the current 6-digit code from a demo user's authenticator app (made by "
        "seed_demo), and how long it stays valid. Refuses under production settings."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="A demo user, e.g. coordinator.")
        parser.add_argument(
            "--backup-codes",
            action="store_true",
            help="Also list the user's unused backup codes.",
        )

    def handle(self, *args, username: str, backup_codes: bool, **options) -> None:
        refuse_in_production("demo_otp")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"There is no user called {username!r}. Check the spelling, or run "
                "`python manage.py seed_demo` to create the demo users."
            )
        device = confirmed_app_device(user)
        if device is None:
            raise CommandError(
                f"{username} has no confirmed authenticator app, so there is no code to show. "
                "Run `python manage.py seed_demo` to give the demo users one."
            )

        current = current_code(device)
        # The code alone on the first line, so scripts can take it with `head -1`.
        self.stdout.write(current.code)
        seconds = f"{current.seconds_left} second{'s' if current.seconds_left != 1 else ''}"
        if current.already_used:
            self.stdout.write(
                f"{username} has already signed in with this code. The next one comes in {seconds}."
            )
        else:
            self.stdout.write(f"Code for {username}, valid for another {seconds}.")

        if backup_codes:
            tokens = StaticToken.objects.filter(device__user=user, device__confirmed=True)
            codes = list(tokens.order_by("pk").values_list("token", flat=True))
            self.stdout.write(
                "Backup codes (each works once): " + (", ".join(codes) if codes else "none left")
            )
