"""Each process's copy of what an area's texts are read against: its services and wording.

Every inbound text needs them, and they change perhaps once a week. ``Area.setup_stamp`` is
renewed whenever one changes (see ``setup_changed``); every text loads its area row anyway,
so a copy kept under the stamp it was read with is known to be current, in every process,
without asking the database again.

Changes must go through ``save()`` or ``delete()`` (the admin does): a queryset ``update()``
sends no signal, so it must call ``setup_changed()`` itself.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_copies: dict[tuple[int, str], tuple[str, object]] = {}


def new_stamp() -> str:
    return uuid.uuid4().hex


def for_area(area, name: str, load: Callable[[], T]) -> T:
    """``load()``'s result for ``area``, reused until the area's setup stamp changes."""
    key = (area.pk, name)
    copy = _copies.get(key)
    if copy is not None and copy[0] == area.setup_stamp:
        return copy[1]
    value = load()
    _copies[key] = (area.setup_stamp, value)
    return value


def setup_changed(**_signal_kwargs) -> None:
    """Renew every area's stamp, so every process reads services and wording afresh.

    All areas, not just the one changed: a service moved between areas changes both, and
    these edits are rare enough that a one-row-per-area update costs nothing.
    """
    from .models import Area

    Area.objects.update(setup_stamp=new_stamp())
    _copies.clear()
