"""build_tags.build_created_at: a tag's builds newest first from one index (issue 15).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

`?tag=` lists the builds with a tag that the caller can see, newest first.
No index of builds serves "this tag, newest first", so the tagged build's
created_at (set once, never changed) is copied onto its tags, and an index on
(name, build_created_at, build_id) yields a tag's builds in the list's order;
the page is the first of them the caller can see. Existing tags are
backfilled from their builds.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_build_tags_name_build_created_at_build_id"


def upgrade() -> None:
    with op.batch_alter_table("build_tags") as batch:
        batch.add_column(sa.Column("build_created_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE build_tags SET build_created_at = "
        "(SELECT builds.created_at FROM builds WHERE builds.id = build_tags.build_id)"
    )
    with op.batch_alter_table("build_tags") as batch:
        batch.alter_column("build_created_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    op.create_index(INDEX, "build_tags", ["name", "build_created_at", "build_id"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="build_tags")
    with op.batch_alter_table("build_tags") as batch:
        batch.drop_column("build_created_at")
