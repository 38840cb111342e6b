"""Short links and posters for feedback pages. The pages themselves are served by Wagtail."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("<slug:area_slug>/<str:code>/poster/", views.poster, name="poster"),
    path("<slug:area_slug>/<str:code>/", views.short_link, name="short_link"),
    path("<str:code>/", views.short_link, name="short_link_code_only"),
]
