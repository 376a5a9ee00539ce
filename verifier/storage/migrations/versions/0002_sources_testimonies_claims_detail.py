"""Sources' terms, grades and relationships; testimony revisions and attachments; claim facets; search index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 22:22:13.859390
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


AUDIT_ACTIONS = ("create", "update", "delete", "unseal", "shred", "grant", "revoke", "export")
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
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _create_search_index() -> None:
    # Kept out of the ORM metadata: its shape differs per backend. storage/search.py is its only user.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "title, body, kind UNINDEXED, entity_id UNINDEXED, case_id UNINDEXED, display UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE TABLE search_index ("
            "doc_id BIGINT PRIMARY KEY, kind VARCHAR(32) NOT NULL, entity_id INTEGER NOT NULL, "
            "case_id INTEGER, display TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', body), 'B')) STORED)"
        )
        op.execute("CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)")
        op.execute("CREATE INDEX ix_search_index_case ON search_index (case_id)")


def upgrade() -> None:
    # New audit actions and entity types: widen the CHECK constraints on the audit log.
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_audit_entry_ck_auditaction"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_audit_entry_ck_entitytype"), type_="check")
        batch_op.create_check_constraint("ck_auditaction", sa.text(_in("action", AUDIT_ACTIONS)))
        batch_op.create_check_constraint("ck_entitytype", sa.text(_in("entity_type", ENTITY_TYPES)))
    _create_search_index()
    # Stable random ids for existing sources, then make the column required and unique.
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=32), nullable=True))
    bind = op.get_bind()
    for (source_id,) in bind.execute(sa.text("SELECT id FROM source")).all():
        bind.execute(
            sa.text("UPDATE source SET uid = :uid WHERE id = :id"), {"uid": uuid.uuid4().hex, "id": source_id}
        )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_source_uid"), ["uid"])

    op.create_table(
        "claim_quantity",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("minimum", sa.Float(), nullable=True),
        sa.Column("maximum", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=120), nullable=False),
        sa.Column("qualifier", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "minimum IS NOT NULL OR maximum IS NOT NULL", name=op.f("ck_claim_quantity_has_a_bound")
        ),
        sa.CheckConstraint(
            "minimum IS NULL OR maximum IS NULL OR minimum <= maximum",
            name=op.f("ck_claim_quantity_min_not_above_max"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_claim_quantity_claim_id_claim"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_quantity")),
    )
    with op.batch_alter_table("claim_quantity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_quantity_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "source_attestation",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("editor", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("attested_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_source_attestation_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_attestation")),
        sa.UniqueConstraint("source_id", "editor", name="uq_source_attestation_editor"),
    )
    with op.batch_alter_table("source_attestation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_attestation_source_id"), ["source_id"], unique=False)

    op.create_table(
        "source_grade",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column(
            "grade",
            sa.Enum(
                "A",
                "B",
                "C",
                "D",
                "E",
                "F",
                name="ck_sourcereliability",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("graded_by", sa.String(length=120), nullable=False),
        sa.Column("graded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_grade_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_grade")),
    )
    with op.batch_alter_table("source_grade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_grade_source_id"), ["source_id"], unique=False)

    op.create_table(
        "source_relationship",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("other_source_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "friend",
                "relative",
                "colleague",
                "same_organization",
                "introduced_by",
                "same_device",
                name="ck_relationshipkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("source_id <> other_source_id", name=op.f("ck_source_relationship_not_self")),
        sa.ForeignKeyConstraint(
            ["other_source_id"],
            ["source.id"],
            name=op.f("fk_source_relationship_other_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_source_relationship_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_relationship")),
        sa.UniqueConstraint("source_id", "other_source_id", "kind", name="uq_source_relationship_triple"),
    )
    with op.batch_alter_table("source_relationship", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_source_relationship_other_source_id"), ["other_source_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_source_relationship_source_id"), ["source_id"], unique=False)

    op.create_table(
        "testimony_attachment",
        sa.Column("testimony_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "audio",
                "document",
                "image",
                "other",
                name="ck_attachmentkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["testimony_id"],
            ["testimony.id"],
            name=op.f("fk_testimony_attachment_testimony_id_testimony"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_attachment")),
    )
    with op.batch_alter_table("testimony_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_testimony_attachment_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_testimony_attachment_testimony_id"), ["testimony_id"], unique=False
        )

    op.create_table(
        "testimony_revision",
        sa.Column("testimony_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(length=120), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["testimony_id"],
            ["testimony.id"],
            name=op.f("fk_testimony_revision_testimony_id_testimony"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_revision")),
        sa.UniqueConstraint("testimony_id", "revision", name="uq_testimony_revision_number"),
    )
    with op.batch_alter_table("testimony_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_testimony_revision_testimony_id"), ["testimony_id"], unique=False
        )

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rationale", sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(
            sa.Column(
                "origin",
                sa.Enum(
                    "testimony",
                    "evidence",
                    "editor",
                    name="ck_claimorigin",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default=sa.text("'editor'"),
            )
        )
        batch_op.add_column(
            sa.Column("event_type", sa.String(length=120), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("actors", sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column("place_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("place_text", sa.String(length=200), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column(
                "place_precision",
                sa.Enum(
                    "exact",
                    "vicinity",
                    "locality",
                    "region",
                    name="ck_placeprecision",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("when_start", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("when_end", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "when_precision",
                sa.Enum(
                    "minute",
                    "hour",
                    "day",
                    "days",
                    "month",
                    "year",
                    "approximate",
                    name="ck_timeprecision",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("when_label", sa.String(length=200), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column(
                "credibility",
                sa.Enum(
                    "1",
                    "2",
                    "3",
                    "4",
                    "5",
                    "6",
                    name="ck_credibility",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("credibility_rationale", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.create_index(batch_op.f("ix_claim_place_id"), ["place_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_claim_place_id_place"), "place", ["place_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("claim_testimony", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "connection",
                sa.Enum(
                    "saw_it",
                    "heard_from_others",
                    "official_position",
                    "document",
                    name="ck_connection",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )

    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("anonymous_from", sa.String(length=100), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("reason_given", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("reason_granted", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("agreement_date", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("agreement_terms", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column(
                "identity_state",
                sa.Enum(
                    "none",
                    "attested",
                    "sealed",
                    "shredded",
                    name="ck_identitystate",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default=sa.text("'none'"),
            )
        )

    with op.batch_alter_table("testimony", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_until", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "taken_precision",
                sa.Enum(
                    "minute",
                    "hour",
                    "day",
                    "days",
                    "month",
                    "year",
                    "approximate",
                    name="ck_timeprecision",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("interviewer", sa.String(length=120), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("translator", sa.String(length=120), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("place_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("place_text", sa.String(length=200), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column(
                "attribution",
                sa.Enum(
                    "on_record",
                    "background",
                    "anonymous",
                    "confidential",
                    name="ck_anonymity",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.create_index(batch_op.f("ix_testimony_place_id"), ["place_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_testimony_place_id_place"), "place", ["place_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    op.execute("DROP TABLE search_index")

    with op.batch_alter_table("testimony", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_testimony_place_id_place"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_testimony_place_id"))
        batch_op.drop_column("attribution")
        batch_op.drop_column("place_text")
        batch_op.drop_column("place_id")
        batch_op.drop_column("translator")
        batch_op.drop_column("interviewer")
        batch_op.drop_column("taken_precision")
        batch_op.drop_column("taken_until")

    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("identity_state")
        batch_op.drop_column("agreement_terms")
        batch_op.drop_column("agreement_date")
        batch_op.drop_column("reason_granted")
        batch_op.drop_column("reason_given")
        batch_op.drop_column("anonymous_from")

    with op.batch_alter_table("claim_testimony", schema=None) as batch_op:
        batch_op.drop_column("connection")

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_claim_place_id_place"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_claim_place_id"))
        batch_op.drop_column("credibility_rationale")
        batch_op.drop_column("credibility")
        batch_op.drop_column("when_label")
        batch_op.drop_column("when_precision")
        batch_op.drop_column("when_end")
        batch_op.drop_column("when_start")
        batch_op.drop_column("place_precision")
        batch_op.drop_column("place_text")
        batch_op.drop_column("place_id")
        batch_op.drop_column("actors")
        batch_op.drop_column("event_type")
        batch_op.drop_column("origin")
        batch_op.drop_column("rationale")

    with op.batch_alter_table("testimony_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_testimony_revision_testimony_id"))

    op.drop_table("testimony_revision")
    with op.batch_alter_table("testimony_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_testimony_attachment_testimony_id"))
        batch_op.drop_index(batch_op.f("ix_testimony_attachment_sha256"))

    op.drop_table("testimony_attachment")
    with op.batch_alter_table("source_relationship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_relationship_source_id"))
        batch_op.drop_index(batch_op.f("ix_source_relationship_other_source_id"))

    op.drop_table("source_relationship")
    with op.batch_alter_table("source_grade", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_grade_source_id"))

    op.drop_table("source_grade")
    with op.batch_alter_table("source_attestation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_attestation_source_id"))

    op.drop_table("source_attestation")
    with op.batch_alter_table("claim_quantity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_quantity_claim_id"))

    op.drop_table("claim_quantity")
