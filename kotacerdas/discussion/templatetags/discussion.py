"""``{% load discussion %}{% discussion_thread object %}`` shows an object's thread and a comment form."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from kotacerdas.discussion.access import thread_of
from kotacerdas.discussion.forms import CommentForm
from kotacerdas.discussion.registry import label_of, region_of

register = template.Library()


@register.inclusion_tag("discussion/thread.html", takes_context=True)
def discussion_thread(context: template.Context, target: models.Model) -> dict[str, Any]:
    request = context.get("request")
    return {
        "target": target,
        "target_label": label_of(target),
        "region_code": region_of(target).code,
        "thread": thread_of(target),
        "form": CommentForm(),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
    }
