"""Every form that imports a spreadsheet refuses, before parsing, one that is too large or expands too
far (kotacerdas.web.forms.SpreadsheetField, one limit for all)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.assessment.forms import ImportForm as AnswersImport
from kotacerdas.evaluation.index_forms import IndexRunForm
from kotacerdas.monitoring.forms import ImportForm as SheetImport
from kotacerdas.planning.initiatives.forms import ImportForm as InitiativesImport
from kotacerdas.web import uploads

pytestmark = pytest.mark.django_db
IMPORTS = [(InitiativesImport, "file"), (SheetImport, "file"), (AnswersImport, "file")]
IMPORTS += [(IndexRunForm, "data_file"), (IndexRunForm, "meta_file")]
EXPANDS = "Buku kerja ini berisi lebih dari 50 MB data setelah dibuka. " + (
    "Pecah menjadi beberapa berkas yang lebih kecil."
)


def bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (uploads.MAX_SHEET_UNPACKED + 1))
    return buffer.getvalue()


def errors_of(form_class, field: str, content: bytes) -> list[str]:  # type: ignore[no-untyped-def]
    form = form_class({}, {field: SimpleUploadedFile("data.xlsx", content)})
    form.is_valid()
    return list(form.errors.get(field, []))


@pytest.mark.parametrize(("form_class", "field"), IMPORTS)
def test_each_import_refuses_a_workbook_that_expands_too_far(form_class, field) -> None:  # type: ignore[no-untyped-def]
    assert errors_of(form_class, field, bomb()) == [EXPANDS]


@pytest.mark.parametrize(("form_class", "field"), IMPORTS)
def test_each_import_refuses_a_file_larger_than_the_limit(form_class, field) -> None:  # type: ignore[no-untyped-def]
    content = b"region,value\n" + b"x" * uploads.MAX_SHEET_BYTES
    assert errors_of(form_class, field, content) == ["Berkas lebih besar dari 5 MB."]


@pytest.mark.parametrize(("form_class", "field"), IMPORTS)
def test_a_small_file_passes_to_the_import_itself(form_class, field) -> None:  # type: ignore[no-untyped-def]
    assert errors_of(form_class, field, b"region,value\n33.73,1\n") == []
