from django.urls import path

from kotacerdas.notifications import views
from kotacerdas.web.access_classes import LOGGED_IN

app_name = "notifications"
access = {
    "queue": LOGGED_IN,
    "open": LOGGED_IN,
    "read_all": LOGGED_IN,
    "profile": LOGGED_IN,
}
urlpatterns = [
    path("notifikasi/", views.queue, name="queue"),
    path("notifikasi/<id:notification_id>/buka/", views.open_notification, name="open"),
    path("notifikasi/baca-semua/", views.read_all, name="read_all"),
    path("profil/", views.profile, name="profile"),
]
