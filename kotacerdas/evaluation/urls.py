from django.urls import path

from kotacerdas.evaluation import views
from kotacerdas.web.access_classes import NATIONAL_ADMIN

app_name = "evaluation"
access = {
    "cycles": NATIONAL_ADMIN,
    "cycle_new": NATIONAL_ADMIN,
    "cycle": NATIONAL_ADMIN,
    "results": NATIONAL_ADMIN,
    "publish": NATIONAL_ADMIN,
    "results_csv": NATIONAL_ADMIN,
}
C = "evaluasi/<int:cycle_id>/"
urlpatterns = [
    path("evaluasi/", views.cycle_list, name="cycles"),
    path("evaluasi/baru/", views.cycle_new, name="cycle_new"),
    path(C, views.cycle_detail, name="cycle"),
    path(C + "hasil/", views.enter_results, name="results"),
    path(C + "terbitkan/", views.publish, name="publish"),
    path(C + "peringkat.csv", views.results_csv, name="results_csv"),
]
