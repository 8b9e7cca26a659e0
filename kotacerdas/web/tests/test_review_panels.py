"""The review-panel registry renders the panels an app contributes, in order, skipping empty ones."""

from __future__ import annotations

from types import SimpleNamespace

from kotacerdas.web import review_panels


def test_panels_render_in_order_and_none_means_nothing_to_show(tmp_path, settings) -> None:
    (tmp_path / "panel.html").write_text("<p>{{ key }}:{{ region }}</p>")
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [tmp_path]}]
    saved = dict(review_panels._REGISTRY)
    review_panels._REGISTRY.clear()
    try:
        review_panels.register(review_panels.Panel("b", 20, "panel.html", lambda user, region: {"key": "b"}))
        review_panels.register(review_panels.Panel("a", 10, "panel.html", lambda user, region: {"key": "a"}))
        review_panels.register(review_panels.Panel("c", 5, "panel.html", lambda user, region: None))
        request = SimpleNamespace(user="rina")
        assert review_panels.render_panels(request, "33.73") == ["<p>a:33.73</p>", "<p>b:33.73</p>"]
    finally:
        review_panels._REGISTRY.clear()
        review_panels._REGISTRY.update(saved)
