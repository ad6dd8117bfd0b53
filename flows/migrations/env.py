"""Alembic environment: kehoach runs migrations in-process (``flows.migrate.upgrade``), on a
connection it already holds, so that the upgrade shares its lock and transaction."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
