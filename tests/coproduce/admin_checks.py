"""Shared checks for the admin screen tests."""

import re

from django.urls import reverse


def assert_refused(response):
    """Wagtail turns a PermissionDenied in an admin view into a redirect to the dashboard."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


def menu_urls(client) -> set[str]:
    """The admin URLs linked from the dashboard, menu included."""
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    return set(re.findall(r"/admin/[a-z_-]+/", content))


def person_form(area, **overrides):
    data = {
        "area": area.pk,
        "display_name": "Sam",
        "is_cohort_member": "on",
        "phone": "",
        "email": "",
        "preferred_contact": "sms",
        "language": "en-gb",
    }
    data.update(overrides)
    return data
