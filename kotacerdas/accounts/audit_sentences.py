"""The audit log read as sentences: "Budi (contoh) menyimpan inisiatif GOV-01 Satu Data Salatiga".

The stored entries keep their action names (``masterplan.initiative.save``) and raw before/after
state for machines; people read one Indonesian sentence per entry, a link to the record, and the
fields an edit changed with their labels. Links are built from URL names only, so this module does not
import the apps above accounts (the layer contract)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.audit import reasons
from kotacerdas.audit.models import AuditEntry
from kotacerdas.core import formatting

L = gettext_lazy
# %(object)s is the record's name as it was when the entry was written.
SENTENCES: dict[str, Any] = {
    "assessment.answer": L("answered an indicator of %(object)s"),
    "assessment.assign": L("assigned indicators of %(object)s to an OPD"),
    "assessment.assign_assessor": L("assigned an assessor to %(object)s"),
    "assessment.close": L("closed the assessment %(object)s"),
    "assessment.evidence_delete": L("deleted an evidence file of %(object)s"),
    "assessment.evidence_retention": L("deleted the expired evidence files of %(object)s"),
    "assessment.evidence_upload": L("uploaded an evidence file to %(object)s"),
    "assessment.finish_review": L("finished the review of %(object)s"),
    "assessment.import": L("imported answers into %(object)s"),
    "assessment.note": L("wrote an interview note: %(object)s"),
    "assessment.reopen": L("reopened %(object)s"),
    "assessment.review_accept": L("accepted an answer of %(object)s"),
    "assessment.review_adjust": L("adjusted an answer of %(object)s"),
    "assessment.review_return": L("returned an answer of %(object)s for revision"),
    "assessment.start": L("started the assessment %(object)s"),
    "assessment.start_review": L("started the review of %(object)s"),
    "assessment.submit": L("submitted %(object)s for verification"),
    "books.approve": L("approved the books %(object)s"),
    "books.approve_exception": L("approved the books %(object)s with an exception"),
    "books.outline": L("changed the outline of the books"),
    "books.publish": L("published the books %(object)s"),
    "books.ratify": L("recorded the Perkada of the books %(object)s"),
    "books.request": L("asked for a new version of the books: %(object)s"),
    "books.settings": L("changed the settings of the books"),
    "books.text": L("edited a text of the books"),
    "candidacy.assign_assessor": L("assigned an assessor: %(object)s"),
    "candidacy.assign_mentor": L("assigned a mentor: %(object)s"),
    "candidacy.invite": L("invited %(object)s"),
    "candidacy.link_assessment": L("linked an assessment to %(object)s"),
    "candidacy.override": L("recorded an exception in the selection: %(object)s"),
    "candidacy.override_remove": L("removed an exception from the selection: %(object)s"),
    "candidacy.status": L("changed the status of %(object)s"),
    "candidacy.verify_score": L("recorded a verified score for %(object)s"),
    "checklist.add": L("added a deliverable to the checklist: %(object)s"),
    "checklist.remove": L("removed a deliverable from the checklist: %(object)s"),
    "checklist.update": L("changed a deliverable of the checklist: %(object)s"),
    "cohort.create": L("created the cohort %(object)s"),
    "cohort.select": L("fixed the selection of %(object)s"),
    "comment.add": L("commented on %(object)s"),
    "consent.give": L("gave consent: %(object)s"),
    "consent.withdraw": L("withdrew consent: %(object)s"),
    "deliverable.add_item": L("added a file or link to a deliverable: %(object)s"),
    "deliverable.approved": L("approved the deliverable %(object)s"),
    "deliverable.overdue_notice": L("sent an overdue notice for %(object)s"),
    "deliverable.returned": L("returned the deliverable %(object)s for revision"),
    "deliverable.submitted": L("submitted the deliverable %(object)s"),
    "evaluation.book_requested": L("asked for the national results book of %(object)s"),
    "evaluation.index_run": L("ran the composite index %(object)s"),
    "evaluation.letters_requested": L("asked for the PDF result letters of %(object)s"),
    "evaluation.open": L("opened the cycle %(object)s"),
    "evaluation.prefill": L("pre-filled the self-assessment %(object)s"),
    "evaluation.publish": L("published %(object)s"),
    "evaluation.publish_requested": L("asked to publish %(object)s"),
    "evaluation.results": L("entered the results of %(object)s"),
    "evaluation.spbe_attach": L("attached an SPBE evidence link: %(object)s"),
    "institution.add_member": L("added a member to an institution: %(object)s"),
    "institution.remove_member": L("removed a member from an institution: %(object)s"),
    "institution.save": L("saved the institution %(object)s"),
    "job.abandoned": L("marked the job %(object)s as failed: its worker process stopped"),
    "masterplan.adopt": L("adopted the roadmap as the masterplan's plan"),
    "masterplan.adopt.initiative": L("scheduled the initiative %(object)s in the adopted plan"),
    "masterplan.expert_judgements": L("saved the expert judgements of %(object)s"),
    "masterplan.group_weights": L("adopted the group's criteria weights in %(object)s"),
    "masterplan.import": L("imported the masterplan data"),
    "masterplan.indicator.add": L("added the key indicator %(object)s"),
    "masterplan.indicator.delete": L("deleted the key indicator %(object)s"),
    "masterplan.initiative.budget": L("changed the budget of the initiative %(object)s"),
    "masterplan.initiative.delete": L("deleted the initiative %(object)s"),
    "masterplan.initiative.import": L("imported the initiative %(object)s"),
    "masterplan.initiative.save": L("saved the initiative %(object)s"),
    "masterplan.initiative.spbe": L("aligned the initiative %(object)s with SPBE"),
    "masterplan.kpi.delete": L("deleted the KPI %(object)s"),
    "masterplan.kpi.save": L("saved the KPI %(object)s"),
    "masterplan.kpi.shift_targets": L("moved the yearly targets of the KPI %(object)s to the adopted plan"),
    "masterplan.kpi.targets": L("corrected the yearly targets of the KPI %(object)s"),
    "masterplan.pin": L("pinned the start year of %(object)s"),
    "masterplan.problem.delete": L("deleted the problem %(object)s"),
    "masterplan.problem.save": L("saved the problem %(object)s"),
    "masterplan.profile": L("saved the profile of %(object)s"),
    "masterplan.programme.add": L("mapped the programme %(object)s"),
    "masterplan.programme.delete": L("removed the programme %(object)s"),
    "masterplan.quick_win.remove": L("removed the quick win %(object)s"),
    "masterplan.quick_win.save": L("saved the quick win %(object)s"),
    "masterplan.quick_win.select": L("chose the quick win %(object)s"),
    "masterplan.quick_win_criteria": L("changed the quick-win criteria of %(object)s"),
    "masterplan.revision.start": L("started a revision of %(object)s"),
    "masterplan.risk.add": L("added the risk %(object)s"),
    "masterplan.risk.delete": L("deleted the risk %(object)s"),
    "masterplan.roadmap.run": L("ran the roadmap optimiser: %(object)s"),
    "masterplan.roadmap_constraints": L("changed the budget ceilings and capacities of %(object)s"),
    "masterplan.scores": L("scored the initiative %(object)s"),
    "masterplan.statement.add": L("added the statement %(object)s"),
    "masterplan.statement.delete": L("deleted the statement %(object)s"),
    "masterplan.swot.delete": L("deleted the SWOT item %(object)s"),
    "masterplan.swot.save": L("saved the SWOT item %(object)s"),
    "masterplan.weights": L("set the criteria weights of %(object)s"),
    "membership.add": L("gave a role: %(object)s"),
    "membership.remove": L("took back a role: %(object)s"),
    "monitoring.evidence_retention": L("deleted the expired evidence files of the period %(object)s"),
    "monitoring.initiative_report.approved": L("approved the report %(object)s"),
    "monitoring.initiative_report.returned": L("returned the report %(object)s for revision"),
    "monitoring.initiative_report.save": L("saved the report %(object)s"),
    "monitoring.initiative_report.submitted": L("sent the report %(object)s for review"),
    "monitoring.kpi_report.approved": L("approved the report %(object)s"),
    "monitoring.kpi_report.returned": L("returned the report %(object)s for revision"),
    "monitoring.kpi_report.save": L("saved the report %(object)s"),
    "monitoring.kpi_report.submitted": L("sent the report %(object)s for review"),
    "monitoring.kpi_rule.save": L("saved the KPI rule %(object)s"),
    "monitoring.milestone.add": L("added the Quick Win milestone %(object)s"),
    "monitoring.milestone.change": L("changed the Quick Win milestone %(object)s"),
    "monitoring.milestone.remove": L("removed the Quick Win milestone %(object)s"),
    "monitoring.outcome.remove": L("removed the outcome value %(object)s"),
    "monitoring.outcome.save": L("saved the outcome value %(object)s"),
    "monitoring.period.closed": L("closed the reporting period %(object)s"),
    "monitoring.period.due_soon": L("reminded that the reports of the period %(object)s are due soon"),
    "monitoring.period.locked": L("locked the reporting period %(object)s"),
    "monitoring.period.open": L("opened the reporting period %(object)s"),
    "monitoring.period.overdue": L("sent a notice that the reports of the period %(object)s are overdue"),
    "monitoring.period.reopen": L("reopened the reporting period %(object)s"),
    "monitoring.period.unlocked": L("unlocked the reporting period %(object)s"),
    "monitoring.settings.save": L("changed the monitoring settings"),
    "monitoring.sheet.import": L("imported a reporting sheet into the period %(object)s"),
    "monitoring.status.remove": L("removed an implementation status from the monitoring settings"),
    "monitoring.status.save": L("saved an implementation status in the monitoring settings"),
    "mou.pdf": L("uploaded the signed MoU %(object)s"),
    "mou.record": L("recorded the MoU %(object)s"),
    "notification.digest": L("changed their daily e-mail summary"),
    "notification.read": L("read a notification"),
    "notification.read_all": L("marked all their notifications as read"),
    "opd.create": L("added the OPD %(object)s"),
    "opd.delete": L("deleted the OPD %(object)s"),
    "opd.update": L("changed the OPD %(object)s"),
    "participation.comment": L("commented: “%(object)s”"),
    "participation.consultation.create": L("created the consultation %(object)s"),
    "participation.decline": L("decided not to take up %(object)s"),
    "participation.hide": L("hid %(object)s"),
    "participation.idea.submit": L("sent %(object)s to the consultation"),
    "participation.link_initiative": L("linked a citizens' idea to the initiative %(object)s"),
    "participation.phase.add": L("added the consultation phase %(object)s"),
    "participation.phase.close": L("closed the consultation phase %(object)s"),
    "participation.promote": L("took %(object)s into the problem inventory"),
    "participation.redact": L("redacted %(object)s"),
    "participation.register": L("registered as a citizen"),
    "participation.support": L("supported %(object)s"),
    "participation.verify": L("confirmed their e-mail address"),
    "person.erase": L("erased the personal data of %(object)s"),
    "person.erasure_request": L("asked for their personal data to be erased"),
    "person.export": L("exported the personal data of %(object)s"),
    "portal.event.add": L("added the socialisation event %(object)s"),
    "portal.event.change": L("changed the socialisation event %(object)s"),
    "portal.event.delete": L("deleted the socialisation event %(object)s"),
    "portal.event.file.add": L("added a file to a socialisation event: %(object)s"),
    "portal.event.file.delete": L("deleted a file of a socialisation event: %(object)s"),
    "portal.publish": L("published the public portal"),
    "portal.unpublish": L("withdrew the public portal"),
    "size_scheme.activate": L("activated the size-class scheme %(object)s"),
    "two_factor.backup_codes": L("made new backup codes for %(object)s"),
    "two_factor.enrol": L("turned on two-step login for %(object)s"),
    "two_factor.off": L("turned off two-step login for %(object)s"),
    "two_factor.reset": L("reset the two-step login of %(object)s"),
    "user.create": L("created the account %(object)s"),
    "user.set_password": L("set a new password for %(object)s"),
    "user.update": L("changed the account %(object)s"),
}
# Writes made in Django's admin site, mirrored as "admin.<model>.<verb>" (kotacerdas/audit/signals.py).
ADMIN_SENTENCES: dict[str, Any] = {
    "add": L("added %(object)s in the admin site"),
    "change": L("changed %(object)s in the admin site"),
    "delete": L("deleted %(object)s in the admin site"),
}

# object type → (URL name, how to fill it from the entry); regions come from the entry's region.
LINKS: dict[str, tuple[str, str]] = {
    "planning.initiative": ("planning:initiative", "code+id"),
    "planning.problem": ("planning:problem", "code+id"),
    "planning.quickwin": ("planning:quickwin", "code+id"),
    "planning.roadmaprun": ("planning:roadmap_run", "code+id"),
    "planning.masterplan": ("planning:overview", "code"),
    "planning.swotitem": ("planning:swot", "code"),
    "planning.statement": ("planning:strategy", "code"),
    "planning.keyindicator": ("planning:indicators", "code"),
    "planning.programmemapping": ("planning:programmes", "code"),
    "assessment.assessment": ("assessment:detail", "code+id"),
    "documents.bookversion": ("documents:version", "code+number"),
    "documents.booktext": ("documents:index", "code"),
    "regions.opd": ("regions:opds", "code"),
    "accounts.user": ("accounts:user_detail", "id"),
    "programme.cohort": ("programme:cohort", "id"),
    "programme.candidacy": ("programme:region", "code"),
    "programme.deliverable": ("programme:region", "code"),
    "programme.institution": ("programme:institutions", "code"),
    "programme.mou": ("programme:region", "code"),
}

TRANSLATED_NAMES = {"programme.deliverable", "programme.checklistitem"}
HIDDEN = {"id", "version", "region", "created_at", "updated_at", "heartbeat_at", "updated_by", "created_by"}
FIELDS: dict[str, Any] = {
    "status": L("status"),
    "state": L("state"),
    "reason": L("reason"),
    "total": L("total score"),
    "scores": L("scores"),
    "weights": L("weights"),
    "name": L("name"),
    "short_name": L("short name"),
    "text": L("text"),
    "value": L("answer"),
    "explanation": L("explanation"),
    "start_year": L("start year"),
    "duration": L("duration"),
    "budget_ceilings": L("yearly ceilings"),
    "opd_capacity": L("capacity per OPD"),
    "assessor": L("assessor"),
    "is_active": L("active"),
    # keys of a snapshot that are no model field (the rest are named by their model's verbose_name)
    "assignments": L("assignments"),
    "code": L("code"),
    "indicators": L("indicators"),
    "opd": L("OPD"),
    "input_hash": L("input hash"),
    "consistency_ratio": L("consistency ratio"),
    "experts": L("experts"),
}
# A number kept as text in a snapshot (a Decimal: "3.06"), written as every number is (3,06); codes and
# versions that look like numbers (33.73, 2022.1) keep their full stop.
DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")
LITERAL_KEYS = ("code", "version")
VALUES: dict[str, Any] = {
    "queued": L("waiting"),
    "running": L("running"),
    "done": L("done"),
    "failed": L("failed"),
    "draft": L("draft"),
    "submitted": L("submitted"),
    "in_review": L("in review"),
    "verified": L("verified"),
    "closed": L("closed"),
    "pending": L("not submitted yet"),
    "approved": L("approved"),
    "returned": L("returned for revision"),
    "yes": L("yes"),
    "no": L("no"),
    "True": L("yes"),
    "False": L("no"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Sentence:
    entry: AuditEntry
    text: str
    link: str | None
    changes: list[Change]


def object_name(entry: AuditEntry) -> str:
    """The record's name; the English programme names stored in it ("Vision keywords · Kota X") read in
    the page's language (their translations live in the programme catalogue)."""
    head, sep, tail = entry.object_repr.partition(" · ")
    if entry.object_type not in TRANSLATED_NAMES or not head:
        return entry.object_repr
    return _(head) + sep + tail


def template_of(action: str) -> Any | None:
    """The sentence of an action name, None for a name that has none (it reads "changed …")."""
    if action.startswith("admin."):
        return ADMIN_SENTENCES.get(action.rpartition(".")[2])
    return SENTENCES.get(action)


def sentence(entry: AuditEntry) -> Sentence:
    template = template_of(entry.action) or L("changed %(object)s")
    what = str(template) % {"object": object_name(entry)}
    # a task's entry (retention, a job's sweep, a reminder) is stored as done by "system"
    who = _("The system") if entry.actor_id is None and entry.actor_name == "system" else entry.actor_name
    return Sentence(entry, f"{who} {what}.", link_of(entry), changes_of(entry))


def link_of(entry: AuditEntry) -> str | None:
    target = LINKS.get(entry.object_type)
    if target is None or (entry.action.endswith((".delete", ".remove"))):
        return None
    name, shape = target
    code = entry.region.code if entry.region else None
    number = (entry.after or {}).get("number")
    shapes: dict[str, list[Any]] = {
        "code": [code],
        "code+id": [code, entry.object_id],
        "code+number": [code, number],
        "id": [entry.object_id],
    }
    kwargs = shapes[shape]
    if any(value in (None, "") for value in kwargs):
        return None
    try:
        return reverse(name, args=kwargs)
    except NoReverseMatch:
        return None


def changes_of(entry: AuditEntry) -> list[Change]:
    """What an edit changed, in words; a creation or a deletion is said by its sentence alone."""
    if not entry.before or not entry.after:
        return []
    changes = []
    for key, old, new in entry.changed_fields():
        if key in HIDDEN or key.endswith("_at"):
            continue
        literal = key.endswith(LITERAL_KEYS)
        choices = choice_labels(entry.object_type, key)
        before, after = (
            choices[str(v)] if str(v) in choices and str(v) not in VALUES else _value(v, literal)
            for v in (old, new)
        )
        if before != after:  # a reason stored as "" where there was none reads "–" both times
            changes.append(Change(field_label(entry.object_type, key), before, after))
    return changes


def _model_field(object_type: str, key: str) -> Any:
    try:
        return apps.get_model(object_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def field_label(object_type: str, key: str) -> str:
    """A changed field's name in the reader's language: the label above, else its model field's
    verbose_name (translated where the model is), else the key in words."""
    if key in FIELDS:
        return str(FIELDS[key])
    verbose = getattr(_model_field(object_type, key), "verbose_name", None)
    return str(verbose) if verbose else key.replace("_", " ")


def choice_labels(object_type: str, key: str) -> dict[str, str]:
    """A field with choices: each stored code → its label in the reader's language ("not_taken" →
    "tidak diambil"), as the record's own page shows it."""
    field = _model_field(object_type, key)
    return {str(code): str(label) for code, label in getattr(field, "flatchoices", None) or []}


def _value(value: Any, literal: bool = False) -> str:
    if value is None or value == "" or value == {} or value == []:
        return "–"
    if isinstance(value, bool) or str(value) in VALUES:
        return str(VALUES.get(str(value), value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formatting.decimal(value, 0 if float(value).is_integer() else 2)
    if reasons.is_reason(value):
        text = reasons.wording(value)  # a reason the system gave, in the reader's language
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {_value(v, literal)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(_value(v, literal) for v in value)
    elif not literal and isinstance(value, str) and DECIMAL_TEXT.fullmatch(value):
        text = formatting.editable(value)  # 3.06 → 3,06, 2.4490 → 2,449
    elif str(value).isdigit() and len(str(value)) > 3:
        text = formatting.number(int(value))  # rupiah and counts: 900.000.000
    else:
        text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"
