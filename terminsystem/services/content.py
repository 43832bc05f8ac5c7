"""Office content per language: what people read about concerns and their groups. It lives in the
database (``concern_text``, ``group_text``) so the office can edit it; the texts shipped with the
system (``terminsystem/content/<lang>.po``) seed it. A text missing in a language falls back to
German, field by field, so a page never shows a key.

Pages read it often and it changes rarely: each worker keeps what it read for ``CACHE_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from babel.messages.pofile import read_po
from sqlmodel import Session, select

from .. import db, i18n
from ..models import Concern, ConcernText, GroupText

SHIPPED = Path(__file__).resolve().parent.parent / "content"
FIELDS = ("name", "description", "documents", "keywords")
CACHE_SECONDS = 30.0
_cache: dict[str, tuple[float, dict, dict]] = {}


@dataclass(frozen=True)
class ConcernContent:
    name: str
    description: str
    documents: tuple[str, ...]  # what to bring, one document each
    keywords: str  # extra search words


@lru_cache(maxsize=None)
def shipped(lang: str) -> dict[str, tuple[str, bool]]:
    """The shipped texts of ``lang``: message id (``concern.<code>.<field>``, ``group.<code>``) →
    (text, needs review)."""
    path = SHIPPED / f"{lang}.po"
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        return {m.id: (m.string, "needs-review" in m.flags) for m in read_po(f) if m.id and m.string}


def seed(s: Session) -> None:
    """Add the shipped texts for every concern, group and language that has none yet (the office's
    own edits are never overwritten). In the caller's transaction."""
    have = {(c, lang) for c, lang in s.exec(select(ConcernText.concern_id, ConcernText.lang)).all()}
    have_groups = {(g, lang) for g, lang in s.exec(select(GroupText.group_code, GroupText.lang)).all()}
    concerns = s.exec(select(Concern.id, Concern.code, Concern.group_code)).all()
    for lang in i18n.languages():
        texts = shipped(lang)
        for concern_id, code, group in concerns:
            fields = {f: texts.get(f"concern.{code}.{f}", ("", False)) for f in FIELDS}
            if (concern_id, lang) not in have and fields["name"][0]:
                s.add(ConcernText(concern_id=concern_id, lang=lang, **{f: v[0] for f, v in fields.items()},
                                  needs_review=any(v[1] for v in fields.values())))
            if (group, lang) not in have_groups and f"group.{group}" in texts:
                name, review = texts[f"group.{group}"]
                s.add(GroupText(group_code=group, lang=lang, name=name, needs_review=review))
                have_groups.add((group, lang))


def concerns(lang: str, *, need: Iterable[str] = (), engine: sa.Engine | None = None) -> dict[str, ConcernContent]:
    """Every concern's texts in ``lang`` (German where a text is missing), by concern code.
    ``need``: codes the caller shows; one missing from what this worker read (a concern the office
    just added, maybe in another worker) makes it read the database again."""
    by_lang = _load(engine, need)[0]
    return {code: _merge(by_lang, lang, code) for code in by_lang[i18n.DEFAULT_LANGUAGE]}


def concern(lang: str, code: str, *, engine: sa.Engine | None = None) -> ConcernContent:
    """One concern's texts in ``lang`` (German where missing); only that concern is merged."""
    by_lang = _load(engine, (code,))[0]
    if code not in by_lang[i18n.DEFAULT_LANGUAGE]:
        return ConcernContent(code, "", (), "")
    return _merge(by_lang, lang, code)


def groups(lang: str, *, engine: sa.Engine | None = None) -> dict[str, str]:
    loaded = _load(engine)[1]
    return {**loaded.get(i18n.DEFAULT_LANGUAGE, {}), **loaded.get(i18n.normalize(lang), {})}


def forget() -> None:
    """Read the database again on the next call (after the office edited a text)."""
    _cache.clear()


def _merge(by_lang: dict, lang: str, code: str) -> ConcernContent:
    own, german = by_lang.get(i18n.normalize(lang), {}).get(code), by_lang[i18n.DEFAULT_LANGUAGE][code]
    if own is None:
        return german
    return ConcernContent(name=own.name or german.name, description=own.description or german.description,
                          documents=own.documents or german.documents, keywords=own.keywords or german.keywords)


def _load(engine: sa.Engine | None, need: Iterable[str] = ()) -> tuple[dict, dict]:
    key = str(engine.url) if engine is not None else ""  # per database, not per engine object
    hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS and all(c in hit[1][i18n.DEFAULT_LANGUAGE] for c in need):
        return hit[1], hit[2]
    by_lang: dict[str, dict[str, ConcernContent]] = {}
    group_names: dict[str, dict[str, str]] = {}
    with db.read_session(engine) as s:
        for code, t in s.exec(select(Concern.code, ConcernText).join(ConcernText, ConcernText.concern_id == Concern.id)):
            by_lang.setdefault(t.lang, {})[code] = ConcernContent(
                name=t.name, description=t.description, keywords=t.keywords,
                documents=tuple(line.strip() for line in t.documents.split("\n") if line.strip()))
        for g in s.exec(select(GroupText)):
            group_names.setdefault(g.lang, {})[g.group_code] = g.name
    by_lang.setdefault(i18n.DEFAULT_LANGUAGE, {})
    _cache[key] = (time.monotonic(), by_lang, group_names)
    return by_lang, group_names
