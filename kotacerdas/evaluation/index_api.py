"""API of the composite-index runs: the list, and one run's results (the national admin's only).

Reads go through the same getters as the pages (index_access.py): anyone else gets 404 for the list
and for a run, as for a run that does not exist.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import IsNationalAdmin
from kotacerdas.evaluation.index_access import get_index_run_for_user, index_runs_for_user
from kotacerdas.evaluation.index_export import result_rows
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import analysis, document
from kotacerdas.web.api import TimeField


class IndexRunSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    note = serializers.CharField(help_text="e.g. “Data contoh (demo)” for example data")
    input = serializers.ChoiceField(
        choices=IndexRun.Source.values, source="source", help_text="an uploaded dataset or a cycle"
    )
    cycle_year = serializers.IntegerField(allow_null=True, help_text="the evaluation cycle used as input")
    status = serializers.ChoiceField(choices=IndexRun.Status.values)
    progress = serializers.IntegerField(help_text="percent")
    message = serializers.CharField(allow_blank=True, help_text="why a run failed")
    created_at = TimeField()
    finished_at = TimeField(allow_null=True)
    input_hash = serializers.CharField(help_text="SHA-256 of the stored iData/iMeta tables")
    result_hash = serializers.CharField(allow_blank=True, help_text="SHA-256 of the results, once done")
    regenerated_from = serializers.IntegerField(allow_null=True)


class UnitResultSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="uCode")
    name = serializers.CharField(allow_blank=True, help_text="uName")
    score = serializers.FloatField(allow_null=True, help_text="score of the target (the index)")
    rank = serializers.FloatField(allow_null=True, help_text="nominal rank, 1 = best")
    q05 = serializers.FloatField(allow_null=True, help_text="5 % quantile of the rank over the replications")
    median = serializers.FloatField(allow_null=True)
    q95 = serializers.FloatField(allow_null=True, help_text="95 % quantile of the rank")


class SobolSerializer(serializers.Serializer[Any]):
    input = serializers.CharField(help_text="the uncertain assumption: weights, normalise, aggregate, …")
    first_order = serializers.FloatField(help_text="first-order Sobol index Si")
    total = serializers.FloatField(help_text="total Sobol index STi")


class IndexRunResultsSerializer(serializers.Serializer[Any]):
    run = IndexRunSerializer()
    recipe = serializers.DictField(help_text="the recipe file for `kotacerdas index … --recipe`")
    analysis = serializers.DictField(help_text="replications, seed, sensitivity")
    target = serializers.CharField(allow_blank=True)
    runs = serializers.IntegerField(help_text="replications computed (N × (d + 2) with Sobol indices)")
    results = UnitResultSerializer(many=True, help_text="best first; empty until the run is done")
    sensitivity = SobolSerializer(many=True)


def run_json(run: IndexRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "title": run.title,
        "note": run.note,
        "source": run.source,
        "cycle_year": run.cycle.year if run.cycle else None,
        "status": run.status,
        "progress": run.progress,
        "message": run.message,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "input_hash": run.input_hash,
        "result_hash": run.result_hash,
        "regenerated_from": run.regenerated_from_id,
    }


class IndexRunList(APIView):
    permission_classes = [IsNationalAdmin]  # anyone else: 404, as on the pages

    @extend_schema(
        summary="Composite-index runs (national admin only)", responses=IndexRunSerializer(many=True)
    )
    def get(self, request: Request, version: str) -> Response:
        runs = [run_json(run) for run in index_runs_for_user(request.user)]
        return Response(IndexRunSerializer(runs, many=True).data)


class IndexRunResults(APIView):
    permission_classes = [IsNationalAdmin]

    @extend_schema(
        summary="A composite-index run's scores, ranks with 5–95 % intervals and Sobol indices",
        description="404 for anyone but the national admin (the list too). "
        "Results are empty until the run is done.",
        responses=IndexRunResultsSerializer,
    )
    def get(self, request: Request, version: str, index_run_id: int) -> Response:
        run = get_index_run_for_user(request.user, index_run_id)
        results = run.results if run.status == IndexRun.Status.DONE else {}
        data = {
            "run": run_json(run),
            "recipe": document(run.recipe),
            "analysis": analysis(run.recipe),
            "target": results.get("target", ""),
            "runs": results.get("runs", 0),
            "results": result_rows(results) if results else [],
            "sensitivity": results.get("sensitivity", []),
        }
        return Response(IndexRunResultsSerializer(data).data)
