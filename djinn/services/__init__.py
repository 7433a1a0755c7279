"""Process roles: the build worker, the scheduler (cron, lost builds), the
artifact curator, and the list of background tasks a worker serves."""
