"""Citizen participation: consultations, ideas, supports, comments, moderation and promotion."""
