from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home pages and the navigation context: the shell on top of every bounded context.

    It may import any app; nothing imports it (the kernel in kotacerdas.web stays below all apps)."""

    name = "kotacerdas.home"
    label = "home"
