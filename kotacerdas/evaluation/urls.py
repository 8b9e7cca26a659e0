from django.urls import path

from kotacerdas.evaluation import downloads, index_views, views, views_spbe
from kotacerdas.web.access_classes import NATIONAL_ADMIN, REGION_SCOPED

app_name = "evaluation"
access = {
    "cycles": NATIONAL_ADMIN,
    "cycle_new": NATIONAL_ADMIN,
    "cycle": NATIONAL_ADMIN,
    "results": NATIONAL_ADMIN,
    "publish": NATIONAL_ADMIN,
    "take_scores": NATIONAL_ADMIN,
    "results_csv": NATIONAL_ADMIN,
    "results_xlsx": NATIONAL_ADMIN,
    "book_request": NATIONAL_ADMIN,
    "book_docx": NATIONAL_ADMIN,
    "book_pdf": NATIONAL_ADMIN,
    "cycle_letter_docx": NATIONAL_ADMIN,
    "cycle_letter_pdf": NATIONAL_ADMIN,
    "letters_prepare": NATIONAL_ADMIN,
    "spbe": REGION_SCOPED,
    "spbe_attach": REGION_SCOPED,
    "letter_docx": REGION_SCOPED,
    "letter_pdf": REGION_SCOPED,
    "index_runs": NATIONAL_ADMIN,
    "index_run_new": NATIONAL_ADMIN,
    "index_run": NATIONAL_ADMIN,
    "index_run_xlsx": NATIONAL_ADMIN,
    "index_run_regenerate": NATIONAL_ADMIN,
}
C = "evaluasi/<id:cycle_id>/"
R = "r/<str:code>/evaluasi/<id:year>/"  # a region's published result
urlpatterns = [
    path("evaluasi/", views.cycle_list, name="cycles"),
    path("evaluasi/baru/", views.cycle_new, name="cycle_new"),
    path(C, views.cycle_detail, name="cycle"),
    path(C + "hasil/", views.enter_results, name="results"),
    path(C + "ambil-swanilai/", views.take_scores, name="take_scores"),
    path(C + "terbitkan/", views.publish, name="publish"),
    path(C + "peringkat.csv", views.results_csv, name="results_csv"),
    path(C + "hasil.xlsx", downloads.results_xlsx_view, name="results_xlsx"),
    path(C + "buku-hasil/", downloads.request_results_book, name="book_request"),
    path(C + "buku-hasil.docx", downloads.results_book("docx"), name="book_docx"),
    path(C + "buku-hasil.pdf", downloads.results_book("pdf"), name="book_pdf"),
    path(C + "surat/<str:code>.docx", downloads.cycle_letter("docx"), name="cycle_letter_docx"),
    path(C + "surat/<str:code>.pdf", downloads.cycle_letter("pdf"), name="cycle_letter_pdf"),
    path(C + "surat-pdf/", downloads.prepare_letter_pdfs, name="letters_prepare"),
    path("r/<str:code>/spbe/", views_spbe.spbe_coverage, name="spbe"),
    path(
        "r/<str:code>/spbe/asesmen/<id:assessment_id>/lampirkan/", views_spbe.spbe_attach, name="spbe_attach"
    ),
    path(R + "surat.docx", downloads.region_letter("docx"), name="letter_docx"),
    path(R + "surat.pdf", downloads.region_letter("pdf"), name="letter_pdf"),
    path("indeks/", index_views.index_runs, name="index_runs"),
    path("indeks/baru/", index_views.index_run_new, name="index_run_new"),
    path("indeks/<id:index_run_id>/", index_views.index_run, name="index_run"),
    path("indeks/<id:index_run_id>/hasil.xlsx", index_views.index_run_xlsx, name="index_run_xlsx"),
    path("indeks/<id:index_run_id>/ulangi/", index_views.index_run_regenerate, name="index_run_regenerate"),
]
