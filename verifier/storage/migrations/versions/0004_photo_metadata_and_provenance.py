"""Photo metadata (summary columns + raw JSON per original) and evidence provenance.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 22:52:54.006700
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "photo_metadata",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("jpeg_quality", sa.Integer(), nullable=True),
        sa.Column("capture_utc", sa.DateTime(), nullable=True),
        sa.Column("capture_local", sa.String(length=40), nullable=False),
        sa.Column("capture_tz_source", sa.String(length=20), nullable=False),
        sa.Column("modified_utc", sa.DateTime(), nullable=True),
        sa.Column("gps_latitude", sa.Float(), nullable=True),
        sa.Column("gps_longitude", sa.Float(), nullable=True),
        sa.Column("gps_altitude", sa.Float(), nullable=True),
        sa.Column("gps_utc", sa.DateTime(), nullable=True),
        sa.Column("gps_img_direction", sa.Float(), nullable=True),
        sa.Column("gps_h_positioning_error", sa.Float(), nullable=True),
        sa.Column("make", sa.String(length=120), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("body_serial_number", sa.String(length=120), nullable=False),
        sa.Column("lens_model", sa.String(length=200), nullable=False),
        sa.Column("lens_serial_number", sa.String(length=120), nullable=False),
        sa.Column("image_unique_id", sa.String(length=120), nullable=False),
        sa.Column("software", sa.String(length=200), nullable=False),
        sa.Column("orientation", sa.Integer(), nullable=True),
        sa.Column("has_embedded_thumbnail", sa.Boolean(), nullable=False),
        sa.Column("c2pa_state", sa.String(length=30), nullable=False),
        sa.Column("phash", sa.String(length=16), nullable=False),
        sa.Column("dhash", sa.String(length=16), nullable=False),
        sa.Column("embedded_thumb_phash", sa.String(length=16), nullable=False),
        sa.Column("thumb_width", sa.Integer(), nullable=False),
        sa.Column("thumb_height", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("reader_version", sa.String(length=20), nullable=False),
        sa.Column("extracted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_photo_metadata")),
    )
    with op.batch_alter_table("photo_metadata", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_photo_metadata_body_serial_number"), ["body_serial_number"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_photo_metadata_capture_utc"), ["capture_utc"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_photo_metadata_image_unique_id"), ["image_unique_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_photo_metadata_phash"), ["phash"], unique=False)

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "arrival",
                sa.Enum(
                    "messaging_app",
                    "email",
                    "memory_card",
                    "upload",
                    "staff_photographer",
                    "other",
                    name="ck_arrivalchannel",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("original_folder", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("caption", sa.Text(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(
            sa.Column("claimed_date", sa.String(length=100), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("claimed_place", sa.String(length=200), nullable=False, server_default=sa.text("''"))
        )


def downgrade() -> None:

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("claimed_place")
        batch_op.drop_column("claimed_date")
        batch_op.drop_column("caption")
        batch_op.drop_column("original_folder")
        batch_op.drop_column("arrival")

    with op.batch_alter_table("photo_metadata", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photo_metadata_phash"))
        batch_op.drop_index(batch_op.f("ix_photo_metadata_image_unique_id"))
        batch_op.drop_index(batch_op.f("ix_photo_metadata_capture_utc"))
        batch_op.drop_index(batch_op.f("ix_photo_metadata_body_serial_number"))

    op.drop_table("photo_metadata")
