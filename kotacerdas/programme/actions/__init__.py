"""Writes of the programme, one module per sub-context.

Each action: permission → validation → transaction → audit → notify.

Import the module you need (``from kotacerdas.programme.actions import deliverables``); nothing is
re-exported here.
"""
