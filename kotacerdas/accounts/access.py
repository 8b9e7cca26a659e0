"""Who may see and do what. Region-scoped reads go through these getters.

Each rule is one condition per line so a reviewer can check it against the
roles table in docs/reference/roles.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import wraps
from typing import Any, TypeAlias

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db import router
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions, permissions

from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.compiled import compiled
from kotacerdas.web.inbox import InboxQuery, StandIn
from kotacerdas.web.memo import request_memo

# Whoever sent a request: an account, or a visitor who is not logged in.
Person: TypeAlias = User | AnonymousUser


class SignedInRequest(HttpRequest):
    """A request behind ``login_required``: its user is an account (so views may pass it as actor)."""

    user: User


def is_national_admin(user: Person) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Asked by the navigation, every page's access check and every region-page section: look it up
    # once per user object (``request.user`` lives for one request).
    cached: bool | None = getattr(user, "_kc_is_national_admin", None)
    if cached is None:
        roles = roles_in_request(user)
        if roles is not None:
            cached = roles.national_admin
        else:
            cached = Membership.objects.filter(user=user, role=Role.NATIONAL_ADMIN).exists()
        user._kc_is_national_admin = cached  # type: ignore[attr-defined]
    return cached


def forget_roles(user: Person) -> None:
    """Drop the role looked up on this user object (after its memberships changed)."""
    user.__dict__.pop("_kc_is_national_admin", None)
    memo = request_memo()
    if memo is not None:
        memo.pop(("roles", user.pk), None)


@dataclass(frozen=True)
class Roles:
    """All of a person's roles: national admin or not, region ids per role, OPD ids (in all, and per
    role and region)."""

    national_admin: bool = False
    regions: dict[str, set[int]] = field(default_factory=dict)
    opds: set[int] = field(default_factory=set)
    opds_in: dict[tuple[str, int], set[int]] = field(default_factory=dict)

    def has(self, role: str, region_id: int) -> bool:
        return region_id in self.regions.get(role, set())


_USER_ID = -7_231_006  # stands for the person's id in the compiled roles query


def _memberships_of(user_id: int) -> QuerySet[Membership, tuple[str, int | None, int | None]]:
    return Membership.objects.filter(user_id=user_id).order_by().values_list("role", "region_id", "opd_id")


def roles_in_request(user: Person) -> Roles | None:
    """The person's roles, read in one query once per request (shared by the page's access and edit
    checks, the navigation's inbox and the region page's sections; its SQL compiled once per process);
    None outside a request."""
    memo = request_memo()
    if memo is None or not user.is_authenticated:
        return None
    key = ("roles", user.pk)
    if key not in memo:
        database = router.db_for_read(Membership)
        memo[key] = roles_of(compiled("roles", database, _memberships_of, _USER_ID).rows(user.pk))
    roles_read: Roles = memo[key]
    return roles_read


def roles_of(rows: Iterable[tuple[str, int | None, int | None]]) -> Roles:
    """A person's roles from their memberships' (role, region id, OPD id) rows."""
    roles = Roles()
    for role, region_id, opd_id in rows:
        if role == Role.NATIONAL_ADMIN:
            roles = replace(roles, national_admin=True)
        if region_id is not None:
            roles.regions.setdefault(role, set()).add(region_id)
        if region_id is not None and opd_id:
            roles.opds.add(opd_id)
            roles.opds_in.setdefault((role, region_id), set()).add(opd_id)
    return roles


def keep_roles(user_id: int, rows: Iterable[tuple[str, int | None, int | None]]) -> None:
    """Keep for this request the roles read with the person (the login backend reads both at once)."""
    memo = request_memo()
    if memo is not None:
        memo[("roles", user_id)] = roles_of(rows)


@dataclass(frozen=True)
class InboxRoles:
    """A person's roles as region ids per role (and OPD ids), read once for all inbox contributors."""

    regions: dict[str, set[int]] = field(default_factory=dict)
    opds: set[int] = field(default_factory=set)

    def of(self, *roles: str) -> set[int]:
        return set().union(*(self.regions.get(role, set()) for role in roles))


def inbox_roles(query: InboxQuery) -> InboxRoles:
    """The person's region-scoped roles (one query per inbox collection, shared through its memo)."""
    if "roles" in query.memo:  # this collection's, or a stand-in's (inbox_stand_in)
        return query.memo["roles"]
    known = roles_in_request(query.user)
    if known is not None:
        query.memo["roles"] = InboxRoles(regions=known.regions, opds=known.opds)
    if "roles" not in query.memo:
        roles = InboxRoles()
        rows = Membership.objects.filter(user=query.user, region__isnull=False)
        for role, region_id, opd_id in rows.values_list("role", "region_id", "opd_id"):
            roles.regions.setdefault(role, set()).add(region_id)
            if opd_id:
                roles.opds.add(opd_id)
        query.memo["roles"] = roles
    return query.memo["roles"]


def inbox_stand_in(query: InboxQuery) -> StandIn:
    """The person's inbox query with stand-in ids (``kotacerdas.web.inbox``): its shape is their roles
    and how many regions (and OPDs) each covers."""
    roles = inbox_roles(query)
    ids: dict[int, int] = {}

    def stand_in_for(real: int) -> int:
        stand_in = _STAND_INS_FROM - len(ids)
        ids[stand_in] = real
        return stand_in

    user = User(pk=stand_in_for(query.user.pk))
    regions = {role: {stand_in_for(pk) for pk in sorted(pks)} for role, pks in sorted(roles.regions.items())}
    opds = {stand_in_for(pk) for pk in sorted(roles.opds)}
    shape = (tuple((role, len(pks)) for role, pks in sorted(roles.regions.items())), len(roles.opds))
    memo = {"roles": InboxRoles(regions=regions, opds=opds)}
    return StandIn(shape, InboxQuery(user, query.today, memo), ids)


# Far from any id a table will reach, and negative: a stand-in is never a real row's id.
_STAND_INS_FROM = -7_340_001


def memberships_of(user: Person) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("region", "opd")


def visible_regions(user: Person) -> QuerySet[Region]:
    """Regions whose workspace (team, OPDs, unpublished work) the user may open."""
    if not user.is_authenticated:
        return Region.objects.none()
    if is_national_admin(user):
        return Region.objects.exclude(kind=Region.Kind.PROVINCE)
    return Region.objects.filter(memberships__user=user).distinct()


def get_region_for_user(user: Person, code: str) -> Region:
    """The region with this code if the user may open it; 404 otherwise (never 403: no leak).

    In a request, the person's roles are already read: the region is read by its code alone, with SQL
    compiled once per process (every region page asks), and checked against them as
    :func:`visible_regions` would."""
    roles = roles_in_request(user)
    if roles is None:
        try:
            return visible_regions(user).select_related("province").get(code=code)
        except Region.DoesNotExist:
            raise Http404 from None
    region = _region_by_code(code)
    if region is None or not _may_open(user, roles, region):
        raise Http404
    return region


_CODE = "\x00region-code"  # stands for the code in the compiled query: no real code holds a NUL


def _with_code(code: str) -> QuerySet[Region]:
    return Region.objects.filter(code=code).select_related("province")  # the region page shows it


def _region_by_code(code: str) -> Region | None:
    region: Region | None = compiled("region by code", router.db_for_read(Region), _with_code, _CODE).first(
        code
    )
    return region


def _may_open(user: Person, roles: Roles, region: Region) -> bool:
    """:func:`visible_regions`, for one region, from the roles read for the request."""
    if is_national_admin(user):
        return region.kind != Region.Kind.PROVINCE
    return any(region.pk in ids for ids in roles.regions.values())


def can_manage_region(user: Person, region: Region) -> bool:
    """Edit the region's own set-up (OPD list, team)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    roles = roles_in_request(user)
    if roles is not None:
        return roles.has(Role.COORDINATOR, region.pk)
    return Membership.objects.filter(user=user, role=Role.COORDINATOR, region=region).exists()


def opds_of_user(user: Person) -> QuerySet[Opd]:
    if not user.is_authenticated:
        return Opd.objects.none()
    return Opd.objects.filter(memberships__user=user, memberships__role=Role.OPD_CONTRIBUTOR).select_related(
        "region"
    )


View = Callable[..., HttpResponse]


def national_admin_required(view: View) -> View:
    """Pages only the national admin may open; others get 404 so nothing leaks."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_national_admin(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class IsNationalAdmin(permissions.BasePermission):
    """Ayu only. Anyone else who is logged in gets 404, as on the web pages (nothing leaks)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if not is_national_admin(request.user):
            raise exceptions.NotFound()
        return True
