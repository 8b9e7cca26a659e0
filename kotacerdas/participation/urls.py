from django.urls import path

from kotacerdas.participation.views import manage, public
from kotacerdas.web.access_classes import LOGGED_IN, PUBLIC, REGION_SCOPED

app_name = "participation"
P = "partisipasi/"
IDEA = P + "ide/<id:idea_id>/"
R = "r/<str:code>/partisipasi/"
RI = R + "ide/<id:idea_id>/"
RC = R + "komentar/<id:comment_id>/"
urlpatterns = [
    path(P, public.index, name="index"),
    path(P + "daftar/", public.signup, name="signup"),
    path(P + "verifikasi/<str:token>/", public.verify, name="verify"),
    path(P + "<id:consultation_id>/", public.consultation, name="consultation"),
    path(P + "<id:consultation_id>/kirim/", public.submit, name="submit"),
    path(IDEA, public.idea, name="idea"),
    path(IDEA + "foto/", public.photo, name="photo"),
    path(IDEA + "dukung/", public.support, name="support"),
    path(IDEA + "komentar/", public.comment, name="comment"),
    path(R, manage.consultations, name="manage"),
    path(R + "<id:consultation_id>/", manage.consultation, name="manage_consultation"),
    path(R + "tahap/<id:phase_id>/tutup/", manage.phase_close, name="phase_close"),
    path(RI, manage.moderate_idea, name="moderate_idea"),
    path(RI + "sembunyikan/", manage.idea_hide, name="idea_hide"),
    path(RI + "samarkan/", manage.idea_redact, name="idea_redact"),
    path(RI + "angkat/", manage.idea_promote, name="idea_promote"),
    path(RI + "tidak-diambil/", manage.idea_decline, name="idea_decline"),
    path(RI + "inisiatif/", manage.idea_link, name="idea_link"),
    path(RC + "sembunyikan/", manage.comment_hide, name="comment_hide"),
    path(RC + "samarkan/", manage.comment_redact, name="comment_redact"),
]
PUBLIC_NAMES = {"index", "signup", "verify", "consultation", "idea", "photo"}
CITIZEN_NAMES = {
    "submit",
    "support",
    "comment",
}  # any signed-in person; the actions require a verified citizen
access = {
    p.name: PUBLIC if p.name in PUBLIC_NAMES else LOGGED_IN if p.name in CITIZEN_NAMES else REGION_SCOPED
    for p in urlpatterns
}
