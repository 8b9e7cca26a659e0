"""API of the masterplan: the plan of record (the adopted schedule) as one JSON document.

The answer is ``PlanOfRecord.as_document()``, the same object the books, pages and exports read.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.web.api import TimeField


class PlannedInitiativeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField(help_text="inclusive")
    cost = serializers.DictField(
        child=serializers.IntegerField(), help_text="whole rupiah per calendar year, all sources"
    )


class PlanOfRecordSerializer(serializers.Serializer[Any]):
    adopted_at = TimeField()
    run_id = serializers.IntegerField(
        allow_null=True, help_text="the adopted roadmap run; null for a confirmed hand-edited schedule"
    )
    input_hash = serializers.CharField(help_text="sha256 of the inputs the schedule was made from")
    changed_since_adoption = serializers.ListField(
        child=serializers.CharField(), help_text="what changed in the initiatives since adoption"
    )
    ceilings = serializers.DictField(
        child=serializers.IntegerField(), help_text="yearly budget ceiling (all sources), whole rupiah"
    )
    initiatives = PlannedInitiativeSerializer(many=True, help_text="the scheduled initiatives only")


class PlanOfRecordView(APIView):
    @extend_schema(
        summary="A region's plan of record: the adopted schedule with yearly costs and ceilings",
        description="For the region's members. 404 when the region is not yours or no plan is adopted.",
        responses=PlanOfRecordSerializer,
    )
    def get(self, request: Request, version: str, code: str) -> Response:
        region = get_region_for_user(request.user, code)
        plan = plan_of_record(region)
        if plan is None:
            raise Http404
        return Response(plan.as_document())
