from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from coproduce.models import Theme
from surveys.models import Response

STARTER = {
    "respect-and-dignity",
    "being-listened-to",
    "access-and-waiting",
    "housing",
    "mental-health-access",
    "substance-use-services",
    "benefits-and-money",
    "criminal-justice",
    "staff-attitude",
    "safety",
    "communication",
    "joined-up-working",
}


def test_no_model_change_is_missing_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_starter_themes_are_shared_by_every_area(db):
    shared = set(Theme.objects.filter(area__isnull=True).values_list("slug", flat=True))
    assert shared >= STARTER


def test_an_area_can_add_its_own_theme_alongside_the_shared_ones(db, area, other_area):
    Theme.objects.create(name="Dogs in hostels", slug="dogs-in-hostels", area=area)
    assert Theme.objects.for_area(area).filter(slug="dogs-in-hostels").exists()
    assert not Theme.objects.for_area(other_area).filter(slug="dogs-in-hostels").exists()
    assert Theme.objects.for_area(other_area).filter(slug="housing").exists()


@pytest.mark.django_db(transaction=True)
def test_one_response_per_conversation_keeps_the_newest_linked_and_loses_no_feedback():
    """Before 0004 two texts handled at once could each start a response for a conversation."""
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    before = [("surveys", "0003_roles"), *(node for node in after if node[0] != "surveys")]
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        area = apps.get_model("coproduce", "Area").objects.create(name="Old", slug="old")
        person = apps.get_model("coproduce", "Person").objects.create(area=area)
        conversation = apps.get_model("sms", "Conversation").objects.create(
            person=person, handler="feedback", expires_at=timezone.now()
        )
        OldResponse = apps.get_model("surveys", "Response")
        older, newer = (
            OldResponse.objects.create(area=area, conversation=conversation, text=text)
            for text in ("first words", "second words")
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)

    assert Response.objects.get(pk=newer.pk).conversation_id == conversation.pk
    assert Response.objects.get(pk=older.pk).conversation_id is None
    assert set(Response.objects.values_list("text", flat=True)) == {"first words", "second words"}
