"""Per-user build counter: users.build_counter, the last build number given.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

A build's `number` is the user's next one. Taking it with
`UPDATE users SET build_counter = build_counter + 1 ... RETURNING` is atomic
on both backends (a row lock on PostgreSQL, the write lock on SQLite), so
concurrent submissions never get the same number and never retry. Existing
users start from their highest build number.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("build_counter", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE users SET build_counter = "
        "(SELECT COALESCE(MAX(number), 0) FROM builds WHERE builds.user_id = users.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("build_counter")
