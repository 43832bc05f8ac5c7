"""Office content per language lives in the database: seeded for every concern, group and language,
never overwriting the office's edits, falling back to German field by field."""

from sqlmodel import Session, delete, select

from terminsystem import i18n, office_data
from terminsystem.models import Concern, ConcernText, GroupText
from terminsystem.services import content, setup


def test_every_concern_and_group_has_its_texts_in_every_language(office):
    content.forget()
    with Session(office) as s:
        rows = {(c.code, t.lang): t for c, t in s.exec(
            select(Concern, ConcernText).join(ConcernText, ConcernText.concern_id == Concern.id))}
        groups = {(g.group_code, g.lang) for g in s.exec(select(GroupText))}
    for lang in i18n.languages():
        for code, *_ in office_data.CONCERNS:
            t = rows[(code, lang)]
            assert t.name and t.description and t.documents and t.keywords, (code, lang)
            assert t.needs_review == (lang != "de")
        for group in office_data.GROUPS:
            assert (group, lang) in groups
    assert len(rows) == len(office_data.CONCERNS) * len(i18n.languages())


def test_seeding_again_keeps_the_offices_edits_and_missing_texts_fall_back_to_german(office):
    with Session(office) as s:
        duldung = s.exec(select(Concern).where(Concern.code == "duldung")).one()
        edited = s.exec(select(ConcernText).where(ConcernText.concern_id == duldung.id,
                                                   ConcernText.lang == "fa")).one()
        edited.name = "نام ویرایش‌شده"
        edited.description = ""
        s.add(edited)
        s.exec(delete(ConcernText).where(ConcernText.concern_id == duldung.id, ConcernText.lang == "tr"))
        s.commit()
    setup.configure_office(engine=office)  # seeds the missing Turkish row again, keeps the Persian edit
    content.forget()
    fa = content.concern("fa", "duldung", engine=office)
    de = content.concern("de", "duldung", engine=office)
    assert fa.name == "نام ویرایش‌شده"
    assert fa.description == de.description  # empty in Persian: the German text, never a key
    assert content.concern("tr", "duldung", engine=office).name == content.shipped("tr")["concern.duldung.name"][0]
    assert content.concern("xx", "duldung", engine=office) == de
    assert content.groups("uk", engine=office)["work"] != content.groups("de", engine=office)["work"]
