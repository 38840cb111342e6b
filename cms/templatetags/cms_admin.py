from django import template
from django.urls import reverse

from coproduce.models import Service

from ..short_links import short_link_path

register = template.Library()


@register.filter
def poster_links(page) -> list[tuple[Service, str, str]]:
    """(service, poster URL, short link) for each service a feedback page covers."""
    if not getattr(page, "pk", None) or not page.area_id:
        return []
    if page.service_id:
        services = [page.service]
    else:
        services = list(Service.objects.filter(area_id=page.area_id).active().order_by("name"))
    return [
        (
            service,
            reverse("cms:poster", kwargs={"area_slug": page.area.slug, "code": service.code}),
            short_link_path(service),
        )
        for service in services
    ]
