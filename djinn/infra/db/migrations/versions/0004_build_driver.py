"""Builds know their driver and when they were last announced to the workers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

`builds.driver` routes a build to the queue of its driver (a worker serves
only the drivers it has); queued builds of earlier versions get theirs from
their manifest. `builds.announced_at` is when a queue message was last sent
for a queued build, so the scheduler re-announces only builds whose message
was lost, and not every queued build on every tick.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import yaml
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("builds") as batch:
        batch.add_column(sa.Column("driver", sa.String(16), nullable=False, server_default="os"))
        batch.add_column(sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_builds_status_driver_created_at", ["status", "driver", "created_at"])
    connection = op.get_bind()
    queued = connection.execute(sa.text("SELECT id, manifest FROM builds WHERE status = 'queued'")).all()
    for build_id, manifest in queued:
        try:
            driver = str(yaml.safe_load(manifest)["driver"]["type"])[:16]
        except Exception:  # noqa: BLE001, S112 - an unreadable manifest keeps the default driver
            continue
        connection.execute(
            sa.text("UPDATE builds SET driver = :d WHERE id = :id"), {"d": driver, "id": build_id}
        )


def downgrade() -> None:
    with op.batch_alter_table("builds") as batch:
        batch.drop_index("ix_builds_status_driver_created_at")
        batch.drop_column("announced_at")
        batch.drop_column("driver")
