"""The one exception the composite-index engine raises for bad inputs or impossible settings."""

from __future__ import annotations


class CompositeIndexError(ValueError):
    """A problem with the data, the metadata or the recipe, named so the user can fix it.

    The message always names the culprit (row, column, iCode or recipe key).
    """
