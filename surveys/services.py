"""Finding which service a text is about: its SMS code, its name or one of its aliases."""

import re
from functools import lru_cache

from coproduce import area_setup
from coproduce.models import Area, Service


def find_service(text: str, *, area: Area) -> tuple[Service | None, str]:
    """The service named in ``text`` and the text without that name.

    The longest matching name wins ("Hope Centre Hostel" over "Hope Centre"). The area's
    active services and their patterns are read once per change (see coproduce.area_setup),
    so an edit in the admin counts at once in every process.
    """
    services, patterns = area_setup.for_area(area, "services", lambda: _load_services(area))
    for pattern, service_pk in patterns:
        if pattern.search(text):
            rest = " ".join(pattern.sub(" ", text, count=1).split())
            return services[service_pk], rest.strip(" ,.:-")
    return None, text


def _load_services(area: Area) -> tuple[dict[int, Service], list[tuple[re.Pattern, int]]]:
    services = {
        service.pk: service for service in Service.objects.filter(area=area, is_active=True)
    }
    names = tuple(
        (service.pk, service.code, service.name, tuple(service.alias_list))
        for service in services.values()
    )
    return services, _patterns(names)


@lru_cache(maxsize=64)
def _patterns(
    names: tuple[tuple[int, str, str, tuple[str, ...]], ...],
) -> list[tuple[re.Pattern, int]]:
    """Compiled patterns for each (pk, code, name, aliases), longest name first.

    Keyed by the services' own words, so an edited service simply gets new patterns.
    """
    candidates: list[tuple[str, int]] = []
    for pk, code, name, aliases in names:
        candidates.append((code, pk))
        candidates.append((name, pk))
        candidates.extend((alias, pk) for alias in aliases)
    candidates.sort(key=lambda item: -len(item[0]))
    return [
        (re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE), pk)
        for word, pk in candidates
    ]
