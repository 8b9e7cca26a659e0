"""Monitoring's writes: every one checks permission, validates, changes in a transaction, audits, notifies."""
