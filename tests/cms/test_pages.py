from wagtail.models import Site

from cms.models import HomePage


def test_migrations_make_a_home_page_the_site_root(db):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)


def test_home_page_is_served(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Have your say" in response.content
    assert b'lang="en-gb"' in response.content


def test_admin_redirects_anonymous_visitors_to_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
