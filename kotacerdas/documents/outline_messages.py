"""The book outline's problems (``core.books.outline.OutlineError``) in the reader's language.

The core names each problem by a code with its details; the national admin editing a year's outline
reads them here, translated (the core's English sentence stays for the command line)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.books.outline import OutlineError

MESSAGES = {
    "yaml": _("The text is not valid YAML: %(error)s"),
    "override_shape": _("The override must be a mapping with a list under 'books'."),
    "outline_shape": _("The outline must be a mapping with a list under 'books'."),
    "needs_key": _("%(where)s needs a 'key'."),
    "no_default": _("At least one book must have default: true."),
    "not_mapping": _("%(where)s must be a mapping."),
    "needs_field": _("%(where)s (%(key)s) needs a '%(field)s'."),
    "no_chapter": _("%(where)s (%(key)s) needs at least one chapter."),
    "text_or_block": _("%(where)s needs exactly one of 'text' or 'block'."),
    "unknown_block": _("%(where)s: unknown block '%(block)s' (known: %(known)s)."),
    "bad_key": _("%(where)s must be a lower-case key (a-z, 0-9, _), not %(value)s."),
    "not_unique": _("These keys are used more than once: %(keys)s."),
}


def outline_problem(error: OutlineError) -> str:
    """What is wrong with the outline, in the active language (the English sentence for a new code)."""
    message = MESSAGES.get(error.code)
    return str(message) % error.params if message is not None else str(error)
