"""Wagtail hook functions for two-step sign-in. coproduce/wagtail_hooks.py registers them."""

from django.urls import reverse


def backup_codes_account_menu_item(request) -> dict[str, str]:
    """A "More actions" entry on the Wagtail account page for making new backup codes."""
    return {
        "url": reverse("two_factor:backup_codes"),
        "label": "Backup codes",
        "help_text": "Make new backup codes if you have lost yours or used most of them.",
    }
