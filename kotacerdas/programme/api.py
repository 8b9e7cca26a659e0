"""API for the national programme: cohorts, ranking and dashboard (Ayu); a region's stages and
deliverables (its team, assigned mentors and assessors), with submit and review through the actions.

Reads go through the same getters as the web pages (404 outside your scope); writes call the same
actions, so permission, validation, audit log and notifications are identical to the web.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import IsNationalAdmin
from kotacerdas.core import progress
from kotacerdas.programme import board
from kotacerdas.programme.access import (
    get_programme_region_for_user,
    get_region_deliverable_for_user,
    visible_candidacies,
)
from kotacerdas.programme.actions import deliverables as actions
from kotacerdas.programme.forms import DashboardFilterForm
from kotacerdas.programme.models import STAGE_NAMES, Candidacy, Cohort, Deliverable, Stage, SubmittedItem
from kotacerdas.programme.ranking import current_ranking, entries_as_json
from kotacerdas.web.api import (
    PROVINCE_CODE,
    SIZE_CLASSES,
    ModelSerializer,
    TimeField,
    as_api_error,
    blank_parameters,
)
from kotacerdas.web.forms import NOTE_MAX
from kotacerdas.web.submissions import HEADER, answer_once

REPLAYED = {"Idempotent-Replayed": "true"}  # the answer repeats an earlier one (same Idempotency-Key)
IDEMPOTENCY = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    pattern=r"^[\x21-\x7e]{1,255}$",
    description="Optional, 1–255 visible ASCII characters chosen by the client (e.g. a UUID). A repeat "
    "of a write that succeeded answers the first status and body with `Idempotent-Replayed: true` "
    "and changes nothing; keys are kept for a day.",
)

# --- serializers ----------------------------------------------------------------------------------


class StageSerializer(ModelSerializer[Stage]):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Stage
        fields = ["number", "name", "starts_on", "ends_on"]


class CohortSerializer(ModelSerializer[Cohort]):
    stages = StageSerializer(many=True, read_only=True)
    candidates = serializers.IntegerField(read_only=True)
    selected = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cohort
        fields = ["id", "year", "name", "quota", "instrument", "stages", "candidates", "selected"]


class StageCountSerializer(serializers.Serializer[Any]):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    state = serializers.ChoiceField(choices=["done", "current", "upcoming"])
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    submitted = serializers.IntegerField()
    returned = serializers.IntegerField()
    overdue = serializers.IntegerField()


class ProgressRowSerializer(serializers.Serializer[Any]):
    """One row of the dashboard: the same cells as the screen and the XLSX export."""

    region = serializers.CharField()
    region_name = serializers.CharField()
    province = serializers.CharField(allow_null=True)
    size_class = serializers.CharField()
    cohort = serializers.IntegerField()
    cohort_year = serializers.IntegerField()
    has_mou = serializers.BooleanField()
    current_stage = serializers.IntegerField(
        allow_null=True,
        help_text="The first unfinished stage (1-4): the first with a deliverable not approved yet; the "
        "region may already owe a later stage's deliverables. Null before the MoU and once all are finished.",
    )
    current_label = serializers.CharField(
        help_text="current_stage as the dashboard shows it, in the reader's language: a stage name "
        '("Bimtek III"), "menunggu Nota Kesepakatan" before the MoU, "tidak ada, semua tahap tuntas" once '
        "all are finished (until 2026-12-06: selesai). For a program, read current_stage and has_mou."
    )
    stages = StageCountSerializer(many=True)
    overdue = serializers.IntegerField()
    mentors = serializers.ListField(child=serializers.CharField())


def row_data(row: board.Row) -> dict[str, Any]:
    region = row.candidacy.region
    stages = [
        {"stage": number, "name": STAGE_NAMES[number], "state": state, **vars(count)}
        for number, count, state in row.cells()
    ]
    return {
        "region": region.code,
        "region_name": region.name,
        "province": region.province.code if region.province else None,
        "size_class": region.size_class,
        "cohort": row.candidacy.cohort_id,
        "cohort_year": row.candidacy.cohort.year,
        "has_mou": row.has_mou,
        "current_stage": row.current,
        "current_label": row.current_label,
        "stages": stages,
        "overdue": row.overdue,
        "mentors": row.mentors,
    }


class TransitionSerializer(serializers.Serializer[Any]):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    who = serializers.CharField(source="actor.username")
    when = TimeField(source="created_at")
    why = serializers.CharField(source="reason")


class SubmittedItemSerializer(ModelSerializer[SubmittedItem]):
    added_by = serializers.CharField(source="added_by.username", read_only=True)

    class Meta:
        model = SubmittedItem
        fields = ["id", "label", "link", "file_type", "added_by", "added_at"]


class DeliverableSerializer(ModelSerializer[Deliverable]):
    stage = serializers.IntegerField(source="item.stage", read_only=True)
    code = serializers.CharField(source="item.code", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)
    due_on = serializers.DateField(source="item.due_on", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = ["id", "stage", "code", "title", "due_on", "status", "overdue", "updated_at"]

    def get_overdue(self, deliverable: Deliverable) -> bool:
        return progress.is_overdue(deliverable.item.due_on, deliverable.status, timezone.localdate())


class DeliverableDetailSerializer(DeliverableSerializer):
    items = SubmittedItemSerializer(many=True, read_only=True)
    history = TransitionSerializer(source="transitions", many=True, read_only=True)

    class Meta(DeliverableSerializer.Meta):
        fields = [*DeliverableSerializer.Meta.fields, "items", "history"]


class CandidacySerializer(serializers.Serializer[Any]):
    cohort = serializers.IntegerField(source="candidacy.cohort_id")
    cohort_year = serializers.IntegerField(source="candidacy.cohort.year")
    status = serializers.CharField(source="candidacy.status")
    mou_number = serializers.CharField(allow_null=True)
    mou_signed_on = serializers.DateField(allow_null=True)
    progress = ProgressRowSerializer()
    deliverables = DeliverableSerializer(many=True)


class RankingSerializer(serializers.Serializer[Any]):
    cohort = serializers.IntegerField()
    quota = serializers.IntegerField()
    entries = serializers.ListField(child=serializers.DictField())
    cutoff = serializers.CharField(allow_null=True)
    recipe = serializers.DictField()


class SubmitInput(serializers.Serializer[Any]):
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX, default=""
    )  # as the page


class DeliverableReviewInput(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=[progress.APPROVED, progress.RETURNED])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


# --- national admin ---------------------------------------------------------------------------------


@extend_schema(summary="Programme cohorts with their Bimtek calendar and counts (national admin)")
class CohortList(generics.ListAPIView[Cohort]):
    serializer_class = CohortSerializer
    permission_classes = [IsNationalAdmin]

    def get_queryset(self) -> QuerySet[Cohort]:
        selected = Count("candidacies", filter=Q(candidacies__status=Candidacy.Status.SELECTED))
        return (
            Cohort.objects.prefetch_related("stages")
            .annotate(candidates=Count("candidacies"), selected=selected)
            .order_by("-year")
        )


class CohortRanking(APIView):
    permission_classes = [IsNationalAdmin]

    @extend_schema(
        summary="A cohort's ranking from today's verified scores and overrides, with its recipe",
        responses=RankingSerializer,
    )
    def get(self, request: Request, version: str, cohort_id: int) -> Response:
        cohort = generics.get_object_or_404(Cohort, pk=cohort_id)
        ranking, _candidacies = current_ranking(cohort)
        return Response(
            {
                "cohort": cohort.pk,
                "quota": cohort.quota,
                "entries": entries_as_json(ranking),
                "cutoff": None if ranking.cutoff is None else str(ranking.cutoff),
                "recipe": ranking.recipe,
            }
        )


class Dashboard(APIView):
    permission_classes = [IsNationalAdmin]

    @extend_schema(
        summary="Every selected region's Bimtek progress: the national dashboard as data",
        parameters=[
            OpenApiParameter("cohort", {"type": "integer", "minimum": 1}, description="cohort id"),
            OpenApiParameter(
                "province", {"type": "string", "pattern": PROVINCE_CODE}, description="2-digit province code"
            ),
            OpenApiParameter("size_class", str, enum=SIZE_CLASSES, description="city-size class"),
        ],
        responses=ProgressRowSerializer(many=True),
    )
    def get(self, request: Request, version: str) -> Response:
        cohorts = list(Cohort.objects.values_list("pk", "name"))
        form = DashboardFilterForm(request.query_params or None, cohorts=cohorts)
        blank = blank_parameters(request.query_params, form.fields)
        if blank or (form.is_bound and not form.is_valid()):
            refused = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            raise serializers.ValidationError(refused | blank)
        rows = board.progress_rows(board.filtered(board.selected_candidacies(), form), timezone.localdate())
        return Response([row_data(row) for row in rows])


# --- a region's programme ----------------------------------------------------------------------------


class RegionProgramme(APIView):
    @extend_schema(
        summary="A region's candidacies: MoU, Bimtek progress and every deliverable with its status",
        responses=CandidacySerializer(many=True),
    )
    def get(self, request: Request, version: str, code: str) -> Response:
        region = get_programme_region_for_user(request.user, code)
        candidacies = visible_candidacies(request.user).filter(region=region)
        rows = board.progress_rows(board.with_relations(candidacies), timezone.localdate())
        deliverables = Deliverable.objects.filter(candidacy__in=[r.candidacy for r in rows])
        by_candidacy: dict[int, list[Deliverable]] = {}
        for deliverable in deliverables.select_related("item").order_by("item__stage", "item__order", "id"):
            by_candidacy.setdefault(deliverable.candidacy_id, []).append(deliverable)
        data = [
            {
                "candidacy": row.candidacy,
                "mou_number": row.candidacy.mou.number if row.has_mou else None,
                "mou_signed_on": row.candidacy.mou.signed_on if row.has_mou else None,
                "progress": row_data(row),
                "deliverables": by_candidacy.get(row.candidacy.pk, []),
            }
            for row in rows
        ]
        return Response(CandidacySerializer(data, many=True).data)


def _detail(deliverable: Deliverable) -> dict[str, Any]:
    deliverable = (
        Deliverable.objects.select_related("item")
        .prefetch_related("items__added_by", "transitions__actor")
        .get(pk=deliverable.pk)
    )
    return dict(DeliverableDetailSerializer(deliverable).data)


class DeliverableDetail(APIView):
    @extend_schema(
        summary="One deliverable with what was handed in and every transition (who, when, why)",
        responses=DeliverableDetailSerializer,
    )
    def get(self, request: Request, version: str, code: str, cohort_id: int, deliverable_id: int) -> Response:
        return Response(
            _detail(get_region_deliverable_for_user(request.user, code, cohort_id, deliverable_id))
        )


def _act(
    request: Request,
    kwargs: dict[str, Any],
    schema: type[serializers.Serializer[Any]],
    action: Any,
    allowed: Callable[[Any, Deliverable], None],  # raises ActionNotAllowed (403) for the wrong role
) -> Response:
    """Parse the body, call the action as the requester, answer with the deliverable as it is now.

    With an ``Idempotency-Key`` header, a repeat of a write that succeeded answers the first status
    and body (header ``Idempotent-Replayed: true``) and changes nothing."""

    def run() -> tuple[int, Any]:
        deliverable = get_region_deliverable_for_user(request.user, **kwargs)
        allowed(request.user, deliverable)  # the wrong role is a 403 whatever the body says
        data = schema(data=request.data)
        data.is_valid(raise_exception=True)
        action(request.user, deliverable, **data.validated_data)
        return 200, _detail(deliverable)

    try:
        answer = answer_once(request, run)
    except ValidationError as error:
        raise as_api_error(error) from None
    return Response(answer.body, status=answer.status, headers=REPLAYED if answer.replayed else None)


class DeliverableSubmit(APIView):
    @extend_schema(
        summary="Hand in a deliverable for review (the region's team)",
        request=SubmitInput,
        responses=DeliverableDetailSerializer,
        parameters=[IDEMPOTENCY],
    )
    def post(self, request: Request, version: str, **kwargs: Any) -> Response:
        return _act(request, kwargs, SubmitInput, actions.do_submit_deliverable, actions.require_submitter)


class DeliverableReview(APIView):
    @extend_schema(
        summary="Approve a deliverable, or return it for revision with a reason (the assigned mentor)",
        request=DeliverableReviewInput,
        responses=DeliverableDetailSerializer,
        parameters=[IDEMPOTENCY],
    )
    def post(self, request: Request, version: str, **kwargs: Any) -> Response:
        return _act(
            request, kwargs, DeliverableReviewInput, actions.do_review_deliverable, actions.require_reviewer
        )
