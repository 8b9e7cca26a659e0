# A cycle published before assessments could be closed left its participants' unverified
# self-assessments open: their coordinators' inboxes kept asking for them. Close them now as
# publishing does today (evaluation.selfassessment.close_unverified): the Transition names who
# published the cycle and when, the audit entry is the system's (this migration).

from django.db import migrations
from django.utils import timezone

MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()
CLOSABLE = ("draft", "returned", "submitted", "in_review")


def close_left_open(apps, schema_editor):
    Publication = apps.get_model("evaluation", "Publication")
    Participant = apps.get_model("evaluation", "Participant")
    Assessment = apps.get_model("assessment", "Assessment")
    Transition = apps.get_model("assessment", "Transition")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for publication in Publication.objects.select_related("cycle").order_by("pk"):
        day = timezone.localdate(publication.published_at)
        reason = (
            f"Ditutup karena siklus evaluasi {publication.cycle.year} diterbitkan pada "
            f"{day.day} {MONTHS[day.month - 1]} {day.year}."
        )
        ids = Participant.objects.filter(cycle=publication.cycle).values_list("assessment_id", flat=True)
        for assessment in Assessment.objects.filter(pk__in=list(ids), state__in=CLOSABLE).order_by("pk"):
            Transition.objects.create(
                assessment=assessment,
                answer=None,
                from_state=assessment.state,
                to_state="closed",
                action="close",
                actor_id=publication.published_by_id,
                reason=reason,
            )
            AuditEntry.objects.create(
                actor=None,
                actor_name="system",
                action="assessment.close",
                object_type="assessment.assessment",
                object_id=str(assessment.pk),
                object_repr=assessment.title[:250],
                region_id=assessment.region_id,
                before={"state": assessment.state},
                after={"state": "closed", "reason": reason},
            )
            assessment.state = "closed"
            assessment.save(update_fields=["state"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0005_job_claimed_by"),
        ("assessment", "0004_closed_state"),
        ("audit", "0003_latest_entry"),
    ]

    operations = [migrations.RunPython(close_left_open, migrations.RunPython.noop)]
