"""Make a HomePage the site root (replacing Wagtail's welcome page) and let area admins edit
pages, documents and images."""

from django.db import migrations

HOME_PATH = "00010001"


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    # Wagtail's first migration makes a placeholder welcome page at this path.
    Page.objects.filter(path=HOME_PATH, content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Have your say",
        draft_title="Have your say",
        slug="home",
        content_type=content_type,
        path=HOME_PATH,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        intro="<p>Tell us how local services made you feel. We read every message.</p>",
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk},
    )


def grant_page_permissions(apps, schema_editor):
    from coproduce.roles import AREA_ADMIN, ensure_permissions_exist

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    # Wagtail's starter groups grant wide page rights to nobody in particular: our roles replace them.
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()

    group, _ = Group.objects.get_or_create(name=AREA_ADMIN)
    root_page = Page.objects.get(depth=1)
    for codename in ["add_page", "change_page", "publish_page"]:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )
    root_collection = Collection.objects.get(depth=1)
    for app_label, codenames in {
        "wagtaildocs": ["add_document", "change_document", "choose_document"],
        "wagtailimages": ["add_image", "change_image", "choose_image"],
    }.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("coproduce", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
        migrations.RunPython(grant_page_permissions, migrations.RunPython.noop),
    ]
