"""Statistics for team leads and admins: controls, charts, the figures as tables, CSV export."""

import reflex as rx

from ..components.admin import admin_header
from ..components.connection import connection_notice
from ..components.text import T
from ..state.statistics import COLUMNS, CONCERN_HEADER
from ..state.statistics import StatisticsState as S

# Colours with enough contrast on white (WCAG 3:1 for graphics).
BOOKED, CHECKED_IN, NO_SHOW = "#0b5cab", "#2f7d32", "#b3261e"
KEYS = [key for key, _ in COLUMNS]


def labelled(ident: str, key: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.el.label(T(key), html_for=ident, class_name="ts-label"), control, spacing="1")


def choice(ident: str, name: str, options: list[rx.Component], value) -> rx.Component:
    # ``key``: the field is drawn anew with the value the server settled on (e.g. after load).
    return rx.el.select(*options, id=ident, name=name, default_value=value, key=value, class_name="ts-input",
                        width="auto")


def controls() -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled("stats-period", "stats.period", choice("stats-period", "period", [
                rx.el.option(T(f"stats.period.{p}"), value=p) for p in ("day", "week", "month")], S.period)),
            labelled("stats-first", "stats.first", rx.el.input(
                id="stats-first", name="first", type="date", default_value=S.first, key=S.first,
                class_name="ts-input", required=True)),
            labelled("stats-last", "stats.last", rx.el.input(
                id="stats-last", name="last", type="date", default_value=S.last, key=S.last,
                class_name="ts-input", required=True)),
            rx.cond(S.is_admin, labelled("stats-team", "stats.team", choice("stats-team", "team", [
                rx.el.option(T("stats.all_teams"), value=""),
                rx.foreach(S.teams, lambda t: rx.el.option(t["name"], value=t["id"]))], S.team))),
            labelled("stats-concern", "stats.concern", choice("stats-concern", "concern", [
                rx.el.option(T("stats.all_concerns"), value=""),
                rx.foreach(S.concerns, lambda c: rx.el.option(c["name"], value=c["id"]))], S.concern)),
            rx.button(T("stats.show"), type="submit", size="3"),
            align="end", spacing="4", wrap="wrap",
        ),
        on_submit=S.show,
        aria_label=T("stats.controls"),
        margin_bottom="16px",
    )


def figure_row(r) -> rx.Component:
    return rx.el.tr(rx.el.th(r["label"], scope="row"), *[rx.el.td(r[k]) for k in KEYS[1:]])


def figures_table(ident: str, caption_key: str, first_header: str, rows, total=None) -> rx.Component:
    headers = [first_header] + [key for _, key in COLUMNS[1:]]
    return rx.el.div(
        rx.el.table(
            rx.el.caption(T(caption_key), class_name="ts-visually-hidden"),
            rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in headers])),
            rx.el.tbody(rx.foreach(rows, figure_row)),
            rx.cond(rows.length() > 0, rx.el.tfoot(figure_row(total))) if total is not None else rx.fragment(),
            class_name="ts-table", id=ident,
        ),
        overflow_x="auto", tab_index=0, role="region", aria_label=T(caption_key),
    )


def section(title_key: str, *children, csv: str = "") -> rx.Component:
    return rx.el.section(
        rx.hstack(
            rx.heading(T(title_key), as_="h2", size="4"),
            rx.button(T("stats.csv"), on_click=S.download(csv), type="button", size="2", variant="soft")
            if csv else rx.fragment(),
            align="center", spacing="4", margin_bottom="6px",
        ),
        *children,
        class_name="ts-queue-section",
    )


def bar_chart() -> rx.Component:
    bars = [rx.recharts.bar(data_key=key, name=T(label), fill=colour, is_animation_active=False)
            for key, label, colour in (("booked", "stats.col.booked", BOOKED),
                                       ("checked_in", "stats.col.checked_in", CHECKED_IN),
                                       ("no_show", "stats.col.no_show", NO_SHOW))]
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"), rx.recharts.x_axis(data_key="label"),
        rx.recharts.y_axis(allow_decimals=False), rx.recharts.tooltip(), rx.recharts.legend(), *bars,
        data=S.bars, height=300, width="100%",
    )


def line_chart() -> rx.Component:
    lines = [rx.recharts.line(data_key=key, name=T(label), stroke=colour, stroke_width=2, is_animation_active=False,
                              connect_nulls=True)
             for key, label, colour in (("median", "stats.col.wait_median", BOOKED),
                                        ("p90", "stats.col.wait_p90", NO_SHOW))]
    return rx.recharts.line_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"), rx.recharts.x_axis(data_key="label"),
        rx.recharts.y_axis(), rx.recharts.tooltip(), rx.recharts.legend(), *lines,
        data=S.waits, height=260, width="100%",
    )


def chart(ident: str, component: rx.Component, caption_key: str) -> rx.Component:
    """A chart is a picture of the table below it: screen readers get the table, not the drawing."""
    return rx.el.figure(
        rx.el.div(component, aria_hidden="true", id=ident),
        rx.el.figcaption(T(caption_key), class_name="ts-hint"),
        margin="0 0 16px 0",
    )


def booked_out_table() -> rx.Component:
    return rx.el.table(
        rx.el.caption(T("stats.booked_out"), class_name="ts-visually-hidden"),
        rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in
                               ("stats.col.concern", "stats.col.first_free", "stats.col.days_ahead")])),
        rx.el.tbody(rx.foreach(S.booked_out, lambda r: rx.el.tr(
            rx.el.th(r["concern"], scope="row"),
            rx.el.td(rx.cond(r["first_free"] != "", r["first_free"], T("stats.none_free"))),
            rx.el.td(rx.cond(r["days"] != "", r["days"], "–"))))),
        class_name="ts-table", id="stats-booked-out",
    )


def statistics_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            admin_header("stats.title"),
            controls(),
            rx.cond(S.notice != "", rx.callout(T(S.notice), role="alert", color_scheme="red", margin_bottom="12px")),
            rx.text(T("stats.definitions"), size="2", color_scheme="gray", margin_bottom="12px"),
            section("stats.per_period",
                    chart("stats-bars", bar_chart(), "stats.bars_caption"),
                    figures_table("stats-table", "stats.per_period", "stats.col.period", S.rows, S.total),
                    csv="periods"),
            section("stats.waiting_weeks", chart("stats-waits", line_chart(), "stats.waits_caption")),
            section("stats.per_concern",
                    figures_table("stats-concerns", "stats.per_concern", CONCERN_HEADER, S.concern_rows),
                    csv="concerns"),
            section("stats.booked_out", rx.text(T("stats.booked_out_hint"), size="2", margin_bottom="6px"),
                    booked_out_table()),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
