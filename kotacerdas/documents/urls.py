from django.urls import path

from kotacerdas.documents import views
from kotacerdas.web.access_classes import NATIONAL_ADMIN, PUBLIC, REGION_SCOPED

app_name = "documents"
access = {
    "index": REGION_SCOPED,
    "generate": REGION_SCOPED,
    "version": REGION_SCOPED,
    "download": REGION_SCOPED,
    "scan": REGION_SCOPED,
    "approve": REGION_SCOPED,
    "ratify": REGION_SCOPED,
    "publish": REGION_SCOPED,
    "diff": REGION_SCOPED,
    "texts": REGION_SCOPED,
    "settings": REGION_SCOPED,
    "outlines": NATIONAL_ADMIN,
    "public": PUBLIC,
}
urlpatterns = [
    path("r/<str:code>/buku/", views.index, name="index"),
    path("r/<str:code>/buku/buat/", views.generate, name="generate"),
    path("r/<str:code>/buku/v/<id:number>/", views.version_detail, name="version"),
    path("r/<str:code>/buku/v/<id:number>/berkas/<id:file_id>/", views.download, name="download"),
    path("r/<str:code>/buku/v/<id:number>/pindaian/", views.scan, name="scan"),
    path("r/<str:code>/buku/v/<id:number>/setujui/", views.approve, name="approve"),
    path("r/<str:code>/buku/v/<id:number>/sahkan/", views.ratify, name="ratify"),
    path("r/<str:code>/buku/v/<id:number>/terbitkan/", views.publish, name="publish"),
    path("r/<str:code>/buku/v/<id:number>/perbedaan/", views.diff, name="diff"),
    path("r/<str:code>/buku/teks/", views.texts, name="texts"),
    path("r/<str:code>/buku/pengaturan/", views.book_settings, name="settings"),
    path("buku/kerangka/", views.outlines, name="outlines"),
    path("publik/r/<str:code>/buku/", views.public, name="public"),
]
