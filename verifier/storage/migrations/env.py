"""Alembic environment: always run with a connection handed over by ``database.migrate``."""

from alembic import context

from verifier.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through 'verifier db upgrade', which supplies the connection.")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The full-text index is backend-specific DDL (migration 0002), not part of the ORM metadata.
    return not (type_ == "table" and (name or "").startswith("search_index"))


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
