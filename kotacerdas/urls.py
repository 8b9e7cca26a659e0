from captcha import urls as captcha_urls
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from kotacerdas.accounts.client_address import LoginView
from kotacerdas.home import views as home_views
from kotacerdas.web.access_classes import LOGGED_IN, PUBLIC

handler400 = "kotacerdas.web.api.bad_request"
handler403 = "kotacerdas.web.api.permission_denied"
handler404 = "kotacerdas.web.api.page_not_found"
handler500 = "kotacerdas.web.api.server_error"

access = {"health": PUBLIC, "home": PUBLIC, "inbox": LOGGED_IN, "login": PUBLIC, "logout": LOGGED_IN}

urlpatterns = [
    path("", home_views.home, name="home"),
    path("sehat/", home_views.health, name="health"),
    path("kotak-tugas/", home_views.inbox, name="inbox"),
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("kotacerdas.regions.urls")),
    path("", include("kotacerdas.accounts.urls")),
    path("", include(("kotacerdas.accounts.audit_urls", "audit"))),
    path("", include("kotacerdas.documents.urls")),
    path("", include("kotacerdas.assessment.urls")),
    path("", include("kotacerdas.discussion.urls")),
    path("", include("kotacerdas.planning.urls")),
    path("", include("kotacerdas.programme.urls")),
    path("", include("kotacerdas.monitoring.urls")),
    path("", include("kotacerdas.evaluation.urls")),
    path("", include("kotacerdas.portal.urls")),
    path("", include("kotacerdas.notifications.urls")),
    path("", include("kotacerdas.participation.urls")),
    # the captcha's own images, served locally; a third-party URL list (outside the access matrix),
    # public by nature: an image for a key that only the form that made it knows
    path("captcha/", include(captcha_urls.urlpatterns)),
    re_path(r"^api/(?P<version>v1)/", include("kotacerdas.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
