from django.urls import path

from kotacerdas.portal.views import public, staff
from kotacerdas.web.access_classes import PUBLIC, REGION_SCOPED

app_name = "portal"
access = {
    "national": PUBLIC,
    "region": PUBLIC,
    "public_file": PUBLIC,
    "data_index": PUBLIC,
    "dataset": PUBLIC,
    "datapackage": PUBLIC,
    "catalogue": PUBLIC,
    "manage": REGION_SCOPED,
    "unpublish": REGION_SCOPED,
    "events": REGION_SCOPED,
    "event": REGION_SCOPED,
    "event_delete": REGION_SCOPED,
    "event_file_add": REGION_SCOPED,
    "event_file": REGION_SCOPED,
    "event_file_delete": REGION_SCOPED,
}
R = "r/<str:code>/"
E = R + "sosialisasi/"
urlpatterns = [
    path("publik/", public.national, name="national"),
    path("publik/r/<str:code>/", public.region, name="region"),
    path("publik/r/<str:code>/berkas/<id:file_id>/", public.event_file, name="public_file"),
    path("data/", public.data_index, name="data_index"),
    path("data/katalog.jsonld", public.catalogue, name="catalogue"),
    path("data/<slug:table>/datapackage.json", public.datapackage, name="datapackage"),
    path("data/<slug:table>/data.<slug:fmt>", public.dataset, name="dataset"),
    path(R + "portal/", staff.manage, name="manage"),
    path(R + "portal/tarik/", staff.unpublish, name="unpublish"),
    path(E, staff.events, name="events"),
    path(E + "<id:event_id>/", staff.event, name="event"),
    path(E + "<id:event_id>/hapus/", staff.event_delete, name="event_delete"),
    path(E + "<id:event_id>/berkas/", staff.event_file_add, name="event_file_add"),
    path(E + "berkas/<id:file_id>/", staff.event_file, name="event_file"),
    path(E + "berkas/<id:file_id>/hapus/", staff.event_file_delete, name="event_file_delete"),
]
