"""The participation API: a consultation's public ideas, and supporting an idea (a verified citizen)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.models import User
from kotacerdas.participation import limits
from kotacerdas.participation.access import get_consultation, get_idea, public_ideas
from kotacerdas.participation.actions.posting import do_support
from kotacerdas.participation.models import Idea
from kotacerdas.web.api import ModelSerializer, as_api_error
from kotacerdas.web.submissions import answer_once


class IdeaSerializer(ModelSerializer[Idea]):
    support_count = serializers.IntegerField(read_only=True)
    problem_code = serializers.CharField(source="problem.code", read_only=True, default=None)

    class Meta:
        model = Idea
        fields = [
            "id",
            "kind",
            "title",
            "text",
            "dimension",
            "element",
            "kecamatan",
            "author_name",
            "created_at",
            "support_count",
            "outcome",
            "outcome_reason",
            "problem_code",
        ]


@extend_schema(summary="The published ideas of a consultation, with their support counts")
class ConsultationIdeas(generics.ListAPIView[Idea]):
    serializer_class = IdeaSerializer
    permission_classes = [AllowAny]

    def get_queryset(self) -> Any:
        return public_ideas(get_consultation(self.kwargs["consultation_id"])).order_by("-created_at", "-pk")


class SupportAnswer(serializers.Serializer[Any]):
    idea = serializers.IntegerField()
    support_count = serializers.IntegerField()


class IdeaSupport(APIView):
    @extend_schema(
        summary="Support an idea (once per person, while the phase is open)",
        request=None,
        responses=SupportAnswer,
    )
    def post(self, request: Request, version: str, idea_id: int) -> Response:
        idea = get_idea(request.user, idea_id)
        actor = cast(User, request.user)  # signed in: the API's default permission (IsAuthenticated)

        def run() -> tuple[int, Any]:
            do_support(actor, idea, address_key=limits.address_key(request))
            return 201, {"idea": idea.pk, "support_count": idea.supports.count()}

        try:
            answer = answer_once(request, run)
        except ValidationError as error:
            raise as_api_error(error) from None
        return Response(answer.body, status=answer.status)
