"""The office's records as the administrator keeps them: teams (with the rooms they call to),
rooms, and concerns with their texts in every language. Every change is one transaction with its
audit row (fields before and after); names are unique (checked here with a clear message, and by
the database's unique keys)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import time

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from .. import db, i18n, office_data
from ..domain import inputs
from ..domain.errors import AdminRefused
from ..models import Concern, ConcernText, Room, Team, TeamRoom
from . import audit, content, schedule_admin

NAME_MAX = 80
TEXT_LIMITS = {"name": 200, "description": 1000, "documents": 3000, "keywords": 1000}


@dataclass(frozen=True)
class TeamRow:
    id: int
    code: str
    name: str
    active: bool
    room_ids: tuple[int, ...]
    concerns: int  # active concerns
    release_time: time | None = None  # when the next day becomes bookable online (None: midnight)


@dataclass(frozen=True)
class RoomRow:
    id: int
    name: str
    floor: str
    active: bool


@dataclass(frozen=True)
class ConcernRow:
    id: int
    code: str
    team_id: int
    group_code: str
    duration_minutes: int
    sort_order: int
    active: bool
    name: str  # German
    missing: tuple[str, ...]  # languages without a name or without documents (the completeness marker)
    review: tuple[str, ...]  # languages whose texts still need a sworn translator's review


def _name(value: object, limit: int = NAME_MAX) -> str:
    name = inputs.free_text(value, limit)
    if len(name) < 2:
        raise AdminRefused("admin.name_missing")
    return name


def _code(name: str, taken: set[str]) -> str:
    """A stable machine code from a name: ascii, lower case, underscores, unique."""
    german = name.translate(str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}))
    ascii_name = unicodedata.normalize("NFKD", german).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:32] or "x"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _unique(s: Session, column, value: str, own_id: int | None, id_column, *where) -> None:
    """Names are unique without regard to case, in every script (SQLite's lower() knows ASCII only;
    the office has few names, so they are compared here)."""
    wanted = value.casefold()
    if any(i != own_id and name.casefold() == wanted for i, name in s.exec(select(id_column, column).where(*where))):
        raise AdminRefused("admin.name_taken")


def _commit(s: Session) -> None:
    try:
        s.commit()
    except sa.exc.IntegrityError as e:  # a colleague saved the same name a moment ago
        raise AdminRefused("admin.name_taken") from e


# --- teams ---------------------------------------------------------------------------------------------

def teams(*, engine: sa.Engine | None = None) -> list[TeamRow]:
    with db.read_session(engine) as s:
        rooms = s.exec(select(TeamRoom.team_id, TeamRoom.room_id)).all()
        counts = dict(s.exec(select(Concern.team_id, sa.func.count()).where(Concern.active)
                             .group_by(Concern.team_id)).all())
        return [TeamRow(t.id, t.code, t.name, t.active, tuple(sorted(r for team, r in rooms if team == t.id)),
                        counts.get(t.id, 0), t.release_time)
                for t in s.exec(select(Team).order_by(Team.id)).all()]


def save_team(team_id: int | None, *, name: object, active: bool, room_ids: list[int], now, by: int | None,
              release_time: time | None = None, engine: sa.Engine | None = None) -> int:
    """Add or change a team: its name, whether it takes appointments, the rooms it calls to, and
    the clock time at which its next day becomes bookable (None: at midnight)."""
    clean = _name(name)
    with db.write_session(engine) as s:
        _unique(s, Team.name, clean, team_id, Team.id)
        known_rooms = set(s.exec(select(Room.id)).all())
        rooms = sorted(set(room_ids) & known_rooms)
        team = s.get(Team, team_id) if team_id is not None else None
        if team_id is not None and team is None:
            raise AdminRefused("admin.not_found")
        before = _team_dict(s, team) if team else None
        if team is not None and team.active and not active and s.exec(
                select(Concern.id).where(Concern.team_id == team.id, Concern.active)).first() is not None:
            raise AdminRefused("admin.team.has_concerns")
        if team is None:
            team = Team(code=_code(clean, set(s.exec(select(Team.code)).all())), name=clean, active=active)
        team.name, team.active, team.release_time = clean, active, release_time
        s.add(team)
        s.flush()
        s.exec(delete(TeamRoom).where(TeamRoom.team_id == team.id))
        s.add_all(TeamRoom(team_id=team.id, room_id=r) for r in rooms)
        s.flush()
        audit.record_admin(s, "admin_change" if before else "admin_add", now, by=by, entity="team",
                           entity_id=team.id, team_id=team.id, before=before, after=_team_dict(s, team))
        _commit(s)
        return team.id


def _team_dict(s: Session, team: Team) -> dict:
    rooms = sorted(s.exec(select(TeamRoom.room_id).where(TeamRoom.team_id == team.id)).all())
    return dict(name=team.name, active=team.active, rooms=rooms,
                release=team.release_time.isoformat(timespec="minutes") if team.release_time else None)


# --- rooms ---------------------------------------------------------------------------------------------

def rooms(*, engine: sa.Engine | None = None) -> list[RoomRow]:
    with db.read_session(engine) as s:
        return [RoomRow(r.id, r.name, r.floor, r.active) for r in s.exec(select(Room).order_by(Room.name)).all()]


def save_room(room_id: int | None, *, name: object, floor: object, active: bool, now, by: int | None,
              engine: sa.Engine | None = None) -> int:
    """Add or change a room: the name the waiting-room display shows, its floor, in use or not."""
    clean = inputs.free_text(name, 40)
    if not clean:
        raise AdminRefused("admin.name_missing")
    with db.write_session(engine) as s:
        _unique(s, Room.name, clean, room_id, Room.id)
        room = s.get(Room, room_id) if room_id is not None else Room(name=clean)
        if room is None:
            raise AdminRefused("admin.not_found")
        before = dict(name=room.name, floor=room.floor, active=room.active) if room_id is not None else None
        room.name, room.floor, room.active = clean, inputs.free_text(floor, 40), active
        s.add(room)
        s.flush()
        audit.record_admin(s, "admin_change" if before else "admin_add", now, by=by, entity="room",
                           entity_id=room.id, before=before, after=dict(name=room.name, floor=room.floor,
                                                                        active=room.active))
        _commit(s)
        return room.id


# --- concerns ------------------------------------------------------------------------------------------

def concerns(*, engine: sa.Engine | None = None) -> list[ConcernRow]:
    with db.read_session(engine) as s:
        texts = s.exec(select(ConcernText)).all()
        rows = []
        for c in s.exec(select(Concern).order_by(Concern.sort_order, Concern.id)).all():
            own = {t.lang: t for t in texts if t.concern_id == c.id}
            missing = tuple(lang for lang in i18n.languages()
                            if lang not in own or not own[lang].name.strip() or not own[lang].documents.strip())
            review = tuple(lang for lang in i18n.languages() if lang in own and own[lang].needs_review)
            german = own.get(i18n.DEFAULT_LANGUAGE)
            rows.append(ConcernRow(c.id, c.code, c.team_id, c.group_code, c.duration_minutes, c.sort_order,
                                   c.active, german.name if german else c.code, missing, review))
        return rows


def concern_texts(concern_id: int, *, engine: sa.Engine | None = None) -> dict[str, dict[str, str]]:
    """The concern's texts per language: {lang: {name, description, documents, keywords}}."""
    with db.read_session(engine) as s:
        rows = s.exec(select(ConcernText).where(ConcernText.concern_id == concern_id)).all()
        return {t.lang: {f: getattr(t, f) for f in content.FIELDS} for t in rows}


def groups() -> list[str]:
    return list(office_data.GROUPS)


def _clean_texts(texts: dict[str, dict[str, object]]) -> dict[str, dict[str, str]]:
    clean = {}
    for lang, fields in texts.items():
        if lang not in i18n.languages():
            continue
        values = {}
        for f, limit in TEXT_LIMITS.items():
            raw = fields.get(f, "")
            if f == "documents":  # one document per line
                lines = raw.splitlines() if isinstance(raw, str) else []
                values[f] = "\n".join(t for t in (inputs.free_text(line, 200) for line in lines) if t)[:limit]
            else:
                values[f] = inputs.free_text(raw, limit)
        if any(values.values()):
            clean[lang] = values
    if not clean.get(i18n.DEFAULT_LANGUAGE, {}).get("name"):
        raise AdminRefused("admin.concern.german_name")
    return clean


def save_concern(concern_id: int | None, *, team_id: int, group_code: str, duration_minutes: int, sort_order: int,
                 active: bool, texts: dict[str, dict[str, object]], confirmed: tuple[int, ...] = (),
                 cancel: bool = False, now, by: int | None, engine: sa.Engine | None = None) -> tuple[int, int]:
    """Add or change a concern with its texts (German name required; other languages fall back to
    German). Deactivating one with future bookings needs them confirmed (``schedule_admin.
    plan_concern_end``): kept or cancelled with a message. Returns (concern id, cancelled)."""
    if group_code not in groups():
        raise AdminRefused("admin.concern.group")
    if not 5 <= int(duration_minutes) <= 480:
        raise AdminRefused("admin.concern.duration")
    clean = _clean_texts(texts)
    with db.write_session(engine) as s:
        team = s.get(Team, team_id)
        if team is None or not team.active:
            raise AdminRefused("admin.concern.team")
        german = clean[i18n.DEFAULT_LANGUAGE]["name"]
        _unique(s, ConcernText.name, german, concern_id, ConcernText.concern_id,
                ConcernText.lang == i18n.DEFAULT_LANGUAGE)
        concern = s.get(Concern, concern_id) if concern_id is not None else None
        if concern_id is not None and concern is None:
            raise AdminRefused("admin.not_found")
        before = _concern_dict(s, concern) if concern else None
        cancelled = 0
        if concern is not None and concern.team_id != team_id and schedule_admin.concern_bookings(s, concern, now):
            raise AdminRefused("admin.concern.team_has_bookings")
        if concern is not None and concern.active and not active:
            cancelled = schedule_admin.end_concern(s, concern, confirmed=confirmed, cancel=cancel, now=now, by=by)
        if concern is None:
            concern = Concern(code=_code(german, set(s.exec(select(Concern.code)).all())), team_id=team_id,
                              group_code=group_code, duration_minutes=1)
        concern.team_id, concern.group_code, concern.duration_minutes = team_id, group_code, int(duration_minutes)
        concern.sort_order, concern.active = int(sort_order), active
        s.add(concern)
        s.flush()
        _write_texts(s, concern.id, clean)
        audit.record_admin(s, "admin_change" if before else "admin_add", now, by=by, entity="concern",
                           entity_id=concern.id, team_id=team_id, before=before, after=_concern_dict(s, concern))
        _commit(s)
    content.forget()
    return concern.id, cancelled


def _write_texts(s: Session, concern_id: int, clean: dict[str, dict[str, str]]) -> None:
    """Texts that changed are the office's own now (no longer waiting for review); a language left
    empty is removed (it falls back to German)."""
    have = {t.lang: t for t in s.exec(select(ConcernText).where(ConcernText.concern_id == concern_id)).all()}
    for lang, row in have.items():
        if lang not in clean:
            s.delete(row)
    for lang, values in clean.items():
        row = have.get(lang) or ConcernText(concern_id=concern_id, lang=lang, name="")
        if any(getattr(row, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(row, f, v)
            row.needs_review = False
            s.add(row)


def _concern_dict(s: Session, c: Concern) -> dict:
    texts = s.exec(select(ConcernText).where(ConcernText.concern_id == c.id).order_by(ConcernText.lang)).all()
    return dict(team_id=c.team_id, group=c.group_code, duration=c.duration_minutes, order=c.sort_order,
                active=c.active, texts={t.lang: {f: getattr(t, f) for f in content.FIELDS} for t in texts})
