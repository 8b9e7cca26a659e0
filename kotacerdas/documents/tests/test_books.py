"""The books through the HTTP client: generation, versions, review, ratification, publication, isolation."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import logged_in
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookText, BookVersion, OutlineOverride
from kotacerdas.documents.tests.conftest import docx_text, is_docx, response_bytes
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db

PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def generate(client: Client, code: str = "33.73", formats: tuple[str, ...] = ("docx",)):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("documents:generate", args=[code]), {"programme_year": 2026, "formats": list(formats)}
    )


def book_texts(version: BookVersion) -> str:
    client_text = []
    for f in version.files.filter(format="docx"):
        from django.core.files.storage import default_storage

        with default_storage.open(f.stored_name, "rb") as handle:
            client_text.append(docx_text(handle.read()))
    return "\n".join(client_text)


def test_budi_generates_the_four_books_of_a_region_without_data(as_budi, region_a) -> None:
    response = generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    assert response.status_code == 302
    assert response.url == reverse("documents:version", args=["33.73", 1])
    assert version.status == BookVersion.Status.DONE
    assert version.progress == 100
    assert [f.title for f in version.files.all()] == [
        "Buku I Analisis Strategis",
        "Buku II Masterplan Smart City",
        "Buku III Ringkasan Eksekutif",
        "Buku IV Quick Win",
    ]
    assert any("“matriks SWOT” belum diisi" in item for item in version.missing)
    assert version.recipe["data_hash"] == version.data_hash
    assert version.recipe["template"]["name"] == "default"
    text = book_texts(version)
    assert "KOTA SALATIGA" in text
    assert "[Draf — belum tersedia] Matriks SWOT: lengkapi di kotacerdas, Masterplan › SWOT" in text
    page = as_budi.get(response.url).content.decode()
    assert "matriks SWOT" in page
    # the books are done: the flash message says what was started, not that it is still running
    assert "Pembuatan versi 1 dimulai." in page and "sedang dibuat" not in page and "berjalan" not in page


def test_the_status_page_refreshes_while_the_books_are_generated(as_budi, budi, region_a) -> None:
    version = BookVersion.objects.create(region=region_a, number=1, programme_year=2026)
    page = as_budi.get(version.get_absolute_url()).content.decode()
    # the status, with its progress, is one fact that refreshes in its own polite live region
    # (live-status.js), and the page loads once when the books are ready; the page never reloads
    # itself, except without JavaScript
    live = '<dd id="books-status-live" aria-live="polite" data-refresh="2" data-refresh-end="reload">'
    assert live in page
    assert page.count('http-equiv="refresh"') == 1
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert status_fact(page) == "dalam antrean · 0% 0%"
    assert "Status diperbarui otomatis." in page and "Halaman ini" not in page
    # a worker takes it: what live-status.js fetches at the next beat has the new state and progress,
    # and no other fact on the page still says the old state (the page showed "dalam antrean" in the
    # facts beside a progress of 40 % until the end-of-job reload)
    BookVersion.objects.filter(pk=version.pk).update(status="running", progress=40)
    page = as_budi.get(version.get_absolute_url()).content.decode()
    assert status_fact(page) == "berjalan · 40% 40%"
    facts = page[page.index('<dl class="facts">') : page.index("</dl>")]
    outside = facts.replace(facts[facts.index(live) : facts.index("</dd>", facts.index(live))], "")
    assert "antrean" not in outside and "berjalan" not in outside and "40%" not in outside
    assert page.count("berjalan") == 1


def status_fact(page: str) -> str:
    """The text of the books version's Status fact (the region live-status.js swaps)."""
    start = page.index('id="books-status-live"')
    region = page[page.index(">", start) + 1 : page.index("</dd>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", region)).split())


def test_a_book_file_downloads_as_an_editable_docx(as_budi, region_a) -> None:
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    book = version.files.get(book_key="masterplan")
    response = as_budi.get(reverse("documents:download", args=["33.73", 1, book.pk]))
    content = response_bytes(response)
    # which book, which region, which version: a Bappeda keeps several side by side
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Buku-II-Masterplan-Kota-Salatiga-v1.docx"'
    )
    assert is_docx(content)
    assert "BAB III PROGRAM DAN INISIATIF PER DIMENSI" in docx_text(content)


def test_a_region_s_books_never_include_another_region_s_data(ayu, as_budi, dewi, region_a, region_b) -> None:
    do_create_opd(ayu, region_a, name="Dinas Kesehatan", short_name="Dinkes")
    do_create_opd(ayu, region_b, name="Dinas Pariwisata Sleman Rahasia", short_name="DisparX")
    actions.do_save_texts(dewi, region_b, {"kata_pengantar": "Kata pengantar khusus Sleman"}, 2026)
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    text = book_texts(version)
    assert "Dinas Kesehatan" in text
    assert "Rahasia" not in text
    assert "Sleman" not in text
    assert "Sleman" not in str(version.data)


def test_sari_may_read_but_not_generate(as_sari, region_a) -> None:
    assert as_sari.get(reverse("documents:index", args=["33.73"])).status_code == 200
    assert generate(as_sari).status_code == 403
    assert not BookVersion.objects.exists()


def test_no_format_chosen_is_a_clear_error(as_budi) -> None:
    response = generate(as_budi, formats=())
    assert response.status_code == 400
    assert not BookVersion.objects.exists()


def test_pdf_without_libreoffice_keeps_the_docx_and_says_why(as_budi, region_a, monkeypatch) -> None:
    monkeypatch.setenv("KOTACERDAS_SOFFICE", "/nonexistent/soffice")
    generate(as_budi, formats=("docx", "pdf"))
    version = BookVersion.objects.get(region=region_a)
    assert version.status == BookVersion.Status.DONE
    assert "LibreOffice" in version.message
    assert set(version.files.values_list("format", flat=True)) == {"docx"}


def test_free_texts_are_saved_and_printed(as_budi, region_a) -> None:
    url = reverse("documents:texts", args=["33.73"])
    response = as_budi.post(url, {"kata_pengantar": "Puji syukur kami panjatkan.\n\nParagraf kedua."})
    assert response.status_code == 302
    assert BookText.objects.get(region=region_a, key="kata_pengantar").text.endswith("Paragraf kedua.")
    generate(as_budi)
    assert "Puji syukur kami panjatkan." in book_texts(BookVersion.objects.get(region=region_a))


def test_the_road_map_book_can_be_added_and_a_template_replaces_the_styles(as_budi, region_a) -> None:
    template = Document()
    template.styles["Normal"].font.name = "DejaVu Serif"
    buffer = io.BytesIO()
    template.save(buffer)
    response = as_budi.post(
        reverse("documents:settings", args=["33.73"]),
        {
            "extra_books": ["roadmap"],
            "template": SimpleUploadedFile("templat.docx", buffer.getvalue()),
        },
    )
    assert response.status_code == 302
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    assert version.files.count() == 5
    assert version.recipe["template"]["name"] == "templat.docx"
    from django.core.files.storage import default_storage

    with default_storage.open(version.files.get(book_key="roadmap").stored_name, "rb") as handle:
        assert Document(handle).styles["Normal"].font.name == "DejaVu Serif"


def test_a_template_that_is_not_a_word_document_is_refused(as_budi) -> None:
    response = as_budi.post(
        reverse("documents:settings", args=["33.73"]),
        {"template": SimpleUploadedFile("templat.docx", b"hello")},
    )
    assert response.status_code == 400
    assert "Jenis berkas ini tidak diterima" in response.content.decode()


def test_review_ratification_and_publication(as_budi, rina, region_a) -> None:
    generate(as_budi)
    as_rina = logged_in(rina)
    version_url = reverse("documents:version", args=["33.73", 1])
    assert as_budi.post(reverse("documents:approve", args=["33.73", 1])).status_code == 403
    # an empty region's books have blocking checks: refused, then approved with a written exception
    as_rina.post(reverse("documents:approve", args=["33.73", 1]))
    assert BookVersion.objects.get().review == BookVersion.Review.DRAFT
    exception = {"exception_reason": "Uji alur persetujuan"}
    assert as_rina.post(reverse("documents:approve", args=["33.73", 1]), exception).status_code == 302
    assert BookVersion.objects.get().review == BookVersion.Review.APPROVED
    assert as_rina.post(reverse("documents:publish", args=["33.73", 1])).status_code == 403

    bad = as_budi.post(
        reverse("documents:ratify", args=["33.73", 1]),
        {
            "number": "12 Tahun 2026",
            "ratified_on": "2026-11-20",
            "scan": SimpleUploadedFile("s.pdf", b"nope"),
        },
    )
    assert bad.status_code == 400
    assert BookVersion.objects.get().review == BookVersion.Review.APPROVED

    good = as_budi.post(
        reverse("documents:ratify", args=["33.73", 1]),
        {
            "number": "12 Tahun 2026",
            "ratified_on": "2026-11-20",
            "scan": SimpleUploadedFile("s.pdf", PDF_SCAN),
        },
    )
    assert good.status_code == 302
    version = BookVersion.objects.get()
    assert (version.review, version.perkada_number, version.perkada_date) == (
        BookVersion.Review.RATIFIED,
        "12 Tahun 2026",
        date(2026, 11, 20),
    )
    scan = as_budi.get(reverse("documents:scan", args=["33.73", 1]))
    assert response_bytes(scan) == PDF_SCAN

    public_url = reverse("documents:public", args=["33.73"])
    book = version.files.first()
    assert Client().get(public_url, {"berkas": book.pk}).status_code == 404  # not published yet
    assert as_budi.post(reverse("documents:publish", args=["33.73", 1])).status_code == 302
    assert BookVersion.objects.get().is_public
    page = Client().get(public_url).content.decode()
    assert "12 Tahun 2026" in page
    assert is_docx(response_bytes(Client().get(public_url, {"berkas": book.pk})))
    assert "Diterbitkan" in as_budi.get(version_url).content.decode()


def test_a_draft_cannot_be_ratified(as_budi, region_a) -> None:
    generate(as_budi)
    response = as_budi.post(
        reverse("documents:ratify", args=["33.73", 1]),
        {"number": "1", "ratified_on": "2026-11-20", "scan": SimpleUploadedFile("s.pdf", PDF_SCAN)},
    )
    assert response.status_code == 400
    assert BookVersion.objects.get().review == BookVersion.Review.DRAFT


def test_a_public_file_of_another_region_is_not_found(as_budi, region_a) -> None:
    generate(as_budi)
    book = BookVersion.objects.get().files.first()
    BookVersion.objects.update(is_public=True)
    assert Client().get(reverse("documents:public", args=["34.04"]), {"berkas": book.pk}).status_code == 404


def test_rina_comments_on_a_chapter(as_budi, rina, region_a) -> None:
    generate(as_budi)
    chapter = BookVersion.objects.get().chapters.get(book_key="masterplan", chapter_key="anggaran")
    response = logged_in(rina).post(
        reverse("discussion:add_comment", args=["33.73", "documents.bookchapter", chapter.pk]),
        {"body": "Mohon rincian anggaran per sumber."},
    )
    assert response.status_code == 302
    page = as_budi.get(reverse("documents:version", args=["33.73", 1])).content.decode()
    assert "Mohon rincian anggaran per sumber." in page


def test_the_version_diff_lists_what_changed(ayu, as_budi, region_a) -> None:
    generate(as_budi)
    do_create_opd(ayu, region_a, name="Dinas Perhubungan", short_name="Dishub")
    generate(as_budi)
    assert list(BookVersion.objects.values_list("number", flat=True)) == [2, 1]
    page = as_budi.get(reverse("documents:diff", args=["33.73", 2])).content.decode()
    assert "Perangkat daerah Dinas Perhubungan" in page
    assert '<th scope="col">Perubahan</th>' in page  # "Change" the noun here, not the action "Ubah"
    index = as_budi.get(reverse("documents:index", args=["33.73"])).content.decode()
    assert "v1" in index and "v2" in index


def test_ayu_overrides_the_outline_of_a_programme_year(as_ayu, as_budi, region_a) -> None:
    url = reverse("documents:outlines")
    override = "books:\n  - key: quickwin\n    title: Program Percepatan\n"
    assert as_ayu.post(url, {"year": 2026, "yaml_text": override}).status_code == 302
    assert OutlineOverride.objects.get(year=2026).yaml == override.strip()
    bad = as_ayu.post(url, {"year": 2026, "yaml_text": "books:\n  - key: x\n"})
    assert bad.status_code == 400
    assert as_budi.get(url).status_code == 404
    generate(as_budi)
    titles = list(BookVersion.objects.get().files.values_list("title", flat=True))
    assert "Buku IV Program Percepatan" in titles


@pytest.mark.parametrize(
    ("override", "indonesian", "english"),
    [
        ("- a", "harus berupa pemetaan dengan daftar di bawah 'books'", "must be a mapping with a list"),
        ("books:\n  - key: x\n", "(x) memerlukan 'number'", "(x) needs a 'number'"),
        ("books:\n  - key: Bad Key\n", "harus berupa kunci huruf kecil", "must be a lower-case key"),
        ("books: [", "Teks ini bukan YAML yang valid", "The text is not valid YAML"),
    ],
)
def test_a_bad_outline_is_explained_in_the_pages_language(as_ayu, override, indonesian, english) -> None:
    # the core's English sentence was shown inside the Indonesian one ("Kerangka tidak valid: the override …")
    url = reverse("documents:outlines")
    response = as_ayu.post(url, {"year": 2026, "yaml_text": override})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Kerangka tidak valid: " in page and indonesian in page and english not in page
    as_ayu.cookies["django_language"] = "en"
    assert english in html.unescape(as_ayu.post(url, {"year": 2026, "yaml_text": override}).content.decode())
    assert not OutlineOverride.objects.exists()


def test_the_demo_loads_one_docx_version_once(ayu, region_a) -> None:
    from kotacerdas.documents.demo import load_demo

    load_demo(ayu)
    load_demo(ayu)
    version = BookVersion.objects.get(region=region_a)
    assert version.formats == "docx"
    assert version.status == BookVersion.Status.DONE


@pytest.mark.skipif(not apps.is_installed("kotacerdas.planning"), reason="the planning app is not installed")
def test_the_masterplan_record_fills_the_books_of_its_region_only() -> None:
    from kotacerdas.demo import load_demo
    from kotacerdas.documents.collect import collect_book_data
    from kotacerdas.regions.models import Region

    load_demo()
    salatiga = collect_book_data(Region.objects.get(code="33.73"), 2026)
    assert salatiga.initiatives and salatiga.quick_wins and salatiga.swot and salatiga.vision.vision
    assert salatiga.budget_total > 0
    assert salatiga.initiatives[0].dimension.startswith("Smart ")  # labels, not codes
    sleman = collect_book_data(Region.objects.get(code="34.04"), 2026)
    codes = {i.code for i in sleman.initiatives}
    assert not codes & {i.code for i in salatiga.initiatives} or sleman.initiatives == []
    assert "Salatiga" not in str(sleman.to_dict())


@pytest.mark.skipif(
    not apps.is_installed("kotacerdas.programme"), reason="the programme app is not installed"
)
def test_the_dewan_smart_city_is_printed_with_its_decree(ayu, as_budi, region_a, region_b) -> None:
    from kotacerdas.programme.actions.institutions import do_add_institution_member, do_save_institution

    dewan = do_save_institution(
        ayu, region_a, kind="dewan", decree_number="100/25/2026", decree_date=date(2026, 3, 2)
    )
    do_add_institution_member(
        ayu, dewan, name="Ir. Contoh Ketua", position="Sekretaris Daerah", agency="Pemkot", role="chair"
    )
    other = do_save_institution(
        ayu, region_b, kind="dewan", decree_number="9/2026", decree_date=date(2026, 1, 5)
    )
    do_add_institution_member(ayu, other, name="Anggota Sleman", position="", agency="", role="member")
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    text = book_texts(version)
    assert "Ir. Contoh Ketua" in text
    assert "Keputusan Wali Kota Nomor 100/25/2026 tanggal 2 Maret 2026" in text
    assert "Anggota Sleman" not in text
    assert "susunan Dewan Smart City" not in version.missing


def test_a_failed_generation_is_shown_not_raised(as_budi, region_a) -> None:
    from kotacerdas.documents.models import BookSettings

    BookSettings.objects.create(
        region=region_a, template="documents/hilang.docx", template_name="hilang.docx"
    )
    response = generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    assert version.status == BookVersion.Status.FAILED
    assert version.message
    page = as_budi.get(response.url).content.decode()
    assert "Pembuatan gagal" in page
