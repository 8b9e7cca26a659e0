from django.urls import path

from kotacerdas.assessment.views import answering, results, reviewing
from kotacerdas.web.access_classes import REGION_SCOPED

app_name = "assessment"
access = {
    "list": REGION_SCOPED,
    "detail": REGION_SCOPED,
    "assign": REGION_SCOPED,
    "import": REGION_SCOPED,
    "answer": REGION_SCOPED,
    "evidence_upload": REGION_SCOPED,
    "evidence_download": REGION_SCOPED,
    "evidence_delete": REGION_SCOPED,
    "submit": REGION_SCOPED,
    "set_assessor": REGION_SCOPED,
    "start_review": REGION_SCOPED,
    "queue": REGION_SCOPED,
    "review": REGION_SCOPED,
    "accept": REGION_SCOPED,
    "finish_review": REGION_SCOPED,
    "add_note": REGION_SCOPED,
    "reopen": REGION_SCOPED,
    "results": REGION_SCOPED,
    "print": REGION_SCOPED,
    "export_xlsx": REGION_SCOPED,
    "export_csv": REGION_SCOPED,
}
A = "r/<str:code>/asesmen/<id:assessment_id>/"
urlpatterns = [
    path("r/<str:code>/asesmen/", answering.assessment_list, name="list"),
    path(A, answering.detail, name="detail"),
    path(A + "penugasan/", answering.assign, name="assign"),
    path(A + "impor/", answering.import_answers, name="import"),
    path(A + "jawaban/<str:indicator>/", answering.answer_view, name="answer"),
    path(A + "jawaban/<str:indicator>/bukti/", answering.evidence_upload, name="evidence_upload"),
    path(A + "bukti/<id:evidence_id>/", answering.evidence_download, name="evidence_download"),
    path(A + "bukti/<id:evidence_id>/hapus/", answering.evidence_delete, name="evidence_delete"),
    path(A + "ajukan/", reviewing.submit, name="submit"),
    path(A + "asesor/", reviewing.set_assessor, name="set_assessor"),
    path(A + "mulai-tinjauan/", reviewing.start_review, name="start_review"),
    path(A + "antrean/", reviewing.queue, name="queue"),
    path(A + "tinjau/<str:indicator>/", reviewing.review, name="review"),
    path(A + "terima/<str:indicator>/", reviewing.accept, name="accept"),
    path(A + "selesai-tinjauan/", reviewing.finish_review, name="finish_review"),
    path(A + "catatan/", reviewing.add_note, name="add_note"),
    path(A + "buka/<str:indicator>/", reviewing.reopen, name="reopen"),
    path(A + "hasil/", results.results, name="results"),
    path(A + "cetak/", results.print_summary, name="print"),
    path(A + "ekspor.xlsx", results.export_xlsx, name="export_xlsx"),
    path(A + "ekspor.csv", results.export_csv, name="export_csv"),
]
