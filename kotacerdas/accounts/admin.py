from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kotacerdas.accounts.models import Membership, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    autocomplete_fields = ["region", "opd"]


@admin.register(User)
class KotacerdasUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "region", "opd"]
    list_filter = ["role"]
    search_fields = ["user__username", "region__name", "opd__name"]
    autocomplete_fields = ["user", "region", "opd"]
