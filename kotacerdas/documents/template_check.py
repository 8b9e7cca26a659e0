"""Book templates: a DOCX the renderer can use (styles, header, footer), checked before it is stored.

Reading, storing and serving files go through the shared validated uploads (kotacerdas.web.uploads).
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core.books.render import check_template


def validate_template(content: bytes, field: str = "template") -> None:
    problems = check_template(io.BytesIO(content))
    if problems:
        raise ValidationError(
            {field: _("This template cannot be used: %(problems)s.") % {"problems": "; ".join(problems)}}
        )
