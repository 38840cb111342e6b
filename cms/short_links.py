"""Short links for posters: ``/f/<area>/<CODE>/`` (always unique) and ``/f/<CODE>/`` (when only
one area has that code), each leading to the feedback page for the service."""

from urllib.parse import urlencode

import phonenumbers
from django.db.models import QuerySet
from django.urls import reverse

from coproduce.models import Service

from .models import FeedbackPage


def services_for_code(code: str, *, area_slug: str | None = None) -> QuerySet[Service]:
    """Active services in active areas with this SMS code (any case)."""
    services = Service.objects.active().filter(code=code.strip().upper(), area__is_active=True)
    if area_slug is not None:
        services = services.filter(area__slug=area_slug)
    return services.select_related("area").order_by("area__name")


def short_link_path(service: Service) -> str:
    """The canonical short link: printed posters keep working if another area adds the code."""
    return reverse("cms:short_link", kwargs={"area_slug": service.area.slug, "code": service.code})


def feedback_url(service: Service) -> str | None:
    """Where a service's short link leads, or None while no live feedback page covers it."""
    page = FeedbackPage.for_service(service)
    if page is None:
        return None
    if page.service_id is None:
        # A page where people pick the service: start with this one picked.
        return f"{page.url}?{urlencode({'service': service.code})}"
    return page.url


def display_number(number: str) -> str:
    """``+447700900000`` -> ``07700 900000``, as people would write it on a poster."""
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
