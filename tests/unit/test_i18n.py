"""The translation layer: complete catalogs and no key used in code that a catalog lacks."""

import re
from pathlib import Path

from terminsystem import i18n, office_data
from terminsystem.domain import status, transitions, urgent_requests
from terminsystem.domain import waitlist as wl
from terminsystem.services import audit
from terminsystem.state import overview, urgent_triage

SOURCE = Path(i18n.__file__).resolve().parent.parent


def keys(lang: str) -> set[str]:
    with open(Path(i18n.__file__).parent / f"{lang}.po", "rb") as f:
        from babel.messages.pofile import read_po

        return {m.id for m in read_po(f) if m.id and m.string}


def test_german_is_default_and_english_available():
    assert i18n.languages()[0] == "de"
    assert "en" in i18n.languages()
    assert i18n.normalize("xx") == "de"


def test_every_language_has_every_message():
    reference = keys("de")
    for lang in i18n.languages():
        assert keys(lang) == reference, lang


def test_every_concern_and_group_has_its_shipped_texts_in_every_language():
    """The office content the database is seeded with (terminsystem/content/<lang>.po)."""
    from terminsystem.services import content

    for lang in i18n.languages():
        texts = content.shipped(lang)
        for code, *_ in office_data.CONCERNS:
            for part in content.FIELDS:
                assert texts.get(f"concern.{code}.{part}", ("", False))[0].strip(), (lang, code, part)
        for group in office_data.GROUPS:
            assert f"group.{group}" in texts, (lang, group)


def test_every_key_named_in_the_code_exists():
    pattern = re.compile(r"""["']((?:booking|field|error|calendar|step|action|office|lang|group|kiosk|checkin|clerk|display|conn|auth|overview|audit|devices|manage|doc|mail|staff_booking|info|footer|admin|stats|urgent|triage|waitlist)\.[a-z_.]+)["']""")
    used = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 40
    missing = {k for k in used if k not in keys("de") and not k.endswith(".")}
    assert missing == set()


def test_translate_formats_parameters_and_dates():
    assert i18n.translate("de", "booking.duration", minutes=30) == "Dauer: etwa 30 Minuten"
    assert i18n.translate("en", "booking.duration", minutes=60) == "Duration: about 60 minutes"
    from datetime import date

    assert i18n.long_date(date(2026, 12, 1), "de") == "Dienstag, 1. Dezember 2026"
    assert i18n.long_date(date(2026, 12, 1), "en") == "Tuesday, December 1, 2026"


def test_keys_made_from_names_exist():
    """Keys the code builds from action, status and figure names."""
    built = ({f"audit.{a}" for a in audit.ACTIONS} | {f"clerk.undo.{a}" for a in transitions.UNDOABLE}
             | {f"clerk.status.{s}" for s in status.ALL} | {f"overview.figure.{f}" for f in overview.FIGURES}
             | {f"overview.lock.{k}" for k in audit.TARGET_KINDS} | {f"audit.reason.{r}" for r in audit.REASONS}
             | {"audit.kiosk", "audit.system"}
             | {f"triage.status.{s}" for s in urgent_requests.STATUSES}
             | {f"urgent.kind.{k}" for k in urgent_requests.PERMIT_KINDS}
             | {f"waitlist.status.{s}" for s in wl.ENTRY_STATUSES}
             | {urgent_triage.left_key(d) for d in range(-3, 4)})
    assert built - keys("de") == set()


def _messages(lang: str) -> dict:
    from babel.messages.pofile import read_po

    with open(Path(i18n.__file__).parent / f"{lang}.po", "rb") as f:
        return {m.id: m for m in read_po(f) if m.id}


def test_eight_languages_in_the_offices_order_with_their_own_names_and_directions():
    assert i18n.languages() == ("de", "en", "ar", "fa", "tr", "uk", "ru", "fr")
    assert [i18n.language_name(lang) for lang in i18n.languages()] == [
        "Deutsch", "English", "العربية", "فارسی", "Türkçe", "Українська", "Русский", "Français"]
    assert [lang for lang in i18n.languages() if i18n.direction(lang) == "rtl"] == ["ar", "fa"]


def test_every_translation_keeps_the_placeholders_and_the_lines_of_document_lists():
    holder = re.compile(r"\{[a-z_]+\}")
    german = _messages("de")
    for lang in i18n.languages():
        for key, m in _messages(lang).items():
            assert sorted(holder.findall(m.string)) == sorted(holder.findall(german[key].string)), (lang, key)
            if key.endswith(".documents"):
                assert m.string.count("\n") == german[key].string.count("\n"), (lang, key)
            assert m.string.strip(), (lang, key)


def test_translations_are_marked_for_review_until_the_office_clears_them():
    """Every non-German text was machine-assisted: flagged ``needs-review`` (the office removes the
    flag when a sworn translator has checked it); German is the original and never flagged."""
    assert not any("needs-review" in m.flags for m in _messages("de").values())
    assert i18n.needs_review("de") == 0
    for lang in i18n.languages()[1:]:
        assert i18n.needs_review(lang) == len(_messages(lang))


def test_language_from_the_browser_and_direction():
    assert i18n.from_accept_language("fa-IR,fa;q=0.9,en;q=0.5") == "fa"
    assert i18n.from_accept_language("xx, en;q=0.3, uk;q=0.8") == "uk"
    assert i18n.from_accept_language("zh-CN") is None
    assert i18n.from_accept_language("de;q=garbage,fr") == "fr"
    assert i18n.direction("ar") == "rtl" and i18n.direction("tr") == "ltr" and i18n.direction("xx") == "ltr"


def test_the_displays_language_cycle_fits_the_number_of_languages():
    css = (SOURCE.parent / "assets" / "terminsystem.css").read_text(encoding="utf-8")
    share = re.search(r"@keyframes ts-rotate \{ 0% \{ opacity: 1; \} ([\d.]+)% \{ opacity: 0; \}", css)
    assert share and abs(float(share.group(1)) - 100 / (len(i18n.languages()) - 1)) < 0.001
