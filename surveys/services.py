"""Finding which service a text is about: its SMS code, its name or one of its aliases."""

import re

from coproduce.models import Area, Service


def find_service(text: str, *, area: Area) -> tuple[Service | None, str]:
    """The service named in ``text`` and the text without that name.

    The longest matching name wins ("Hope Centre Hostel" over "Hope Centre").
    """
    candidates: list[tuple[str, Service]] = []
    for service in Service.objects.filter(area=area, is_active=True):
        candidates.append((service.code, service))
        candidates.append((service.name, service))
        candidates.extend((alias, service) for alias in service.alias_list)
    candidates.sort(key=lambda item: -len(item[0]))
    for name, service in candidates:
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        if pattern.search(text):
            rest = " ".join(pattern.sub(" ", text, count=1).split())
            return service, rest.strip(" ,.:-")
    return None, text
