"""How form widgets become HTML: Django's own widget templates through Jinja2, the rest as before.

A form field's HTML is written by small templates, one per widget and one more per ``<option>``,
each including ``attrs.html``. Rendered by the Django template language they were most of an
edit page's CPU (the answer page: 5.5 of its 11 ms under a profiler, an ``attrs.html`` per option).
Django ships the same templates written for Jinja2, which compiles them to Python functions, and
``django.forms.renderers.Jinja2`` would use them, but only them: a library's widget template
written for Django's language (the captcha's) would no longer be found. This renderer takes
Django's own form templates from their Jinja2 versions and every other template from Django's
default form renderer, exactly as before.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template.backends.jinja2 import Jinja2

# Django's own form templates: widgets, fields, forms, formsets and error lists.
DJANGO_FORM_TEMPLATES = "django/forms/"


class WidgetRenderer(BaseRenderer):
    """Django's form templates in their Jinja2 versions; any other form template as Django's default."""

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2(
            {
                "APP_DIRS": False,  # Django's own templates only: no app ships a jinja2/ folder
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "kotacerdas-forms",
                "OPTIONS": {"auto_reload": False},  # read once: they change only with Django itself
            }
        )

    @cached_property
    def others(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        if template_name.startswith(DJANGO_FORM_TEMPLATES):
            return self.jinja2.get_template(template_name)
        return self.others.get_template(template_name)
