from django.urls import path

from kotacerdas.programme import views
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, REGION_SCOPED

app_name = "programme"
access = {
    "cohorts": NATIONAL_ADMIN,
    "cohort_new": NATIONAL_ADMIN,
    "cohort": NATIONAL_ADMIN,
    "invite": NATIONAL_ADMIN,
    "assign_assessor": NATIONAL_ADMIN,
    "selection": NATIONAL_ADMIN,
    "override": NATIONAL_ADMIN,
    "select": NATIONAL_ADMIN,
    "selection_xlsx": NATIONAL_ADMIN,
    "selection_print": NATIONAL_ADMIN,
    "board": NATIONAL_ADMIN,
    "checklist": NATIONAL_ADMIN,
    "checklist_item": NATIONAL_ADMIN,
    "checklist_item_remove": NATIONAL_ADMIN,
    "dashboard": NATIONAL_ADMIN,
    "dashboard_xlsx": NATIONAL_ADMIN,
    # the candidacies a person works on (team, assigned mentor or assessor): scoped in the view
    "mine": LOGGED_IN,
    "region": REGION_SCOPED,
    "candidacy": REGION_SCOPED,
    "verify_score": REGION_SCOPED,
    "mou": REGION_SCOPED,
    "mou_file": REGION_SCOPED,
    "assign_mentor": REGION_SCOPED,
    "deliverable": REGION_SCOPED,
    "deliverable_submit": REGION_SCOPED,
    "deliverable_review": REGION_SCOPED,
    "item_file": REGION_SCOPED,
    "institutions": REGION_SCOPED,
    "institution_member_add": REGION_SCOPED,
    "institution_member_remove": REGION_SCOPED,
    "institution_file": REGION_SCOPED,
}
C = "program/kohort/<int:cohort_id>/"
R = "r/<str:code>/program/<int:cohort_id>/"
D = R + "luaran/<int:deliverable_id>/"
urlpatterns = [
    path("program/", views.cohort_list, name="cohorts"),
    path("program/saya/", views.my_programme, name="mine"),
    path("program/dasbor/", views.dashboard, name="dashboard"),
    path("program/dasbor/xlsx/", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("program/kohort/baru/", views.cohort_new, name="cohort_new"),
    path(C, views.cohort_detail, name="cohort"),
    path(C + "undang/", views.invite, name="invite"),
    path(C + "penilai/", views.assign_assessor, name="assign_assessor"),
    path(C + "seleksi/", views.selection, name="selection"),
    path(C + "seleksi/pengecualian/", views.override, name="override"),
    path(C + "seleksi/tetapkan/", views.select, name="select"),
    path(C + "seleksi/xlsx/", views.selection_xlsx, name="selection_xlsx"),
    path(C + "seleksi/cetak/", views.selection_print, name="selection_print"),
    path(C + "papan/", views.stage_board, name="board"),
    path(C + "luaran/", views.checklist, name="checklist"),
    path(C + "luaran/<int:item_id>/", views.checklist_item, name="checklist_item"),
    path(C + "luaran/<int:item_id>/hapus/", views.checklist_item_remove, name="checklist_item_remove"),
    path("r/<str:code>/program/", views.region_programme, name="region"),
    path(R, views.candidacy_detail, name="candidacy"),
    path(R + "skor/", views.verify_score, name="verify_score"),
    path(R + "mou/", views.record_mou, name="mou"),
    path(R + "mou/berkas/", views.mou_file, name="mou_file"),
    path(R + "mentor/", views.assign_mentor, name="assign_mentor"),
    path(D, views.deliverable_detail, name="deliverable"),
    path(D + "kirim/", views.deliverable_submit, name="deliverable_submit"),
    path(D + "tinjau/", views.deliverable_review, name="deliverable_review"),
    path(D + "berkas/<int:item_id>/", views.item_file, name="item_file"),
    path("r/<str:code>/kelembagaan/", views.institutions, name="institutions"),
    path(
        "r/<str:code>/kelembagaan/<str:kind>/anggota/",
        views.institution_member_add,
        name="institution_member_add",
    ),
    path(
        "r/<str:code>/kelembagaan/anggota/<int:member_id>/hapus/",
        views.institution_member_remove,
        name="institution_member_remove",
    ),
    path("r/<str:code>/kelembagaan/<str:kind>/sk/", views.institution_file, name="institution_file"),
]
