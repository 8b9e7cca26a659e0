"""Assessment pages, one module per part: common getters, answering, reviewing, results.

Every page is an ``assessment_page`` (kotacerdas.assessment.access): the region through its getter
(404 elsewhere), and a POST only from a member who takes part in assessments (403 otherwise). Finer
rules (only the coordinator assigns, only the assigned assessor reviews) stay in the actions and in
the few ``PermissionDenied`` checks in these modules that guard a form before it is shown.
"""
