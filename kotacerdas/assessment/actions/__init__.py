"""Writes on assessments, one module per part: permission → validation → transaction → audit log.

Every state change also writes a Transition row (who, when, why); see
docs/reference/assessment-states.md for the state machine. Import the module you need
(``from kotacerdas.assessment.actions import answering``); nothing is re-exported here.
"""
