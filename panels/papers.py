"""Session papers are Wagtail documents kept in a collection only staff can open; members get
them through their own page, which checks they are on the panel."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from coproduce.roles import AREA_ADMIN, PANEL_ORGANISER

from .models import SessionPaper

PAPERS_COLLECTION = "Panel papers"


def papers_collection() -> Collection:
    """The restricted collection, made on first use: Wagtail's own document links then refuse
    anyone but area admins and panel organisers."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PAPERS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PAPERS_COLLECTION)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=[AREA_ADMIN, PANEL_ORGANISER]))
    return collection


def make_private(document) -> None:
    """Move ``document`` into the restricted collection (if it isn't there already)."""
    collection = papers_collection()
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])


def add_paper(*, session, document, title: str = "") -> SessionPaper:
    """Attach ``document`` to ``session``, moving it into the restricted collection."""
    make_private(document)
    return SessionPaper.objects.create(session=session, document=document, title=title)


def paper_for_member(*, person, paper_id: int) -> SessionPaper | None:
    """The paper if ``person`` is a current member of its session's panel."""
    from .models import Membership

    paper = SessionPaper.objects.select_related("session", "document").filter(pk=paper_id).first()
    if paper is None:
        return None
    is_member = (
        Membership.objects.current().filter(panel_id=paper.session.panel_id, person=person).exists()
    )
    return paper if is_member else None
