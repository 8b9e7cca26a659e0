"""Django's own messages that the project translates again, because Django's Indonesian is wrong.

The project's catalogue (``LOCALE_PATHS``) takes precedence over Django's, so an entry there replaces
Django's text. Naming the message here keeps it in the catalogue when ``makemessages`` runs again.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# A ModelForm's unique check (two people saving the same code): Django's catalogue says
# "… ini tidak ada" — "does not exist" — where it means "already exists".
UNIQUE_CLASH = gettext_noop("%(model_name)s with this %(field_labels)s already exists.")
