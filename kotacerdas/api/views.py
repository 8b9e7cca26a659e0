"""API v1. Public reference data needs no token; region data follows the same
access getters as the web pages (404 for regions outside the caller's scope)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import get_region_for_user, memberships_of
from kotacerdas.api.serializers import InboxSerializer, MeSerializer, OpdSerializer, RegionSerializer
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.api import PROVINCE_CODE, SIZE_CLASSES, QueryFilters
from kotacerdas.web.inbox import collect_inbox


class RegionFilters(QueryFilters):
    province = serializers.RegexField(
        PROVINCE_CODE,
        required=False,
        error_messages={"invalid": _lazy("Use a 2-digit province code, e.g. 33.")},
    )
    kind = serializers.ChoiceField(choices=Region.Kind.values, required=False)
    size_class = serializers.ChoiceField(choices=SIZE_CLASSES, required=False)


@extend_schema(
    summary="List regions (provinces and kabupaten/kota)",
    parameters=[
        OpenApiParameter(
            "province",
            {"type": "string", "pattern": PROVINCE_CODE},
            description="2-digit province code, e.g. 33",
        ),
        OpenApiParameter("kind", str, enum=Region.Kind.values),
        OpenApiParameter("size_class", str, enum=SIZE_CLASSES, description="city-size class (PP 26/2008)"),
    ],
)
class RegionList(generics.ListAPIView[Region]):
    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    def get_queryset(self) -> QuerySet[Region]:
        filters = RegionFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        regions = Region.objects.select_related("province")
        for field in ("province", "kind", "size_class"):
            value = filters.validated_data.get(field)
            if value:
                regions = regions.filter(**{f"{field}__code" if field == "province" else field: value})
        return regions


@extend_schema(summary="One region by its Kemendagri code")
class RegionDetail(generics.RetrieveAPIView[Region]):
    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    queryset = Region.objects.select_related("province")
    lookup_field = "code"
    lookup_url_kwarg = "code"


@extend_schema(summary="The OPDs of a region you belong to (token required)")
class RegionOpdList(generics.ListAPIView[Opd]):
    serializer_class = OpdSerializer

    def get_queryset(self) -> QuerySet[Opd]:
        region = get_region_for_user(self.request.user, self.kwargs["code"])
        return region.opds.all()


class MeView(APIView):
    @extend_schema(summary="Who the token belongs to, with roles", responses=MeSerializer)
    def get(self, request: Request, version: str) -> Response:
        user = request.user
        data = {"username": user.get_username(), "name": str(user), "memberships": memberships_of(user)}
        return Response(MeSerializer(data).data)


class InboxView(APIView):
    @extend_schema(
        summary="Your own task inbox across all apps (token required)",
        description=(
            "What waits for the token's owner: assigned work, items due soon or overdue, items to "
            "review or approve and items returned to them, from the regions where they have a role."
        ),
        responses=InboxSerializer,
    )
    def get(self, request: Request, version: str) -> Response:
        inbox = collect_inbox(request.user)
        items = [
            {
                "group": item.group(inbox.today),
                "kind": item.kind,
                "title": item.title,
                "url": item.url,
                "region": item.region_code,
                "region_name": item.region_name,
                "due": item.due,
                "overdue": item.is_overdue(inbox.today),
                "detail": item.detail,
                "app": item.source,
            }
            for item in inbox.items
        ]
        data = {"today": inbox.today, "count": inbox.count, "counts": inbox.counts(), "items": items}
        return Response(InboxSerializer(data).data)
