from django.contrib import admin

from kotacerdas.regions.models import Opd, Region, SizeClassSchemeRecord


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name", "kind", "province", "population", "size_class"]
    list_filter = ["kind", "size_class"]
    search_fields = ["code", "name"]
    readonly_fields = ["size_class"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin[Opd]):
    list_display = ["name", "short_name", "region", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name", "region__name"]
    autocomplete_fields = ["region"]


@admin.register(SizeClassSchemeRecord)
class SizeClassSchemeAdmin(admin.ModelAdmin[SizeClassSchemeRecord]):
    list_display = ["code", "name", "is_active"]
