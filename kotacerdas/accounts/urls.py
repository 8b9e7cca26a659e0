from django.urls import path

from kotacerdas.accounts import views
from kotacerdas.web.access_classes import NATIONAL_ADMIN

app_name = "accounts"
urlpatterns = [
    path("pengguna/", views.user_list, name="user_list"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/<id:user_id>/", views.user_detail, name="user_detail"),
    path("pengguna/<id:user_id>/peran/", views.membership_add, name="membership_add"),
    path(
        "pengguna/<id:user_id>/peran/<id:membership_id>/hapus/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("pengguna/<id:user_id>/sandi/", views.password_set, name="password_set"),
]
access = {pattern.name: NATIONAL_ADMIN for pattern in urlpatterns}
