"""What ingest tells the rest of the app, without knowing who listens."""

from django.dispatch import Signal

# Sent with `job_id` once an ingest job is done (its transaction committed): the read side counts
# the unfiltered list again (reactions/apps.py), so the first reader after an ingest does not wait.
job_done = Signal()
