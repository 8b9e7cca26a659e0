"""Where a problem sits in an uploaded workbook, said the same way by every import (the initiatives
workbook, the monitoring reporting sheet): "Lembar KPI, baris 3, kolom nilai: …"."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class RowError:
    """A problem at a place in the workbook; an empty sheet/column or row 0 means the whole of it."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:  # the file itself ("not an XLSX workbook")
            return self.message
        if not self.row:
            return _("Sheet %(sheet)s: %(message)s") % self.__dict__
        if not self.column:
            return _("Sheet %(sheet)s, row %(row)s: %(message)s") % self.__dict__
        return _("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % self.__dict__
