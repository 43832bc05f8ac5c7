"""Check a translated catalog against de.po: same message ids, same {placeholders}, every entry
translated and flagged needs-review. Usage: python terminsystem/i18n/pending/check.py fa"""

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
lang = sys.argv[1]
with open(HERE.parent / "de.po", "rb") as f:
    de = {m.id: m.string for m in read_po(f) if m.id}
with open(HERE / f"{lang}.po", "rb") as f:
    catalog = read_po(f)
other = {m.id: m for m in catalog if m.id}
problems = []
if catalog.locale is None or str(catalog.locale) != lang:
    problems.append(f"header Language must be {lang}, is {catalog.locale}")
for key in sorted(set(de) - set(other)):
    problems.append(f"missing: {key}")
for key in sorted(set(other) - set(de)):
    problems.append(f"not in de.po: {key}")
holder = re.compile(r"\{[a-z_]+\}")
for key, m in other.items():
    if key not in de:
        continue
    if not m.string.strip():
        problems.append(f"empty: {key}")
    if sorted(holder.findall(m.string)) != sorted(holder.findall(de[key])):
        problems.append(f"placeholders differ: {key}: {holder.findall(m.string)} vs {holder.findall(de[key])}")
    if "needs-review" not in m.flags:
        problems.append(f"no needs-review flag: {key}")
    if de[key].count("\n") and key.endswith(".documents") and m.string.count("\n") != de[key].count("\n"):
        problems.append(f"documents line count differs: {key}")
print("\n".join(problems) or f"{lang}: {len(other)} messages, all fine")
sys.exit(1 if problems else 0)
