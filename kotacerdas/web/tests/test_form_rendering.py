"""The form renderer writes the same HTML as Django's default one, widget by widget (issue 13, item 11)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template.loader import render_to_string

from kotacerdas.web.form_rendering import WidgetRenderer
from kotacerdas.web.forms import RupiahInput, VersionedForm

CHOICES = [("", "—"), ("1", "1 — Rintisan"), ("2", 'Dua "kutip" <b>&</b>'), ("3", "Tiga")]


class EveryWidget(VersionedForm):
    """One field per widget the project's forms use, with the attributes they set."""

    title = forms.CharField(label="Judul", max_length=200, help_text="Contoh: <Rencana>")
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=0, required=False)
    amount = forms.DecimalField(required=False, widget=RupiahInput())
    level = forms.ChoiceField(choices=CHOICES)
    decision = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect)
    opds = forms.MultipleChoiceField(choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    due = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=False), required=False)
    file = forms.FileField(required=False)


class Canonical(HTMLParser):
    """A page's tags with their attributes sorted, and its text without layout whitespace."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(("<", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(("</", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.parts.append(" ".join(data.split()))


def canonical(html: str) -> list[Any]:
    parser = Canonical()
    parser.feed(html)
    return parser.parts


def as_html(form: forms.Form, renderer: Any) -> str:
    form.renderer = renderer
    for field in form.fields.values():
        field.widget.renderer = None  # each widget asks its form's renderer
    return render_to_string("form_fields.html", {"form": form})


GOOD = {
    "title": 'Rencana <induk> & "kutipan"',
    "level": "2",
    "decision": "3",
    "opds": ["1", "3"],
    "many": ["2"],
    "agree": "on",
    "notes": "baris satu\nbaris dua",
    "due": "2026-12-06",
    "amount": "1.500.000",
    "version": "4",
}
BAD = {"title": "", "level": "9", "decision": "", "count": "-1", "email": "bukan surel", "due": "kemarin"}


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: EveryWidget(), id="empty"),
        pytest.param(
            lambda: EveryWidget(initial={"title": "Awal", "level": "1", "due": datetime.date(2026, 1, 31)}),
            id="initial",
        ),
        pytest.param(lambda: EveryWidget(GOOD), id="bound"),
        pytest.param(lambda: EveryWidget(BAD), id="errors"),
    ],
)
def test_every_widget_renders_as_djangos_default_renderer_does(make: Any) -> None:
    ours, djangos = make(), make()
    ours.is_valid(), djangos.is_valid()
    mine = canonical(as_html(ours, WidgetRenderer()))
    assert mine == canonical(as_html(djangos, DjangoTemplates()))
    assert len([part for part in mine if part[:2] == ("<", "input")]) >= 14  # every widget was drawn


def test_text_from_people_is_escaped_in_every_attribute_and_option() -> None:
    form = EveryWidget({**GOOD, "title": '"><script>alert(1)</script>'})
    html = as_html(form, WidgetRenderer())
    parts = canonical(html)
    assert "<script>" not in html and "<b>" not in html
    assert (
        "<",
        "input",
        (
            ("aria-describedby", "id_title_helptext"),
            ("id", "id_title"),
            ("maxlength", "200"),
            ("name", "title"),
            ("required", None),
            ("type", "text"),
            ("value", '"><script>alert(1)</script>'),
        ),
    ) in parts
    assert (
        parts.count('Dua "kutip" <b>&</b>') == 4
    )  # a choice label from an instrument, as text, in every list


@pytest.mark.django_db
def test_the_project_renders_forms_with_it_and_a_librarys_own_widget_template_still_renders() -> None:
    from captcha.fields import CaptchaField  # written in Django's template language, not Jinja2

    assert isinstance(get_default_renderer(), WidgetRenderer)

    class WithCaptcha(forms.Form):
        captcha = CaptchaField()

    html = str(WithCaptcha()["captcha"])
    assert 'name="captcha_0"' in html and 'name="captcha_1"' in html
