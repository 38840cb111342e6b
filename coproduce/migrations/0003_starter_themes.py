from django.db import migrations

STARTER_THEMES = [
    ("Respect and dignity", "Being treated as a person, not a problem."),
    ("Being listened to", "Feeling heard, believed and involved in decisions."),
    ("Access and waiting", "Getting in the door: opening times, waiting lists, appointments."),
    ("Housing", "Somewhere safe to live: hostels, temporary and settled housing."),
    ("Mental health access", "Getting mental health support when it's needed."),
    ("Substance use services", "Drug and alcohol treatment and support."),
    ("Benefits and money", "Universal Credit, PIP, sanctions, debt and money to live on."),
    ("Criminal justice", "Police, courts, probation, prison and release."),
    ("Staff attitude", "How staff spoke to and treated people."),
    ("Safety", "Feeling safe in services and where people stay."),
    ("Communication", "Letters, phone calls, texts: clear, on time, in plain words."),
    ("Joined-up working", "Services talking to each other; telling your story once."),
]


def slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)


def add_themes(apps, schema_editor):
    Theme = apps.get_model("coproduce", "Theme")
    for name, description in STARTER_THEMES:
        Theme.objects.get_or_create(
            slug=slug(name), area=None, defaults={"name": name, "description": description}
        )


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("coproduce", "Theme")
    Theme.objects.filter(area=None, slug__in=[slug(name) for name, _ in STARTER_THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("coproduce", "0002_roles")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
