"""API of the yearly evaluation: the cycles, and a cycle's published results with ranks and bands.

Reads go through the same getters as the web pages (kotacerdas/evaluation/access.py): a published
cycle is for anyone signed in (token or session), an open one is 404 for everyone but the national
admin, who gets it with ``published: false`` and no results. Every figure comes from the immutable
publication, exact decimals as text.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.evaluation.access import get_cycle_by_year_for_user, visible_cycles
from kotacerdas.evaluation.models import Cycle, Publication
from kotacerdas.regions.models import Region
from kotacerdas.web.api import TimeField


class CycleSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    state = serializers.ChoiceField(choices=Cycle.State.values)
    note = serializers.CharField(help_text="e.g. “Data contoh (demo)” for example data")
    instrument = serializers.CharField()
    instrument_version = serializers.CharField()
    size_scheme = serializers.CharField(help_text="the size-class scheme frozen when the cycle was opened")
    publication_on = serializers.DateField()
    published_at = TimeField(allow_null=True)
    input_hash = serializers.CharField(allow_blank=True, help_text="SHA-256 of the published inputs")


class BandSerializer(serializers.Serializer[Any]):
    q05 = serializers.FloatField(help_text="5 % quantile of the rank within the size class")
    median = serializers.FloatField()
    q95 = serializers.FloatField(help_text="95 % quantile of the rank within the size class")
    robust = serializers.BooleanField()


class PublishedResultSerializer(serializers.Serializer[Any]):
    region_code = serializers.CharField()
    region_name = serializers.CharField()
    province_code = serializers.CharField()
    total = serializers.CharField(help_text="exact decimal")
    improvement = serializers.CharField(
        allow_null=True, help_text="exact decimal; null without a previous total"
    )
    size_class = serializers.CharField()
    verified = serializers.BooleanField(help_text="unverified results are listed but not ranked")
    rank_national = serializers.IntegerField(allow_null=True)
    rank_province = serializers.IntegerField(allow_null=True)
    rank_in_class = serializers.IntegerField(allow_null=True)
    rank_in_class_band = BandSerializer(allow_null=True)
    dimension_scores = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="smart-city dimension code → score 0–5, exact (a decimal, or a/b when it has no "
        "finite decimal), frozen at publication: 5 × masterplan programmes running / planned in the "
        "year; null when none was planned. Empty for results published before kotacerdas derived them.",
    )


class CycleResultsSerializer(serializers.Serializer[Any]):
    cycle = CycleSerializer()
    published = serializers.BooleanField()
    results = PublishedResultSerializer(many=True)


def cycle_json(cycle: Cycle) -> dict[str, Any]:
    publication: Publication | None = getattr(cycle, "publication", None)
    return {
        "year": cycle.year,
        "state": cycle.state,
        "note": cycle.note,
        "instrument": cycle.instrument,
        "instrument_version": cycle.instrument_version,
        "size_scheme": cycle.size_scheme.get("id", ""),
        "publication_on": cycle.publication_on,
        "published_at": publication.published_at if publication else None,
        "input_hash": publication.input_hash if publication else "",
    }


def _rank(text: str) -> int | None:
    return int(text) if text else None


def results_json(publication: Publication) -> list[dict[str, Any]]:
    codes = [row["region_code"] for row in publication.rows]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    out = []
    for row in publication.rows:
        code = row["region_code"]
        band = publication.bands.get(code)
        out.append(
            {
                "region_code": code,
                "region_name": names.get(code, ""),
                "province_code": code[:2],
                "total": row["total"],
                "improvement": row["improvement"] or None,
                "size_class": row["size_class"],
                "verified": bool(row["rank_national"]),
                "rank_national": _rank(row["rank_national"]),
                "rank_province": _rank(row["rank_province"]),
                "rank_in_class": _rank(row["rank_in_class"]),
                "rank_in_class_band": None
                if band is None
                else {k: float(band[k]) for k in ("q05", "median", "q95")} | {"robust": band["robust"]},
                "dimension_scores": {
                    dimension: score or None
                    for dimension, score in publication.inputs.get(code, {}).get("dimensions", {}).items()
                },
            }
        )
    return out


class CycleList(APIView):
    @extend_schema(
        summary="Evaluation cycles: the published ones (every cycle for the national admin)",
        responses=CycleSerializer(many=True),
    )
    def get(self, request: Request, version: str) -> Response:
        return Response(
            CycleSerializer([cycle_json(c) for c in visible_cycles(request.user)], many=True).data
        )


class CycleResults(APIView):
    @extend_schema(
        summary="A cycle's published results: national, province and size-class ranks with rank bands",
        description="404 for a cycle that is not published, except for the national admin "
        "(who gets `published: false` and no results).",
        responses=CycleResultsSerializer,
    )
    def get(self, request: Request, version: str, year: int) -> Response:
        cycle = get_cycle_by_year_for_user(request.user, year)
        publication: Publication | None = getattr(cycle, "publication", None)
        data = {
            "cycle": cycle_json(cycle),
            "published": publication is not None,
            "results": results_json(publication) if publication else [],
        }
        return Response(CycleResultsSerializer(data).data)
