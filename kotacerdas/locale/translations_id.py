"""Indonesian of the project catalogue's newer messages (templates in kotacerdas/templates and the home
pages), merged and compiled by ``python scripts/fill_translations.py kotacerdas/locale/translations_id.py
kotacerdas/locale/id/LC_MESSAGES/django.po`` (the older ones were written in the .po directly)."""
# ruff: noqa: E501  (one translation per line, as in the .po file)

T = {
    "First steps for %(region)s": "Langkah pertama untuk %(region)s",
    "As the region's coordinator you start its Smart City masterplan here, in this order:": "Sebagai koordinator wilayah, Anda memulai masterplan Smart City-nya di sini, dengan urutan berikut:",
    "done": "selesai",
    "Register the region's OPDs": "Daftarkan OPD wilayah",
    "The team's OPD staff are given their role in an OPD, and problems and initiatives name them.": "Staf OPD dalam tim diberi peran pada suatu OPD, dan masalah serta inisiatif menyebut OPD tersebut.",
    "Write the masterplan's profile and period": "Isi profil dan periode masterplan",
    "Every page of the masterplan needs its period (e.g. 2026–2030): it starts here.": "Setiap halaman masterplan memerlukan periodenya (mis. 2026–2030): mulai dari sini.",
    "Start the region's self-assessment": "Mulai swanilai wilayah",
    "A region is selected for the programme on its verified self-assessment (readiness).": "Wilayah dipilih untuk program berdasarkan swanilai (kesiapan) yang telah diverifikasi.",
    "Hand in the Bimtek I deliverables": "Serahkan luaran Bimtek I",
    "The readiness and gap analysis, the SWOT per element and the vision keywords, reviewed by the mentor.": "Analisis kesiapan dan kesenjangan, SWOT per elemen, dan kata kunci visi, ditinjau oleh mentor.",
}
