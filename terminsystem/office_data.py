"""The Ausländerbehörde's configuration as shipped: teams, concerns, rooms, opening hours.

What people read about concerns and groups, per language, is office content in the database
(``services.content``), seeded from ``terminsystem/content/<lang>.po``.
"""

from datetime import time

from .domain.auth import ADMIN, CLERK, TEAM_LEAD

HUMANITAER = "humanitaer"
BESCHAEFTIGUNG_FAMILIE = "beschaeftigung_familie"

TEAMS = [
    (HUMANITAER, "Humanitär"),
    (BESCHAEFTIGUNG_FAMILIE, "Beschäftigung und Familiär"),
]

# Groups as the public sees them; they are topics, not teams (nobody has to know the team).
GROUPS = ["protection", "work", "family", "permanent", "documents", "other"]

# (code, team, group, minutes)
CONCERNS = [
    ("asyl_fluechtling", HUMANITAER, "protection", 30),
    ("subsidiaerer_schutz", HUMANITAER, "protection", 30),
    ("abschiebungsverbot", HUMANITAER, "protection", 30),
    ("gestattung", HUMANITAER, "protection", 30),
    ("duldung", HUMANITAER, "protection", 30),
    ("beschaeftigung_gestattung_duldung", HUMANITAER, "work", 30),
    ("reiseausweis", HUMANITAER, "documents", 30),
    ("niederlassung_schutz", HUMANITAER, "permanent", 60),
    ("fachkraft", BESCHAEFTIGUNG_FAMILIE, "work", 30),
    ("blaue_karte", BESCHAEFTIGUNG_FAMILIE, "work", 30),
    ("studium_ausbildung", BESCHAEFTIGUNG_FAMILIE, "work", 30),
    ("familie_ehegatte", BESCHAEFTIGUNG_FAMILIE, "family", 30),
    ("familie_kind", BESCHAEFTIGUNG_FAMILIE, "family", 30),
    ("niederlassungserlaubnis", BESCHAEFTIGUNG_FAMILIE, "permanent", 60),
    ("daueraufenthalt_eu", BESCHAEFTIGUNG_FAMILIE, "permanent", 60),
    ("verlaengerung", BESCHAEFTIGUNG_FAMILIE, "documents", 30),
    ("eat_abholung", BESCHAEFTIGUNG_FAMILIE, "documents", 15),
    ("verpflichtungserklaerung", BESCHAEFTIGUNG_FAMILIE, "other", 30),
]

# Both teams: Mon/Tue/Thu 08–13, long Wednesday 08–18, Friday 08–12, 30-minute slots, two clerks
# receiving booked appointments in parallel (the others work on files). That is 40 seats a day in
# the office, 80 on Wednesday and 32 on Friday.
_HOURS = {0: (8, 13), 1: (8, 13), 2: (8, 18), 3: (8, 13), 4: (8, 12)}
OPENING = [
    (team, weekday, time(start), time(end), 30, 2)
    for team, _ in TEAMS
    for weekday, (start, end) in _HOURS.items()
]

ROOMS = [(f"{floor}.{n:02d}", f"{floor}. OG") for floor in (1, 2) for n in range(1, 7)]

# Staff records. `make run` gives them DEMO_PASSWORD; a real installation creates its first admin
# with `python -m terminsystem.cli create-admin` and the admin creates the others.
DEMO_PASSWORD = "Demo-Passwort-2026"
STAFF = [
    ("h.keller", "Anna Keller", CLERK, HUMANITAER),
    ("h.yilmaz", "Deniz Yilmaz", CLERK, HUMANITAER),
    ("b.schmid", "Jonas Schmid", CLERK, BESCHAEFTIGUNG_FAMILIE),
    ("b.novak", "Petra Novak", CLERK, BESCHAEFTIGUNG_FAMILIE),
    ("l.brandt", "Lea Brandt", TEAM_LEAD, HUMANITAER),
    ("l.weber", "Markus Weber", TEAM_LEAD, BESCHAEFTIGUNG_FAMILIE),
    ("admin", "Administration", ADMIN, None),
]

# Closed every year in addition to the public holidays of Baden-Württemberg (month, day).
ANNUAL_CLOSURES = [(12, 24), (12, 31)]
