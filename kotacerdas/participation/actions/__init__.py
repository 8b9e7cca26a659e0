"""Writes of citizen participation: permission → validation → transaction → audit.

``citizens`` (sign-up, verification), ``posting`` (ideas, supports, comments), ``setup`` (consultations and
phases) and ``moderation`` (hide, redact, promote, not taken, link an initiative).
"""
