from django.urls import path

from kotacerdas.regions import views
from kotacerdas.web.access_classes import NATIONAL_ADMIN, PUBLIC, REGION_SCOPED

app_name = "regions"
access = {
    "catalogue": PUBLIC,
    "size_schemes": NATIONAL_ADMIN,
    "workspace": REGION_SCOPED,
    "opds": REGION_SCOPED,
    "opd_edit": REGION_SCOPED,
    "opd_delete": REGION_SCOPED,
}
urlpatterns = [
    path("wilayah/", views.catalogue, name="catalogue"),
    path("wilayah/kelas-ukuran/", views.size_schemes, name="size_schemes"),
    path("r/<str:code>/", views.workspace, name="workspace"),
    path("r/<str:code>/opd/", views.opd_list, name="opds"),
    path("r/<str:code>/opd/<id:opd_id>/", views.opd_edit, name="opd_edit"),
    path("r/<str:code>/opd/<id:opd_id>/hapus/", views.opd_delete, name="opd_delete"),
]
