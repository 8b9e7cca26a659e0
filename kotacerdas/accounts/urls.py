from django.urls import path

from kotacerdas.accounts import privacy_views, two_factor_views, views
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, PUBLIC

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
    path("pengguna/<id:user_id>/dua-langkah/reset/", two_factor_views.reset, name="two_factor_reset"),
    path("pengguna/<id:user_id>/data/", privacy_views.person_export, name="person_export"),
    path("pengguna/<id:user_id>/hapus-data/", privacy_views.person_erase, name="person_erase"),
]
access = {pattern.name: NATIONAL_ADMIN for pattern in urlpatterns}

# The privacy notice, a person's own data and the two-factor steps.
own_patterns = [
    path("privasi/", privacy_views.privacy, name="privacy"),
    path("profil/data/", privacy_views.my_export, name="my_export"),
    path("profil/hapus-data/", privacy_views.erasure_request, name="erasure_request"),
    path(
        "profil/persetujuan/<id:consent_id>/tarik/", privacy_views.consent_withdraw, name="consent_withdraw"
    ),
    path("masuk/dua-langkah/daftar/", two_factor_views.enrol, name="two_factor_enrol"),
    path("masuk/dua-langkah/", two_factor_views.verify, name="two_factor_verify"),
    path("profil/dua-langkah/kode-cadangan/", two_factor_views.codes, name="two_factor_codes"),
    path("profil/dua-langkah/matikan/", two_factor_views.turn_off, name="two_factor_off"),
]
access |= {pattern.name: LOGGED_IN for pattern in own_patterns}
access["privacy"] = PUBLIC
urlpatterns += own_patterns
