"""Reflex configuration. Every field can be overridden with a REFLEX_* environment variable
(REFLEX_DB_URL, REFLEX_REDIS_URL, REFLEX_API_URL, ...)."""

import reflex as rx
from reflex.plugins import SitemapPlugin

config = rx.Config(
    app_name="terminsystem",
    db_url="sqlite:///terminsystem.db",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],
)
