"""Reads of comment threads, each through the region the user may open."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import Person, get_region_for_user, visible_regions
from kotacerdas.discussion.models import Comment
from kotacerdas.discussion.registry import model_for, region_path_for
from kotacerdas.regions.models import Region
from kotacerdas.web.compiled import compiled
from kotacerdas.web.pages import region_page


def may_comment_in(user: Person, region: Region) -> bool:
    """Every member of the region (coordinator, mentor, assessor, OPD staff) and Ayu."""
    return visible_regions(user).filter(pk=region.pk).exists()


# Posting a comment: the region through its getter (404 for others), then the right to comment.
discussion_page = region_page(get_region_for_user, may_comment_in)


def get_target_in_region(region: Region, label: str, object_id: int) -> models.Model:
    """The registered object ``label``/``object_id`` of ``region``; 404 for anything else.

    ``region`` must already come from ``get_region_for_user`` (the user may open it).
    """
    model = model_for(label)
    if model is None:
        raise Http404
    try:
        return model._default_manager.get(pk=object_id, **{region_path_for(label): region})
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def get_parent_for_target(target: models.Model, parent_id: int) -> Comment:
    try:
        return comments_on(target).get(pk=parent_id)
    except Comment.DoesNotExist:
        raise Http404 from None


def comments_on(target: models.Model) -> QuerySet[Comment]:
    return _comments(ContentType.objects.get_for_model(target).pk, target.pk)


# Stand-ins for the compiled read of a thread (kotacerdas.web.compiled): every KPI report, answer and
# initiative page shows one, and building its queryset cost more than running it. ``object_id`` is a
# positive column: Django answers a negative value for it with no query at all, so its stand-in is positive.
_CONTENT_TYPE, _OBJECT = -7_231_030, 7_231_031_000_000


def _comments(content_type_id: int, object_id: int) -> QuerySet[Comment]:
    comments = Comment.objects.filter(content_type_id=content_type_id, object_id=object_id)
    return comments.select_related("author")


def thread_of(target: models.Model) -> list[dict[str, Any]]:
    """The comments on ``target`` as a tree: [{"comment": c, "replies": [...]}, ...] oldest first."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    content_type = ContentType.objects.get_for_model(target)  # kept by Django after the first
    query = compiled("comment thread", router.db_for_read(Comment), _comments, _CONTENT_TYPE, _OBJECT)
    for comment in query.objects(content_type.pk, target.pk):
        node = {"comment": comment, "replies": []}
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent["replies"] if parent else roots).append(node)
    return roots


def comment_counts(targets: list[models.Model]) -> dict[int, int]:
    """Number of comments per target id (all targets of one model)."""
    if not targets:
        return {}
    content_type = ContentType.objects.get_for_model(targets[0])
    rows = (
        Comment.objects.filter(content_type=content_type, object_id__in=[t.pk for t in targets])
        .values_list("object_id")
        .annotate(n=models.Count("id"))
        .order_by()
    )
    return dict(rows)
