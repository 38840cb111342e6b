from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
    path("backup-codes/new/", views.new_backup_codes, name="new_backup_codes"),
]
