"""API of monitoring: a period's realisation, reported and reviewed through the same actions as the pages.

Reads go through the same getters (404 outside your region, and for OPD staff outside their OPD);
writes call ``do_save_kpi_report``, ``do_save_initiative_report`` and ``do_review_report``, so a
locked period, an approved value, text in a numeric KPI or a denominator of 0 are refused the same
way (400 with the Indonesian message per field).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.accounts.models import User
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access import (
    QuickWinMilestones,
    can_manage_monitoring,
    can_report,
    get_initiative_for_reporter,
    get_initiative_report,
    get_kpi_for_reporter,
    get_kpi_report,
    get_period,
    milestones_of,
    quick_win_progress_of,
    reportable_initiatives,
    reportable_kpis,
)
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, OutcomeValue, Period
from kotacerdas.monitoring.models import Realisation as RealisationRecord
from kotacerdas.planning.models import FundingSource
from kotacerdas.web.api import ModelSerializer, as_api_error
from kotacerdas.web.forms import NOTE_MAX
from kotacerdas.web.submissions import answer_once


class PeriodSerializer(ModelSerializer[Period]):
    class Meta:
        model = Period
        fields = ["id", "year", "quarter", "closes_on", "state"]


class QuickWinProgressSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    done = serializers.IntegerField(help_text="of those, marked in an approved report up to the year")
    planned = serializers.IntegerField(help_text="milestones planned up to the year")


class PeriodListSerializer(PeriodSerializer):
    quick_win = serializers.SerializerMethodField(
        help_text="the Quick Win milestones of the masterplan revision the period's year belongs to, "
        "as the monitoring page, the region's card and the evaluation's pre-fill count them"
    )

    class Meta(PeriodSerializer.Meta):
        fields = [*PeriodSerializer.Meta.fields, "quick_win"]

    @extend_schema_field(QuickWinProgressSerializer)
    def get_quick_win(self, period: Period) -> dict[str, Any]:
        found = self.context["quick_wins"][period.region_id, period.year]
        return {"year": found.year, "done": found.done, "planned": found.planned}


class OutcomeSerializer(ModelSerializer[OutcomeValue]):
    value = serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=True)

    class Meta:
        model = OutcomeValue
        fields = ["id", "name", "year", "value", "unit", "source", "verified", "example", "version"]


class MilestoneSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    year = serializers.IntegerField(help_text="the planned year")
    done = serializers.BooleanField(help_text="marked done in an approved report")
    done_in = PeriodSerializer(
        allow_null=True, help_text="the period of the first approved report that marked it done"
    )
    version = serializers.IntegerField()


class QuickWinMilestonesSerializer(serializers.Serializer[Any]):
    quick_win = serializers.IntegerField(help_text="the Quick Win's id")
    initiative = serializers.CharField(help_text="the initiative's code")
    name = serializers.CharField()
    year = serializers.IntegerField(help_text="the Quick Win's year")
    milestones = MilestoneSerializer(many=True)


def _quick_win_milestones(group: QuickWinMilestones) -> dict[str, Any]:
    quick_win = group.quick_win
    return {
        "quick_win": quick_win.pk,
        "initiative": quick_win.initiative.code,
        "name": str(quick_win),
        "year": quick_win.year,
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "year": m.year,
                "done": report is not None,
                "done_in": PeriodSerializer(report.period).data if report is not None else None,
                "version": m.version,
            }
            for m, report in group.rows
        ],
    }


class KpiReportSerializer(ModelSerializer[KpiReport]):
    kpi_name = serializers.CharField(source="kpi.name", read_only=True)
    unit = serializers.CharField(source="kpi.unit", read_only=True)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=True)

    class Meta:
        model = KpiReport
        fields = [
            "id",
            "kpi",
            "kpi_name",
            "unit",
            "value",
            "numerator",
            "denominator",
            "narrative",
            "status",
            "version",
        ]


class RealisationSerializer(ModelSerializer[RealisationRecord]):
    class Meta:
        model = RealisationRecord
        fields = ["source", "amount"]


class InitiativeReportSerializer(ModelSerializer[InitiativeReport]):
    code = serializers.CharField(source="initiative.code", read_only=True)
    realisations = RealisationSerializer(many=True, read_only=True)

    class Meta:
        model = InitiativeReport
        fields = [
            "id",
            "initiative",
            "code",
            "implementation",
            "progress",
            "realisations",
            "narrative",
            "status",
            "version",
        ]


class RealisationDocument(serializers.Serializer[Any]):
    period = PeriodSerializer()
    kpis = KpiReportSerializer(many=True)
    initiatives = InitiativeReportSerializer(many=True)


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "maxLength": 40}]})
class NumberInput(serializers.Field):
    """A JSON number taken as the number it is (12.125 stays 12.125), or text in Indonesian format
    ("12.125" is twelve thousand one hundred and twenty-five), read by the action."""

    def to_internal_value(self, data: Any) -> Decimal | str:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return Decimal(str(data))
        if isinstance(data, str) and len(data) <= 40:
            return data
        raise exceptions.ValidationError(_("Give a number, or text such as 1.234,5."))

    def to_representation(self, value: Any) -> str:
        return str(value)


class KpiInput(serializers.Serializer[Any]):
    value = NumberInput(required=False)
    numerator = NumberInput(required=False)
    denominator = NumberInput(required=False)
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    evidence_link = serializers.CharField(required=False, allow_blank=True, max_length=500)
    submit = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The report's version you started from (0: none yet); a newer report is refused (400).",
    )


class InitiativeInput(serializers.Serializer[Any]):
    implementation = serializers.CharField(max_length=30)
    progress = NumberInput(required=False)
    realised = serializers.DictField(
        child=NumberInput(),
        required=False,
        help_text=", ".join(FundingSource.values),
    )
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    evidence_link = serializers.CharField(required=False, allow_blank=True, max_length=500)
    submit = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The report's version you started from (0: none yet); a newer report is refused (400).",
    )


class ReportReviewInput(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=[core.APPROVED, core.RETURNED])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)


def _actor(request: Request) -> User:
    """The requester, an account (every view here needs a login)."""
    return cast(User, request.user)


def require(allowed: bool) -> None:
    """A member who may open the region but not do this: 403, before any record is looked up."""
    if not allowed:
        raise exceptions.PermissionDenied()


def _write(request: Request, run: Callable[[], tuple[int, Any]]) -> Response:
    try:
        answer = answer_once(request, run)
    except ValidationError as error:
        raise as_api_error(error) from None
    return Response(answer.body, status=answer.status)


class PeriodList(APIView):
    @extend_schema(summary="A region's reporting periods", responses=PeriodListSerializer(many=True))
    def get(self, request: Request, version: str, code: str) -> Response:
        region = get_region_for_user(request.user, code)
        periods = list(Period.objects.filter(region=region))
        quick_wins = quick_win_progress_of({region.pk: {period.year for period in periods}})
        return Response(PeriodListSerializer(periods, many=True, context={"quick_wins": quick_wins}).data)


class OutcomeList(APIView):
    @extend_schema(
        summary="A region's outcome indicator series: one row per indicator and year, as the page lists them",
        responses=OutcomeSerializer(many=True),
    )
    def get(self, request: Request, version: str, code: str) -> Response:
        region = get_region_for_user(request.user, code)
        rows = OutcomeValue.objects.filter(region=region).order_by("name", "year")
        return Response(OutcomeSerializer(rows, many=True).data)


class MilestoneList(APIView):
    @extend_schema(
        summary="A region's Quick Win milestones: per Quick Win of the active masterplan, its milestones "
        "and whether an approved report marked them done, as the Quick Win milestones page lists them",
        responses=QuickWinMilestonesSerializer(many=True),
    )
    def get(self, request: Request, version: str, code: str) -> Response:
        region = get_region_for_user(request.user, code)
        return Response([_quick_win_milestones(group) for group in milestones_of(region)])


class Realisation(APIView):
    @extend_schema(
        summary="A period's realisation that you may see (OPD staff: their OPD's)",
        responses=RealisationDocument,
    )
    def get(self, request: Request, version: str, code: str, period_id: int) -> Response:
        region = get_region_for_user(request.user, code)
        period = get_period(region, period_id)
        kpis = KpiReport.objects.filter(
            period=period, kpi__in=reportable_kpis(request.user, region, period.year)
        ).select_related("kpi")
        initiatives = (
            InitiativeReport.objects.filter(
                period=period, initiative__in=reportable_initiatives(request.user, region, period.year)
            )
            .select_related("initiative")
            .prefetch_related("realisations")
        )
        document = {"period": period, "kpis": kpis, "initiatives": initiatives}
        return Response(RealisationDocument(document).data)


class KpiRealisation(APIView):
    @extend_schema(
        summary="Report a KPI's realisation for the period (draft, or submitted with submit=true)",
        request=KpiInput,
        responses=KpiReportSerializer,
    )
    def post(self, request: Request, version: str, code: str, period_id: int, kpi_id: int) -> Response:
        def run() -> tuple[int, Any]:
            region = get_region_for_user(request.user, code)
            require(can_report(request.user, region))
            period = get_period(region, period_id)
            kpi = get_kpi_for_reporter(request.user, region, kpi_id, period.year)
            data = KpiInput(data=request.data)
            data.is_valid(raise_exception=True)
            report = do_save_kpi_report(_actor(request), period, kpi, **data.validated_data)
            return 200, KpiReportSerializer(report).data

        return _write(request, run)


class InitiativeRealisation(APIView):
    @extend_schema(
        summary="Report an initiative's progress and realised budget for the period",
        request=InitiativeInput,
        responses=InitiativeReportSerializer,
    )
    def post(self, request: Request, version: str, code: str, period_id: int, initiative_id: int) -> Response:
        def run() -> tuple[int, Any]:
            region = get_region_for_user(request.user, code)
            require(can_report(request.user, region))
            period = get_period(region, period_id)
            initiative = get_initiative_for_reporter(request.user, region, initiative_id, period.year)
            data = InitiativeInput(data=request.data)
            data.is_valid(raise_exception=True)
            report = do_save_initiative_report(_actor(request), period, initiative, **data.validated_data)
            return 200, InitiativeReportSerializer(report).data

        return _write(request, run)


def _review(
    request: Request, code: str, get_report: Callable[..., Any], report_id: int, serializer: type[Any]
) -> Response:
    """Approve or return one report (KPI or initiative) through the same action as the pages."""

    def run() -> tuple[int, Any]:
        region = get_region_for_user(request.user, code)
        require(can_manage_monitoring(request.user, region))
        report = get_report(request.user, region, report_id)
        data = ReportReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        do_review_report(_actor(request), report, **data.validated_data)
        return 200, serializer(report).data

    return _write(request, run)


class KpiReview(APIView):
    @extend_schema(
        summary="Approve a submitted KPI report, or return it with a reason (the coordinator)",
        request=ReportReviewInput,
        responses=KpiReportSerializer,
    )
    def post(self, request: Request, version: str, code: str, kpi_report_id: int) -> Response:
        return _review(request, code, get_kpi_report, kpi_report_id, KpiReportSerializer)


class InitiativeReview(APIView):
    @extend_schema(
        summary="Approve a submitted initiative report, or return it with a reason (the coordinator)",
        request=ReportReviewInput,
        responses=InitiativeReportSerializer,
    )
    def post(self, request: Request, version: str, code: str, initiative_report_id: int) -> Response:
        return _review(request, code, get_initiative_report, initiative_report_id, InitiativeReportSerializer)
