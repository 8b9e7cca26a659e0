# Publishing a cycle (and migration 0006, for cycles published before) stored the reason it closed a
# self-assessment as one Indonesian sentence: "Ditutup karena siklus evaluasi 2027 diterbitkan pada 5
# Desember 2027." An English reader saw it in Indonesian. The reason is now kept as its facts
# (kotacerdas.audit.reasons.cycle_published) and worded in the reader's language: this turns each such
# sentence, in the closing transition and in its audit entry, into those facts. A reason a person typed
# matches no sentence below and is left as it is. Backwards, the facts become the Indonesian sentence.

import re
from datetime import date

from django.db import migrations

CODE = "cycle_published"  # kotacerdas.audit.reasons.CYCLE_PUBLISHED, frozen here
MONTHS = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()
ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()
GENERATED = (
    re.compile(r"Ditutup karena siklus evaluasi (\d{4}) diterbitkan pada (\d{1,2}) (\w+) (\d{4})\."),
    # the same message when the Indonesian catalogue lacked it (the English source text)
    re.compile(r"Closed because the evaluation cycle (\d{4}) was published on (\d{1,2}) (\w+) (\d{4})\."),
)


def parsed(reason, cycles):
    """The facts of a generated reason; None for anything else (a person's words)."""
    for pattern in GENERATED:
        found = pattern.fullmatch(reason.strip()) if isinstance(reason, str) else None
        if found is None:
            continue
        year, day, month, month_year = found.groups()
        names = MONTHS if month in MONTHS else ENGLISH_MONTHS
        if month not in names:
            return None
        published_on = date(int(month_year), names.index(month) + 1, int(day))
        return {
            "code": CODE,
            "cycle": cycles.get(int(year)),
            "year": int(year),
            "published_on": published_on.isoformat(),
        }
    return None


def sentence(facts):
    day = date.fromisoformat(facts["published_on"])
    return (
        f"Ditutup karena siklus evaluasi {facts['year']} diterbitkan pada "
        f"{day.day} {MONTHS[day.month - 1]} {day.year}."
    )


def is_facts(value):
    return isinstance(value, dict) and value.get("code") == CODE


def to_facts(apps, schema_editor):
    Transition = apps.get_model("assessment", "Transition")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    cycles = dict(apps.get_model("evaluation", "Cycle").objects.values_list("year", "pk"))
    closings = Transition.objects.filter(answer=None, to_state="closed", reason_facts__isnull=True)
    for step in closings.exclude(reason="").order_by("pk"):
        facts = parsed(step.reason, cycles)
        if facts is not None:
            step.reason, step.reason_facts = "", facts
            step.save(update_fields=["reason", "reason_facts"])
    for entry in AuditEntry.objects.filter(action="assessment.close").order_by("pk"):
        facts = parsed((entry.after or {}).get("reason"), cycles)
        if facts is not None:
            entry.after = {**entry.after, "reason": facts}
            entry.save(update_fields=["after"])


def to_sentences(apps, schema_editor):
    Transition = apps.get_model("assessment", "Transition")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for step in Transition.objects.filter(reason_facts__isnull=False).order_by("pk"):
        if is_facts(step.reason_facts):
            step.reason, step.reason_facts = sentence(step.reason_facts), None
            step.save(update_fields=["reason", "reason_facts"])
    for entry in AuditEntry.objects.filter(action="assessment.close").order_by("pk"):
        reason = (entry.after or {}).get("reason")
        if is_facts(reason):
            entry.after = {**entry.after, "reason": sentence(reason)}
            entry.save(update_fields=["after"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0007_letter_pdf_job"),
        ("assessment", "0005_transition_reason_facts"),
        ("audit", "0003_latest_entry"),
    ]

    operations = [migrations.RunPython(to_facts, to_sentences)]
