"""API of Ayu's national monitoring view: every programme region's reporting completeness, as data.

The rows are the page's and the XLSX's (``national.rows_for`` over ``national.regions_for_user``): the
same regions, filters, order and figures, paged as every API list is (50 a page). The national admin's
only; anyone else signed in gets 404, as on the page.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.accounts.access import IsNationalAdmin
from kotacerdas.monitoring import national
from kotacerdas.monitoring.api import PeriodSerializer, QuickWinProgressSerializer
from kotacerdas.programme.forms import DashboardFilterForm
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.models import Region
from kotacerdas.web.api import PROVINCE_CODE, SIZE_CLASSES, blank_parameters

NO_PERIOD = (
    "null while the region has no reporting period (the page shows —; the XLSX says so in its period cell "
    "and leaves the figures empty)"
)


class NationalCompletenessRowSerializer(serializers.Serializer[Any]):
    """One region's row: the same cells as the national monitoring page and its XLSX."""

    region = serializers.CharField(help_text="Kemendagri code")
    region_name = serializers.CharField()
    province = serializers.CharField(allow_null=True, help_text="2-digit province code")
    province_name = serializers.CharField(allow_null=True)
    size_class = serializers.CharField(allow_blank=True)
    period = PeriodSerializer(
        allow_null=True,
        help_text="the period the region reports now (its card's); " + NO_PERIOD,
    )
    expected = serializers.IntegerField(
        allow_null=True, help_text="KPI and initiative reports the period expects; " + NO_PERIOD
    )
    reported = serializers.IntegerField(allow_null=True, help_text="of those, submitted or approved")
    approved = serializers.IntegerField(allow_null=True, help_text="of those, approved")
    completeness = serializers.FloatField(
        allow_null=True, help_text="reported of expected, percent to one decimal (100 when none is expected)"
    )
    progress = serializers.FloatField(
        allow_null=True,
        help_text="masterplan progress from the approved initiative reports, percent to one decimal, as on "
        "the region's monitoring page",
    )
    quick_win = QuickWinProgressSerializer(allow_null=True, help_text="of the period's year; " + NO_PERIOD)


def row_data(row: national.Row) -> dict[str, Any]:
    region, period = row.region, row.period
    data: dict[str, Any] = {
        "region": region.code,
        "region_name": region.name,
        "province": region.province.code if region.province else None,
        "province_name": region.province.name if region.province else None,
        "size_class": region.size_class,
        "period": period,
    }
    if period is None or row.completeness is None:
        return data | dict.fromkeys(
            ("expected", "reported", "approved", "completeness", "progress", "quick_win")
        )
    return data | {
        "expected": row.expected,
        "reported": row.reported,
        "approved": row.approved,
        "completeness": national.shown(row.completeness),
        "progress": national.shown(row.progress),
        "quick_win": row.quick_win or {"year": period.year, "done": 0, "planned": 0},  # as the XLSX: 0 of 0
    }


@extend_schema(
    summary="Every programme region's monitoring completeness: the national monitoring page as data",
    description="The rows of /monitoring/nasional/ and its XLSX, by region name, filtered as the page is.",
    parameters=[
        OpenApiParameter(
            "cohort", {"type": "integer", "minimum": 1}, description="cohort id: its selected regions"
        ),
        OpenApiParameter(
            "province", {"type": "string", "pattern": PROVINCE_CODE}, description="2-digit province code"
        ),
        OpenApiParameter("size_class", str, enum=SIZE_CLASSES, description="city-size class"),
    ],
)
class NationalCompleteness(generics.ListAPIView[Region]):
    serializer_class = NationalCompletenessRowSerializer
    permission_classes = [IsNationalAdmin]

    def get_queryset(self) -> Any:
        filters = self.request.query_params.copy()
        filters.pop("page", None)  # the paginator's
        cohorts = list(Cohort.objects.values_list("pk", "name"))
        form = DashboardFilterForm(filters or None, cohorts=cohorts)
        blank = blank_parameters(filters, form.fields)
        if blank or (form.is_bound and not form.is_valid()):
            refused = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            raise serializers.ValidationError(refused | blank)
        return national.regions_for_user(self.request.user, form)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None  # every list is paged (DEFAULT_PAGINATION_CLASS)
        rows = [row_data(row) for row in national.rows_for(page)]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
