"""Programme pages, one module per sub-context; urls.py imports each module directly.

Every view parses input, calls one action and renders through kotacerdas.web.pages; the page
decorators that check access live with the getters in kotacerdas.programme.access.
"""
