from django.core.exceptions import PermissionDenied


class ActionNotAllowed(PermissionDenied):
    """The actor may not perform this action (checked inside every action)."""
