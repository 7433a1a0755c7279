"""Indexes that serve every list of builds in its order (issue 15).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

The list of builds a caller can see is a UNION of branches, each read in
order from an index and cut at the page's end: the caller's builds by
(user_id, created_at, id), each namespace's by (namespace_id, created_at,
id); with `?status=` by (user_id | namespace_id, status, created_at, id).
`id` ends each index so that the keyset `(created_at, id) < (?, ?)` of a
cursor is one range of it. `?tag=` finds a tag's builds by (name,
build_id) of build_tags. The two-column indexes these replace are a prefix
of the new ones.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = {
    "ix_builds_user_id_created_at_id": ("builds", ["user_id", "created_at", "id"]),
    "ix_builds_namespace_id_created_at_id": ("builds", ["namespace_id", "created_at", "id"]),
    "ix_builds_user_id_status_created_at_id": ("builds", ["user_id", "status", "created_at", "id"]),
    "ix_builds_namespace_id_status_created_at_id": ("builds", ["namespace_id", "status", "created_at", "id"]),
    "ix_build_tags_name_build_id": ("build_tags", ["name", "build_id"]),
}
OLD = {
    "ix_builds_user_id_created_at": ("builds", ["user_id", "created_at"]),
    "ix_builds_namespace_id_created_at": ("builds", ["namespace_id", "created_at"]),
    "ix_build_tags_name": ("build_tags", ["name"]),
}


def upgrade() -> None:
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns, unique=False)
    for name, (table, _) in OLD.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, columns) in OLD.items():
        op.create_index(name, table, columns, unique=False)
    for name, (table, _) in NEW.items():
        op.drop_index(name, table_name=table)
