"""Add or update UI messages in the gettext catalogs (terminsystem/i18n/<lang>.po).

    python scripts/catalog_add.py messages.json

``messages.json``: {"key": {"de": "…", "en": "…", "ar": "…"}, …}. Languages missing for a key are
left alone (the completeness test names them). Texts of other languages than German are flagged
``needs-review`` (a sworn translator clears the flag). Several runs at once wait for each other.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGS = Path(__file__).resolve().parents[1] / "terminsystem" / "i18n"


def add(messages: dict[str, dict[str, str]]) -> None:
    with open(CATALOGS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        langs = {lang for texts in messages.values() for lang in texts}
        for lang in sorted(langs):
            path = CATALOGS / f"{lang}.po"
            with open(path, "rb") as f:
                catalog = read_po(f, locale=lang)
            for key, texts in messages.items():
                if lang not in texts:
                    continue
                flags = () if lang == "de" else ("needs-review",)
                if key in catalog:
                    catalog[key].string = texts[lang]
                    catalog[key].flags = set(flags)
                else:
                    catalog.add(key, texts[lang], flags=flags)
            with open(path, "wb") as f:
                write_po(f, catalog, width=100)


if __name__ == "__main__":
    add(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
