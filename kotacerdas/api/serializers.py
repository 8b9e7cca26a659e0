from __future__ import annotations

from rest_framework import serializers

from kotacerdas.accounts.models import Membership
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.api import ModelSerializer
from kotacerdas.web.inbox import ASSIGNED, GROUP_LABELS, RETURNED, REVIEW


class RegionSerializer(ModelSerializer[Region]):
    province: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    province_name = serializers.CharField(
        source="province.name", read_only=True, allow_null=True, default=None
    )
    area_km2 = serializers.DecimalField(
        max_digits=12, decimal_places=3, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "kind",
            "province",
            "province_name",
            "population",
            "population_year",
            "population_source",
            "area_km2",
            "size_class",
        ]


class OpdSerializer(ModelSerializer[Opd]):
    class Meta:
        model = Opd
        fields = ["id", "name", "short_name", "is_active"]


class MembershipSerializer(ModelSerializer[Membership]):
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    opd: serializers.PrimaryKeyRelatedField[Opd] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Membership
        fields = ["role", "region", "opd"]


class MeSerializer(serializers.Serializer[object]):
    username = serializers.CharField()
    name = serializers.CharField()
    memberships = MembershipSerializer(many=True)


class InboxItemSerializer(serializers.Serializer[object]):
    group = serializers.ChoiceField(
        choices=list(GROUP_LABELS), help_text="where the item is listed (the due date moves assigned work)"
    )
    kind = serializers.ChoiceField(
        choices=[ASSIGNED, REVIEW, RETURNED], help_text="why it waits for you: assigned, review, returned"
    )
    title = serializers.CharField(help_text="in the request's language (Indonesian by default)")
    url = serializers.CharField(help_text="the record's page, relative to the site")
    region = serializers.CharField(help_text="Kemendagri code, e.g. 33.73")
    region_name = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    detail = serializers.CharField(allow_blank=True, help_text="e.g. the reviewer's reason")
    app = serializers.CharField(help_text="the app the item comes from")


class InboxSerializer(serializers.Serializer[object]):
    today = serializers.DateField()
    count = serializers.IntegerField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="items per group")
    items = InboxItemSerializer(many=True)
