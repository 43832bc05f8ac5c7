"""Reflex configuration. Every field can be overridden with a REFLEX_* environment variable
(REFLEX_DB_URL, REFLEX_REDIS_URL, REFLEX_API_URL, ...). The allowed origin and the trusted proxy
hops come from the office settings (TS_PUBLIC_URL, TS_TRUSTED_PROXY_HOPS) so that the websocket,
the HTTP routes and our own endpoints follow one configuration."""

import reflex as rx
from reflex.plugins import RadixThemesPlugin, SitemapPlugin

from terminsystem import settings

config = rx.Config(
    app_name="terminsystem",
    db_url="sqlite:///terminsystem.db",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Only the office's own pages may open the websocket or call the HTTP routes with credentials.
    cors_allowed_origins=settings.allowed_origins(),
    # X-Forwarded-For is believed only through this many reverse proxies (0: ignored).
    trusted_proxy_hops=settings.trusted_proxy_hops(),
    plugins=[
        RadixThemesPlugin(
            theme=rx.theme(accent_color="blue", gray_color="slate", radius="medium", appearance="light")
        )
    ],
    disable_plugins=[SitemapPlugin],
)
