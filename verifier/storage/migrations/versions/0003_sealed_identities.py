"""Sealed identities: key holders, per-source sealed blobs and key rings (apart), workspace id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 22:29:11.769372
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ENTITY_TYPES = (
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


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_audit_entry_ck_entitytype"), type_="check")
        batch_op.create_check_constraint(
            "ck_entitytype", sa.text(f"entity_type IN ({', '.join(repr(v) for v in ENTITY_TYPES)})")
        )

    op.create_table(
        "key_holder",
        sa.Column("holder_id", sa.String(length=120), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("holder_id", name=op.f("pk_key_holder")),
    )
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_meta")),
    )
    op.create_table(
        "source_keyring",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("keyring", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_keyring_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_keyring")),
    )
    # The workspace's stable random id: bound into every sealed ciphertext of this database.
    op.execute(
        sa.text("INSERT INTO workspace_meta (key, value) VALUES ('workspace_id', :id)").bindparams(
            id=uuid.uuid4().hex
        )
    )
    op.create_table(
        "source_seal",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_seal_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_seal")),
    )


def downgrade() -> None:

    op.drop_table("source_seal")
    op.drop_table("source_keyring")
    op.drop_table("workspace_meta")
    op.drop_table("key_holder")
