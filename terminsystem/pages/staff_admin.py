"""The admin's page of staff accounts: who may log in, with which role and team."""

import reflex as rx

from ..components.admin import admin_header
from ..components.connection import connection_notice
from ..components.text import T
from ..domain.auth import ROLES
from ..state.staff_admin import StaffAdminState as S


def _control(form: str, name: str, label_key: str, errors: rx.Var, control, hint_key: str = "") -> rx.Component:
    """A labelled input or select of one of the page's forms, its error linked to it."""
    ident = f"{form}-{name}"
    described = f"{ident}-hint {ident}-error" if hint_key else f"{ident}-error"
    has_error = errors.contains(name)
    return rx.box(
        rx.el.label(T(label_key), html_for=ident, class_name="ts-label"),
        control(id=ident, name=name, class_name="ts-input", aria_invalid=rx.cond(has_error, "true", "false"),
                aria_describedby=described),
        *([rx.text(T(hint_key), id=f"{ident}-hint", class_name="ts-hint", size="1", margin_top="4px")]
          if hint_key else []),
        rx.text(rx.cond(has_error, T(errors[name]), ""), id=f"{ident}-error", class_name="ts-error", size="2"),
    )


def _fields(*controls: rx.Component, actions: rx.Component) -> rx.Component:
    """The fields side by side (as many as fit), the buttons below them."""
    return rx.fragment(
        rx.el.div(*controls, display="grid", grid_template_columns="repeat(auto-fill, minmax(220px, 1fr))",
                  gap="12px 16px", align_items="start"),
        rx.box(actions),
    )


def _role_select(**props) -> rx.Component:
    return rx.el.select(*[rx.el.option(T(f"admin.role.{role}"), value=role) for role in ROLES], **props)


def _team_select(**props) -> rx.Component:
    return rx.el.select(rx.el.option(T("admin.staff.no_team"), value=""),
                        rx.foreach(S.teams, lambda t: rx.el.option(t["name"], value=t["id"])), **props)


def _account_fields(form: str, errors: rx.Var, name=None, role=None, team=None) -> list[rx.Component]:
    """Name, role and team: the fields the create and the edit form share."""
    filled = name is not None
    return [
        _control(form, "display_name", "admin.staff.display_name", errors, lambda **p: rx.el.input(
            required=True, max_length=120, auto_complete="off", **({"default_value": name} if filled else {}), **p)),
        _control(form, "role", "admin.staff.role", errors,
                 lambda **p: _role_select(**({"default_value": role} if filled else {}), **p)),
        _control(form, "team", "admin.staff.team", errors,
                 lambda **p: _team_select(**({"default_value": team} if filled else {}), **p),
                 hint_key="admin.staff.team_hint"),
    ]


def create_form() -> rx.Component:
    return rx.form(
        rx.heading(T("admin.staff.new"), as_="h2", size="4"),
        _fields(
            _control("new", "username", "admin.staff.username", S.errors, lambda **p: rx.el.input(
                required=True, max_length=60, auto_complete="off", **p), hint_key="admin.staff.username_hint"),
            *_account_fields("new", S.errors),
            actions=rx.button(T("admin.staff.create"), type="submit", size="3"),
        ),
        key=S.created,
        on_submit=S.create,
        aria_label=T("admin.staff.new"),
        class_name="ts-admin-form",
    )


def edit_form() -> rx.Component:
    return rx.form(
        rx.heading(T("admin.staff.edit_title"), " ", rx.el.code(S.edit_username), as_="h2", size="4"),
        _fields(
            *_account_fields("edit", S.edit_errors, S.edit_name, S.edit_role, S.edit_team),
            actions=rx.hstack(
                rx.button(T("admin.staff.save"), type="submit", size="3"),
                rx.button(T("admin.staff.cancel"), on_click=S.cancel_edit, type="button", size="3", variant="soft"),
                spacing="2",
            ),
        ),
        key=S.editing,  # filled anew for each account
        on_submit=S.save,
        aria_label=T("admin.staff.edit_title"),
        class_name="ts-admin-form",
    )


def secret_panel() -> rx.Component:
    """The initial password or reset link just issued: shown once, like a device's code."""
    return rx.callout(
        rx.vstack(
            rx.cond(
                S.secret_kind == "password",
                rx.fragment(
                    rx.text(T("admin.staff.password_for"), " ", rx.el.strong(S.secret_for)),
                    rx.el.div(S.secret, id="initial-password", class_name="ts-number ts-enrolment-code"),
                    rx.text(T("admin.staff.password_hint"), size="2"),
                ),
                rx.fragment(
                    rx.text(T("admin.staff.link_for"), " ", rx.el.strong(S.secret_for)),
                    rx.el.code(S.secret, id="reset-link", class_name="ts-break"),
                    rx.text(T("admin.staff.link_hint"), " ", S.secret_until, size="2"),
                ),
            ),
            rx.button(T("admin.staff.hide"), on_click=S.hide_secret, size="2", variant="soft", type="button"),
            spacing="2", align="start",
        ),
        role="status", margin_bottom="16px",
    )


def _small(key: str, color: str) -> rx.Component:
    return rx.badge(T(key), color_scheme=color, variant="soft")


def account_row(a) -> rx.Component:
    button = {"size": "1", "variant": "soft", "type": "button"}
    return rx.el.tr(
        rx.el.td(a["username"]), rx.el.td(a["name"]), rx.el.td(T(a["role"])), rx.el.td(a["team"]),
        rx.el.td(rx.hstack(
            _small(a["status"], rx.cond(a["active"] == "yes", "green", "gray")),
            rx.cond(a["locked"] == "yes", _small("admin.staff.locked", "red")),
            rx.cond(a["must_change"] == "yes", _small("admin.staff.must_change", "amber")),
            rx.cond(a["reset_until"] != "", rx.badge(T("admin.staff.link_until"), " ", a["reset_until"],
                                                     color_scheme="blue", variant="soft")),
            spacing="1", wrap="wrap")),
        rx.el.td(rx.hstack(
            rx.button(T("admin.staff.edit"), on_click=S.edit(a["id"]), **button),
            rx.cond(a["active"] == "yes", rx.fragment(
                rx.button(T("admin.staff.reset_link"), on_click=S.reset_link(a["id"]), **button),
                rx.button(T("admin.staff.reset_password"), on_click=S.reset_password(a["id"]), **button),
                rx.cond(a["me"] == "no", rx.button(T("admin.staff.deactivate"), on_click=S.deactivate(a["id"]),
                                                   color_scheme="red", **button)),
            ), rx.button(T("admin.staff.reactivate"), on_click=S.reactivate(a["id"]), **button)),
            rx.cond(a["locked"] == "yes", rx.button(T("admin.staff.unlock"), on_click=S.unlock(a["id"]), **button)),
            spacing="2", wrap="wrap")),
        class_name="ts-row",
    )


def staff_admin_page() -> rx.Component:
    return rx.el.div(
        connection_notice(),
        rx.el.main(
            admin_header("admin.staff.title"),
            rx.text(T("admin.staff.intro"), margin_bottom="12px"),
            rx.cond(S.notice != "", rx.callout(T(S.notice), role="status", margin_bottom="12px")),
            rx.cond(S.problem != "", rx.callout(T(S.problem), role="alert", color_scheme="red", margin_bottom="12px")),
            rx.cond(S.secret != "", secret_panel()),
            rx.cond(S.editing != "", edit_form()),
            create_form(),
            rx.el.table(
                rx.el.thead(rx.el.tr(*[rx.el.th(T(k), scope="col") for k in (
                    "admin.staff.username", "admin.staff.display_name", "admin.staff.role", "admin.staff.team",
                    "admin.staff.status", "admin.staff.actions")])),
                rx.el.tbody(rx.foreach(S.accounts, account_row)),
                id="accounts", class_name="ts-table",
            ),
            class_name="ts-clerk",
        ),
        class_name="ts-page",
    )
