"""Stage progress of many regions at once, in a fixed number of queries (board and dashboard)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from kotacerdas.core import progress
from kotacerdas.core.spreadsheet import append_row
from kotacerdas.programme.models import STAGE_NAMES, STAGE_NUMBERS, Candidacy, Deliverable, MentorAssignment

# What ``Row.current`` is, in the words every output uses for it (dashboard, stage board, region card,
# candidacy page, XLSX): the first stage not finished, i.e. with a deliverable the mentor has not
# approved. Not "the stage the region works on": while its mentor reviews the last Bimtek III
# deliverable the region already owes Bimtek IV's, and those are what its coordinator's inbox lists.
# The templates translate the same words (and _matrix.html explains them under the table).
STAGE_HEADING = gettext_lazy("First unfinished stage")


def today() -> date:
    """Today in the project's time zone: what "overdue" and the current stage are measured against."""
    return timezone.localdate()


@dataclass
class Row:
    candidacy: Candidacy
    has_mou: bool
    stages: dict[int, progress.StageCount] = field(default_factory=dict)
    mentors: list[str] = field(default_factory=list)

    @property
    def current(self) -> int | None:
        """The first unfinished stage (``STAGE_HEADING``); None before the MoU and once all are finished."""
        if not self.has_mou:
            return None
        return progress.current_stage(self.stages, STAGE_NUMBERS)

    @property
    def current_label(self) -> str:
        if not self.has_mou:
            return _("waiting for MoU")
        current = self.current
        return STAGE_NAMES[current] if current else _("none, every stage finished")

    @property
    def overdue(self) -> int:
        return sum(count.overdue for count in self.stages.values())

    def cells(self) -> list[tuple[int, progress.StageCount, str]]:
        current = self.current
        cells = []
        for number in STAGE_NUMBERS:
            count = self.stages.get(number, progress.StageCount())
            if not self.has_mou:
                state = "upcoming"
            elif count.done:
                state = "done"
            elif number == current:
                state = "current"
            else:
                state = "upcoming"
            cells.append((number, count, state))
        return cells


def with_relations(candidacies: QuerySet[Candidacy]) -> QuerySet[Candidacy]:
    """What a progress row shows of each candidacy, joined in the same query."""
    return candidacies.select_related("region__province", "cohort", "mou")


def selected_candidacies() -> QuerySet[Candidacy]:
    return with_relations(Candidacy.objects.filter(status=Candidacy.Status.SELECTED))


def filtered(candidacies: QuerySet[Candidacy], form: Any) -> QuerySet[Candidacy]:
    """Narrow by a valid DashboardFilterForm (cohort, province, size class); unbound or invalid: all."""
    if not (form.is_bound and form.is_valid()):
        return candidacies
    data = form.cleaned_data
    if data["cohort"]:
        candidacies = candidacies.filter(cohort_id=data["cohort"])
    if data["province"]:
        candidacies = candidacies.filter(region__province=data["province"])
    if data["size_class"]:
        candidacies = candidacies.filter(region__size_class=data["size_class"])
    return candidacies


def progress_rows(candidacies: QuerySet[Candidacy], today: date) -> list[Row]:
    rows = [Row(c, has_mou=_has_mou(c)) for c in candidacies.order_by("region__name", "cohort__year")]
    by_id = {row.candidacy.pk: row for row in rows}
    if not rows:
        return rows
    counts = (
        Deliverable.objects.filter(candidacy_id__in=by_id)
        .values("candidacy_id", "item__stage", "status")
        .annotate(n=Count("id"), late=Count("id", filter=Q(item__due_on__lt=today)))
        .order_by()
    )
    totals: dict[tuple[int, int], dict[str, int]] = {}
    for line in counts:
        bucket = totals.setdefault((line["candidacy_id"], line["item__stage"]), {})
        bucket[line["status"]] = bucket.get(line["status"], 0) + line["n"]
        if line["status"] in progress.OWED_BY_REGION:
            bucket["overdue"] = bucket.get("overdue", 0) + line["late"]
    for (candidacy_id, stage), bucket in totals.items():
        by_id[candidacy_id].stages[stage] = progress.StageCount(
            total=sum(v for k, v in bucket.items() if k != "overdue"),
            approved=bucket.get(progress.APPROVED, 0),
            submitted=bucket.get(progress.SUBMITTED, 0),
            returned=bucket.get(progress.RETURNED, 0),
            overdue=bucket.get("overdue", 0),
        )
    for assignment in MentorAssignment.objects.filter(candidacy_id__in=by_id).select_related("mentor"):
        by_id[assignment.candidacy_id].mentors.append(str(assignment.mentor))
    return rows


def _has_mou(candidacy: Candidacy) -> bool:
    try:
        return candidacy.mou is not None
    except Candidacy.mou.RelatedObjectDoesNotExist:
        return False


def overdue_deliverables(
    candidacies: QuerySet[Candidacy], today: date, limit: int = 50
) -> tuple[list[Deliverable], int]:
    """The ``limit`` most late deliverables still owed by their region, and how many there are in all."""
    late = Deliverable.objects.filter(
        candidacy__in=candidacies, status__in=progress.OWED_BY_REGION, item__due_on__lt=today
    )
    ordered = late.select_related("item", "region", "candidacy__cohort").order_by(
        "item__due_on", "region__name"
    )
    rows = list(ordered[:limit])
    return rows, (len(rows) if len(rows) < limit else late.count())


def dashboard_xlsx(rows: list[Row]) -> bytes:
    """The dashboard matrix as a workbook: the same columns and cells as the screen."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Stages")[:31]
    header = [_("Code"), _("Region"), _("Province"), _("Size class"), _("Cohort"), str(STAGE_HEADING)]
    header += [STAGE_NAMES[n] for n in STAGE_NUMBERS] + [_("Overdue"), _("Mentors")]
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        region = row.candidacy.region
        append_row(
            sheet,
            [
                region.code,
                region.name,
                region.province.name if region.province else "",
                region.size_class,
                row.candidacy.cohort.year,
                row.current_label,
                *[f"{count.approved}/{count.total}" for _n, count, _state in row.cells()],
                row.overdue,
                ", ".join(row.mentors),
            ],
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
