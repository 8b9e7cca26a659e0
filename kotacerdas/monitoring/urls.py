from django.urls import path

from kotacerdas.monitoring.views import config, national, outcomes, periods, reports, sheets
from kotacerdas.web.access_classes import NATIONAL_ADMIN, REGION_SCOPED

app_name = "monitoring"
access = {
    "region": REGION_SCOPED,
    "periods": REGION_SCOPED,
    "period": REGION_SCOPED,
    "close": REGION_SCOPED,
    "reopen": REGION_SCOPED,
    "lock": REGION_SCOPED,
    "unlock": REGION_SCOPED,
    "kpi_report": REGION_SCOPED,
    "initiative_report": REGION_SCOPED,
    "queue": REGION_SCOPED,
    "review_kpi": REGION_SCOPED,
    "review_initiative": REGION_SCOPED,
    "evidence": REGION_SCOPED,
    "sheet": REGION_SCOPED,
    "sheet_import": REGION_SCOPED,
    "statuses": REGION_SCOPED,
    "remove_status": REGION_SCOPED,
    "kpi_rules": REGION_SCOPED,
    "kpi_rule": REGION_SCOPED,
    "outcomes": REGION_SCOPED,
    "outcome": REGION_SCOPED,
    "remove_outcome": REGION_SCOPED,
    "seed_outcomes": REGION_SCOPED,
    "national": NATIONAL_ADMIN,
    "national_xlsx": NATIONAL_ADMIN,
}
M = "r/<str:code>/monitoring/"
P = M + "periode/<id:period_id>/"
urlpatterns = [
    path(M, periods.monitoring, name="region"),
    path(M + "periode/", periods.periods, name="periods"),
    path(P, periods.period, name="period"),
    path(P + "tutup/", periods.close, name="close"),
    path(P + "buka-lagi/", periods.reopen, name="reopen"),
    path(P + "kunci/", periods.lock, name="lock"),
    path(P + "buka-kunci/", periods.unlock, name="unlock"),
    path(P + "kpi/<id:kpi_id>/", reports.kpi_report, name="kpi_report"),
    path(P + "inisiatif/<id:initiative_id>/", reports.initiative_report, name="initiative_report"),
    path(P + "xlsx/", sheets.sheet, name="sheet"),
    path(P + "impor/", sheets.sheet_import, name="sheet_import"),
    path(M + "antrean/", reports.queue, name="queue"),
    path(M + "tinjau/kpi/<id:kpi_report_id>/", reports.review_kpi, name="review_kpi"),
    path(
        M + "tinjau/inisiatif/<id:initiative_report_id>/",
        reports.review_initiative,
        name="review_initiative",
    ),
    path(M + "bukti/<id:evidence_id>/", reports.evidence_file, name="evidence"),
    path(M + "status/", config.statuses, name="statuses"),
    path(M + "status/hapus/", config.remove_status, name="remove_status"),
    path(M + "aturan-kpi/", config.kpi_rules, name="kpi_rules"),
    path(M + "aturan-kpi/<id:kpi_id>/", config.kpi_rule, name="kpi_rule"),
    path(M + "outcome/", outcomes.outcomes, name="outcomes"),
    path(M + "outcome/mulai/", outcomes.seed_outcomes, name="seed_outcomes"),
    path(M + "outcome/<id:outcome_id>/", outcomes.outcome, name="outcome"),
    path(M + "outcome/<id:outcome_id>/hapus/", outcomes.remove_outcome, name="remove_outcome"),
    path("monitoring/nasional/", national.completeness, name="national"),
    path("monitoring/nasional/xlsx/", national.completeness_xlsx, name="national_xlsx"),
]
