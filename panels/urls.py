"""A member's own pages (signed in by a one-time link, not a password)."""

from django.urls import path

from . import views

app_name = "panels"

urlpatterns = [
    path("link/<str:token>/", views.member_link, name="member_link"),
    path("me/", views.member_home, name="member_home"),
    path("me/sessions/<int:session_id>/answer/", views.answer, name="answer"),
    path("me/sessions/<int:session_id>/calendar.ics", views.calendar_file, name="calendar"),
    path("me/papers/<int:paper_id>/", views.paper, name="paper"),
    path("me/panels/<int:membership_id>/break/", views.take_a_break, name="take_a_break"),
    path("me/panels/<int:membership_id>/back/", views.come_back, name="come_back"),
    path("me/panels/<int:membership_id>/leave/", views.leave_panel, name="leave_panel"),
    path("me/sign-out/", views.sign_out, name="sign_out"),
]
