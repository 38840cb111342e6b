"""Themes on responses: suggested first (by a rule, a model or the demo), confirmed by staff."""

from collections.abc import Iterable

from django.db import transaction

from coproduce.models import Theme

from .models import Response, ResponseTheme


@transaction.atomic
def set_confirmed_themes(*, response: Response, themes: Iterable[Theme], by) -> None:
    """Make ``themes`` exactly the response's themes, all confirmed.

    A theme already confirmed keeps who confirmed it; a suggested one becomes confirmed by
    ``by``; one not in ``themes`` (suggested or confirmed) is removed. The caller checks the
    themes belong to the response's area (the admin form offers only those).
    """
    chosen = {theme.pk: theme for theme in themes}
    response.theme_links.exclude(theme_id__in=chosen).delete()
    existing = {link.theme_id: link for link in response.theme_links.all()}
    for theme_id, theme in chosen.items():
        link = existing.get(theme_id)
        if link is None:
            ResponseTheme.objects.create(
                response=response,
                theme=theme,
                status=ResponseTheme.Status.CONFIRMED,
                confirmed_by=by,
            )
        elif link.status != ResponseTheme.Status.CONFIRMED:
            link.status = ResponseTheme.Status.CONFIRMED
            link.confirmed_by = by
            link.save(update_fields=["status", "confirmed_by", "updated_at"])
