from io import StringIO

from django.core.management import call_command

from coproduce.models import Theme

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
