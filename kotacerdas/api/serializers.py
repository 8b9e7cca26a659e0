from __future__ import annotations

from rest_framework import serializers

from kotacerdas.accounts.models import Membership
from kotacerdas.regions.models import Opd, Region


class RegionSerializer(serializers.ModelSerializer[Region]):
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


class OpdSerializer(serializers.ModelSerializer[Opd]):
    class Meta:
        model = Opd
        fields = ["id", "name", "short_name", "is_active"]


class MembershipSerializer(serializers.ModelSerializer[Membership]):
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
