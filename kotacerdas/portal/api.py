"""Read-only public API of the portal: the published regions and a region's current snapshot.

No login: these endpoints serve exactly what the public pages show, read from the published snapshots
(``kotacerdas.portal.access``); an unpublished region is 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.portal.access import get_public_snapshot, public_portals
from kotacerdas.portal.reading import evaluations_of, published_time
from kotacerdas.portal.snapshot import progress
from kotacerdas.web.api import TimeField


class PortalSummarySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField()
    size_class = serializers.CharField(allow_blank=True)
    published_at = TimeField()
    content_hash = serializers.CharField(help_text="SHA-256 of the snapshot's canonical JSON")
    overall_progress = serializers.CharField(
        allow_null=True, help_text="% of approved progress, a decimal rounded half up to one place ('29.8')"
    )
    parts = serializers.ListField(child=serializers.CharField())


class EvaluationSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    total = serializers.CharField(help_text="exact decimal")
    improvement = serializers.CharField(
        allow_null=True, help_text="exact decimal; null without a previous total"
    )
    size_class = serializers.CharField()
    # whole numbers, as the evaluation API and the open data give them; null: not verified, not ranked
    rank_national = serializers.IntegerField(allow_null=True)
    rank_province = serializers.IntegerField(allow_null=True)
    rank_in_class = serializers.IntegerField(allow_null=True)


class SnapshotSerializer(serializers.Serializer[Any]):
    published_at = TimeField()
    content_hash = serializers.CharField()
    parts = serializers.ListField(child=serializers.CharField())
    content = serializers.JSONField(
        help_text="the frozen content: region, and each published part (vision, books, dimensions, kpis, "
        "milestones, budget, events); approved values only, exact decimals as text, progress to one "
        "decimal. With the milestones, `quick_win_progress`: per year with a reporting period, the Quick Win "
        "milestones done and planned up to the year, of the masterplan revision the year belongs to. "
        "A snapshot frozen earlier may also hold an `evaluations` copy: the field below is current."
    )
    evaluations = EvaluationSerializer(
        many=True,
        allow_null=True,
        help_text="the region's rows in every published national evaluation, newest first, read from the "
        "national publications (not frozen in the snapshot); null when the region does not publish them",
    )


class Public(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []


class PortalList(Public):
    @extend_schema(
        summary="Regions with a published portal (no login)", responses=PortalSummarySerializer(many=True)
    )
    def get(self, request: Request, version: str) -> Response:
        rows = [
            {
                "code": p.region.code,
                "name": p.region.name,
                "province": p.region.province.name if p.region.province else "",
                "size_class": p.region.size_class,
                "published_at": published_time(p.current.published_at),
                "content_hash": p.current.content_hash,
                "overall_progress": progress(p.current.summary.get("overall")),
                "parts": p.current.parts,
            }
            for p in public_portals().order_by("region__code")
        ]
        return Response(PortalSummarySerializer(rows, many=True).data)


class PortalDetail(Public):
    @extend_schema(
        summary="A region's published snapshot (no login)",
        description="404 for a region whose portal is not published.",
        responses=SnapshotSerializer,
    )
    def get(self, request: Request, version: str, code: str) -> Response:
        snap = get_public_snapshot(code)
        data = {
            "published_at": published_time(snap.published_at),
            "content_hash": snap.content_hash,
            "parts": snap.parts,
            "content": snap.content,
            "evaluations": evaluations_of([snap]).get(code),
        }
        return Response(SnapshotSerializer(data).data)
