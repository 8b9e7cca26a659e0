"""Who may open a view: every named URL declares one of these next to its path.

tests/test_access_matrix.py fails for any view that does not, and checks each
class for every view in it (anonymous → login; other region → 404; …).
"""

PUBLIC = "public"  # anyone, logged in or not
LOGGED_IN = "logged_in"  # any logged-in person, whatever their role
NATIONAL_ADMIN = "national_admin"  # Ayu only; others get 404
REGION_SCOPED = "region_scoped"  # members of the region in the URL (and Ayu); others get 404
