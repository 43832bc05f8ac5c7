"""The admin's concerns: team, group, duration, order, active, and what people read about each in
every language (German required; a missing language falls back to German and is marked)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import i18n, settings
from ..domain import auth, inputs
from ..services import content, office_admin, queue, schedule_admin
from ..services.auth import StaffInfo
from .admin_common import AdminPage, away

FIELDS = ("name", "description", "documents")


class ConcernAdminState(AdminPage, rx.State):
    rows: list[dict[str, str]] = []
    teams: list[dict[str, str]] = []
    groups: list[dict[str, str]] = []
    edit_id: str = ""  # "" nothing open, "new", or the concern's id
    edit: dict[str, str] = {}  # team, group, duration, order, active
    texts: list[dict[str, str]] = []  # per language: lang, label, dir, name, description, documents
    version: int = 0

    def _allowed(self, who: StaffInfo) -> bool:
        return auth.may_administer(who.role)

    def _clear(self):
        super()._clear()
        self.rows, self.teams, self.groups, self.edit_id, self.edit, self.texts = [], [], [], "", {}, []

    def _holds_data(self) -> bool:
        return bool(self.rows or self.texts)

    def _reload(self):
        teams = {i: name for i, _, name in queue.teams()}
        groups = content.groups(i18n.DEFAULT_LANGUAGE)
        self.teams = [{"id": str(i), "name": name} for i, name in teams.items()]
        self.groups = [{"code": g, "name": groups.get(g, g)} for g in office_admin.groups()]
        self.rows = [{"id": str(c.id), "name": c.name, "team": teams.get(c.team_id, ""),
                      "group": groups.get(c.group_code, c.group_code), "duration": str(c.duration_minutes),
                      "order": str(c.sort_order), "active": "yes" if c.active else "no",
                      "missing": " ".join(c.missing), "review": " ".join(c.review)}
                     for c in office_admin.concerns()]

    def _open(self, concern_id: int | None):
        found = next((c for c in office_admin.concerns() if c.id == concern_id), None) if concern_id else None
        texts = office_admin.concern_texts(concern_id) if found else {}
        self.edit_id = str(found.id) if found else "new"
        self.edit = ({"team": str(found.team_id), "group": found.group_code, "duration": str(found.duration_minutes),
                      "order": str(found.sort_order), "active": "yes" if found.active else "no"} if found else
                     {"team": self.teams[0]["id"] if self.teams else "", "group": "other", "duration": "30",
                      "order": str(len(self.rows) + 1), "active": "yes"})
        self.texts = [{"lang": lang, "label": i18n.language_name(lang), "dir": i18n.direction(lang),
                       **{f: texts.get(lang, {}).get(f, "") for f in FIELDS}} for lang in i18n.languages()]
        self.version += 1

    @rx.event
    async def open(self, concern: str):
        if await self._who() is None:
            return away()
        self._drop_pending()
        await asyncio.to_thread(self._open, None if concern == "new" else inputs.lookup_id(concern))

    @rx.event
    async def close(self):
        if await self._who() is None:
            return away()
        self.edit_id, self.edit, self.texts = "", {}, []
        self._drop_pending()

    def _plan(self, kind: str, args: dict):
        if args["id"] and args["was_active"] and not args["active"]:
            return schedule_admin.plan_concern_end(args["id"], now=settings.now())
        return []

    def _apply(self, kind: str, args: dict, confirmed: tuple[int, ...], cancel: bool, by: int):
        return office_admin.save_concern(args["id"], team_id=args["team"], group_code=args["group"],
                                         duration_minutes=args["duration"], sort_order=args["order"],
                                         active=args["active"], texts=args["texts"], confirmed=confirmed,
                                         cancel=cancel, now=settings.now(), by=by)

    @rx.event
    async def save(self, form: dict):
        if (who := await self._who()) is None:
            return away()
        if not self.edit_id:
            return
        concern = None if self.edit_id == "new" else int(self.edit_id)
        group = inputs.text(inputs.field(form, "group")) or ""
        args = {"id": concern, "was_active": self.edit.get("active") == "yes",
                "team": inputs.lookup_id(inputs.field(form, "team")), "group": group,
                "duration": inputs.whole_number(inputs.field(form, "duration"), 0),
                "order": inputs.whole_number(inputs.field(form, "order"), 0),
                "active": inputs.checked(inputs.field(form, "active")),
                "texts": {lang: {f: inputs.text(inputs.field(form, f"{lang}_{f}")) or "" for f in FIELDS}
                          for lang in i18n.languages()}}
        if await self._change(who, "concern", args, "admin.concern.saved"):
            self._done()
        await asyncio.to_thread(self._reload)

    def _done(self):
        self.edit_id, self.edit, self.texts = "", {}, []
