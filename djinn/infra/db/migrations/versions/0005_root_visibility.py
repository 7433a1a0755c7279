"""A child namespace has its root's visibility.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Visibility belongs to the top-level namespace, as in the original: a child
is created with its root's and follows every change of it. Earlier versions
let a child be less visible than its root; such children take their root's.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE namespaces SET visibility = "
        "(SELECT roots.visibility FROM namespaces AS roots WHERE roots.id = namespaces.root_id) "
        "WHERE root_id IS NOT NULL AND root_id <> id"
    )


def downgrade() -> None:
    pass  # the visibilities children had before are not kept
