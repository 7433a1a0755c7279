"""OAuth login: failed sign-ins for rate limiting; the token a code was exchanged for.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

- ``login_failures``: one row per failed sign-in on the OAuth login page,
  counted per account and per client address over a sliding window.
- ``oauth_codes.token_id``: the token issued for a code, so that the token
  can be revoked when the code is presented a second time.

Plain SQLAlchemy types only, as in 0001. SQLite cannot add a foreign key to
an existing table, so the column is added in batch mode (table copied).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def id_type() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", id_type(), nullable=False),
        sa.Column("account", sa.String(length=320), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index("ix_login_failures_account_created_at", "login_failures", ["account", "created_at"])
    op.create_index("ix_login_failures_address_created_at", "login_failures", ["address", "created_at"])

    with op.batch_alter_table("oauth_codes") as batch:
        batch.add_column(sa.Column("token_id", id_type(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_oauth_codes_token_id_tokens"), "tokens", ["token_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_oauth_codes_token_id"), ["token_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("oauth_codes") as batch:
        batch.drop_index(op.f("ix_oauth_codes_token_id"))
        batch.drop_constraint(op.f("fk_oauth_codes_token_id_tokens"), type_="foreignkey")
        batch.drop_column("token_id")
    op.drop_index("ix_login_failures_address_created_at", table_name="login_failures")
    op.drop_index("ix_login_failures_account_created_at", table_name="login_failures")
    op.drop_table("login_failures")
