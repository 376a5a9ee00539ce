"""Team mode: the people of a newsroom team with their roles; "person" in the audit log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 00:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ENTITY_TYPES_BEFORE = (
    "case",
    "source",
    "testimony",
    "claim",
    "evidence",
    "place",
    "claim_evidence",
    "claim_claim",
    "claim_testimony",
    "source_relationship",
    "source_grade",
    "source_attestation",
    "testimony_attachment",
    "key_holder",
)
ENTITY_TYPES = (*ENTITY_TYPES_BEFORE, "person")


def _entity_types(values: Sequence[str]) -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_audit_entry_ck_entitytype"), type_="check")
        batch_op.create_check_constraint(
            "ck_entitytype", sa.text(f"entity_type IN ({', '.join(repr(v) for v in values)})")
        )


def upgrade() -> None:
    _entity_types(ENTITY_TYPES)
    # The newest entry about a case in one index search: open windows poll it for changes.
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_case_seq", ["case_id", "seq"], unique=False)
    op.create_table(
        "person",
        sa.Column("user_name", sa.String(length=120), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "reporter",
                "editor",
                "administrator",
                name="ck_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("user_name", name=op.f("uq_person_user_name")),
    )


def downgrade() -> None:
    # Entries about people cannot satisfy the older constraint: the downgrade refuses (and
    # changes nothing) rather than delete part of the hash-chained log.
    bind = op.get_bind()
    count = bind.execute(sa.text("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'person'")).scalar()
    if count:
        raise RuntimeError(
            f"The audit log holds {count} entries about people; downgrading below 0005 would have to "
            "remove them and break the chain. Restore a backup made before the upgrade instead."
        )
    op.drop_table("person")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_case_seq")
    _entity_types(ENTITY_TYPES_BEFORE)
