"""Indonesian translations of planning's newer messages (the older ones are in the project catalogue
kotacerdas/locale), merged and compiled by ``python scripts/fill_translations.py
kotacerdas/planning/locale/translations_id.py kotacerdas/planning/locale/id/LC_MESSAGES/django.po``."""
# ruff: noqa: E501  (one translation per line, as in the .po file)

T = {
    ("readiness gap", "met"): "terpenuhi",
    "%(code)s: renamed “%(old)s” → “%(new)s”.": "%(code)s: berganti nama “%(old)s” → “%(new)s”.",
    "The amount cannot be negative.": "Jumlahnya tidak boleh negatif.",
    "This column has no name in row 1.": "Kolom ini tidak bernama di baris 1.",
    "The column appears twice.": "Kolom ini muncul dua kali.",
    "Unknown column; check its name.": "Kolom tidak dikenal; periksa namanya.",
    "This cell holds a formula; write its value instead.": "Sel ini berisi rumus; tulis nilainya.",
    "At most %(n)s characters.": "Paling banyak %(n)s karakter.",
    "“%(v)s” cannot be negative.": "“%(v)s” tidak boleh negatif.",
    "“%(v)s” is too large: at most %(max)s.": "“%(v)s” terlalu besar: paling banyak %(max)s.",
    "“%(v)s” is not an amount in rupiah; write e.g. 250.000.000 or 250000000.": "“%(v)s” bukan jumlah rupiah; tulis misalnya 250.000.000 atau 250000000.",
    "“%(v)s” has too many decimal places: at most %(n)s.": "“%(v)s” memiliki terlalu banyak angka di belakang koma: paling banyak %(n)s.",
    "“%(v)s” is too large: at most %(n)s digits.": "“%(v)s” terlalu besar: paling banyak %(n)s digit.",
    "“%(v)s” is too large: at most %(n)s digits before the decimal point.": "“%(v)s” terlalu besar: paling banyak %(n)s digit sebelum koma.",
    "The sheet has more than %(n)s rows.": "Lembar ini memiliki lebih dari %(n)s baris.",
    "This column only shows the name; change the column %(column)s instead.": "Kolom ini hanya menampilkan nama; ubahlah kolom %(column)s.",
    "%(code)s: the budget rows add up to %(rows)s, not the stated total cost of %(declared)s.": "%(code)s: baris anggaran berjumlah %(rows)s, tidak sama dengan total biaya yang dinyatakan %(declared)s.",
    "%(code)s: budget in %(year)s (%(source)s), but the initiative runs in %(years)s.": "%(code)s: ada anggaran pada %(year)s (%(source)s), padahal inisiatif berjalan pada %(years)s.",
    "feasible (not proven optimal)": "layak (belum terbukti optimal)",
    "The %(source)s ceiling for %(year)s (%(amount)s) is larger than the total ceiling (%(total)s).": "Pagu %(source)s tahun %(year)s (%(amount)s) lebih besar daripada pagu total (%(total)s).",
    "running since": "berjalan sejak",
    "%(s)s of at most %(limit)s seconds (the optimiser stops at its time limit with the best schedule found, or sooner once it is proved optimal)": "%(s)s dari paling lama %(limit)s detik (optimasi berhenti pada batas waktunya dengan jadwal terbaik yang ditemukan, atau lebih cepat bila jadwalnya terbukti optimal)",
    "Enter a year between %(first)s and %(last)s.": "Masukkan tahun antara %(first)s dan %(last)s.",
    "There are no initiatives to schedule yet: add the masterplan's initiatives first.": "Belum ada inisiatif untuk dijadwalkan: isi dahulu inisiatif masterplan.",
    'The optimiser schedules the masterplan\'s initiatives over its years within the budget ceilings and OPD capacity below. No initiatives yet: <a href="%(initiatives_url)s">add the initiatives</a> first, then run it.': 'Optimasi menjadwalkan inisiatif masterplan sepanjang tahun-tahunnya dalam batas pagu anggaran dan kapasitas OPD di bawah. Belum ada inisiatif: <a href="%(initiatives_url)s">isi inisiatif</a> terlebih dahulu, lalu jalankan optimasi.',
    'No initiatives yet: once the masterplan\'s <a href="%(initiatives_url)s">initiatives</a> are entered, a start year can be pinned here for any of them.': 'Belum ada inisiatif: setelah <a href="%(initiatives_url)s">inisiatif</a> masterplan diisi, tahun mulai setiap inisiatif dapat disematkan di sini.',
    "The masterplan has not been started: it sets out the region's problems, strategy, initiatives and roadmap for a period of years. It begins with <a href=\"%(profile_url)s\">the region's profile and the masterplan period</a>.": 'Masterplan belum dimulai: masterplan memuat masalah, strategi, inisiatif, dan peta jalan wilayah untuk suatu periode tahun. Masterplan dimulai dengan <a href="%(profile_url)s">profil wilayah dan periode masterplan</a>.',
}
