"""The pure core: scoring and analytics that must be exact, fast and testable alone.

Nothing in this package imports Django (enforced by
kotacerdas/core/tests/test_purity.py). Django code calls it through thin
adapters that turn querysets into plain values and back.
"""
