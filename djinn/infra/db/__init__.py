"""Persistence: the data model (``models``), its Alembic revisions
(``migrations``, run through ``migrate``) and the engine and sessions
(``session``)."""
