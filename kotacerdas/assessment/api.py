"""Read-only API for a region's assessments and results (token auth; 404 outside your regions)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.assessment.access import get_assessment_in_region
from kotacerdas.assessment.actions.common import closing_of
from kotacerdas.assessment.models import Assessment, Result
from kotacerdas.web.api import ModelSerializer, TimeField


class AssessmentResultSerializer(ModelSerializer[Result]):
    class Meta:
        model = Result
        fields = ["kind", "total", "total_exact", "band", "created_at", "recipe", "answers", "data"]


class ClosingSerializer(serializers.Serializer[Any]):
    """Why, by whom and when a closed assessment was closed: the banner's reason and time; ``who`` is the
    username (as the programme's history API gives it), where the banner shows the full name."""

    who = serializers.CharField(source="actor.username")
    when = TimeField(source="created_at")
    why = serializers.CharField(
        source="reason_text",
        help_text="in the reader's language (Indonesian unless the language cookie chose English), e.g. "
        "“Ditutup karena siklus evaluasi 2027 diterbitkan pada 5 Desember 2027.”",
    )


class AssessmentSerializer(ModelSerializer[Assessment]):
    region = serializers.CharField(source="region.code", read_only=True)
    assessor = serializers.CharField(
        source="assessor.username", read_only=True, allow_null=True, default=None
    )
    results = serializers.SerializerMethodField()
    closed = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "region",
            "title",
            "instrument_id",
            "instrument_version",
            "instrument_hash",
            "state",
            "deadline",
            "target",
            "assessor",
            "created_at",
            "closed",
            "results",
        ]

    @extend_schema_field(ClosingSerializer(allow_null=True))
    def get_closed(self, assessment: Assessment) -> dict[str, Any] | None:
        """Null unless the state is ``closed``: then who closed it, when, and why (read-only for good)."""
        closing = closing_of(assessment)
        return None if closing is None else dict(ClosingSerializer(closing).data)

    @extend_schema_field(AssessmentResultSerializer(many=True))
    def get_results(self, assessment: Assessment) -> list[dict[str, Any]]:
        """The latest self-assessed and verified result, each with its recipe."""
        latest = []
        for kind in (Result.Kind.SELF, Result.Kind.VERIFIED):
            result = assessment.results.filter(kind=kind).first()
            if result is not None:
                latest.append(dict(AssessmentResultSerializer(result).data))
        return latest


@extend_schema(summary="The assessments of a region you belong to, with their latest results")
class RegionAssessmentList(generics.ListAPIView[Assessment]):
    serializer_class = AssessmentSerializer

    def get_queryset(self) -> QuerySet[Assessment]:
        region = get_region_for_user(self.request.user, self.kwargs["code"])
        return region.assessments.select_related("region", "assessor").order_by("-created_at", "-id")


@extend_schema(summary="One assessment of a region you belong to, with its latest results")
class RegionAssessmentDetail(generics.RetrieveAPIView[Assessment]):
    serializer_class = AssessmentSerializer

    def get_object(self) -> Assessment:
        region = get_region_for_user(self.request.user, self.kwargs["code"])
        return get_assessment_in_region(region, self.kwargs["assessment_id"])


@extend_schema(summary="Every result of one assessment (self-assessed and verified), newest first")
class RegionAssessmentResults(generics.ListAPIView[Result]):
    serializer_class = AssessmentResultSerializer

    def get_queryset(self) -> QuerySet[Result]:
        region = get_region_for_user(self.request.user, self.kwargs["code"])
        assessment = get_assessment_in_region(region, self.kwargs["assessment_id"])
        return assessment.results.all()
