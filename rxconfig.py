"""Reflex configuration. Every field can be overridden with a REFLEX_* environment variable
(REFLEX_DB_URL, REFLEX_REDIS_URL, REFLEX_API_URL, ...)."""

import reflex as rx
from reflex.plugins import RadixThemesPlugin, SitemapPlugin

config = rx.Config(
    app_name="terminsystem",
    db_url="sqlite:///terminsystem.db",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        RadixThemesPlugin(
            theme=rx.theme(accent_color="blue", gray_color="slate", radius="medium", appearance="light")
        )
    ],
    disable_plugins=[SitemapPlugin],
)
