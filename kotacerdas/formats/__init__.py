"""Date formats for dates a template prints without a format (``{{ cycle.publication_on }}``), so they
read like the pages' ``|date:"j M Y"``: Django's Indonesian default abbreviates months in the
Associated Press style, half with a full stop ("31 Agu 2027", "31 Okt. 2027"). Only the names set
here change; everything else (input formats, separators) stays Django's (settings.FORMAT_MODULE_PATH).
"""
