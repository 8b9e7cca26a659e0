"""Liveness of background jobs: heartbeat, staleness sweep, clean-up of what a dead worker left.

See :mod:`kotacerdas.jobs.liveness` for how a job model and its task use it.
"""
