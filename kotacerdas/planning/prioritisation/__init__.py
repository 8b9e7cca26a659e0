"""Criteria weights (AHP or direct), the initiatives' scores and the resulting ranking."""
