"""Reads of comment threads, each through the region the user may open."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import Person, get_region_for_user, visible_regions
from kotacerdas.discussion.models import Comment
from kotacerdas.discussion.registry import model_for, region_path_for
from kotacerdas.regions.models import Region
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
    content_type = ContentType.objects.get_for_model(target)
    return Comment.objects.filter(content_type=content_type, object_id=target.pk).select_related("author")


def thread_of(target: models.Model) -> list[dict[str, Any]]:
    """The comments on ``target`` as a tree: [{"comment": c, "replies": [...]}, ...] oldest first."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for comment in comments_on(target):
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
