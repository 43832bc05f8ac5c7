"""The statistics page in real Chromium: a team lead sees their team's figures as a chart and a
table, the CSV export is the table, and a clerk is refused."""

from __future__ import annotations

import csv
import os
import re
import uuid
from datetime import date, datetime, time, timedelta

from playwright.sync_api import expect
from sqlmodel import Session, select

from terminsystem import routes, settings
from terminsystem.models import Appointment, Concern

from .live import log_in

DAYS = 5


def _appointment(concern: Concern, start: datetime, **facts) -> Appointment:
    code = uuid.uuid4().hex
    return Appointment(team_id=concern.team_id, concern_id=concern.id, starts_at=start,
                       ends_at=start + timedelta(minutes=30), family_name="Statistik", birth_date=date(1970, 1, 1),
                       booking_code=code[:9].upper(), token_hash=code * 2, created_at=start - timedelta(days=7),
                       **facts)


def known_days(app) -> date:
    """Five days long ago (no other test writes there), each with: one person served (kiosk QR, waited
    10 min, served 20), one called in vain and one who never came, for the lead's team; and one
    appointment of the other team that the lead must not see. The first of the days."""
    first = settings.now().date() - timedelta(days=400)
    with Session(app.engine) as s:  # written once per app (the admin's test reuses them)
        if s.exec(select(Appointment).where(Appointment.family_name == "Statistik")).first():
            return first
    with Session(app.engine) as s:
        mine = s.exec(select(Concern).where(Concern.code == "duldung")).one()
        theirs = s.exec(select(Concern).where(Concern.code == "blaue_karte")).one()
        for n in range(DAYS):
            start = datetime.combine(first + timedelta(days=n), time(9))
            s.add(_appointment(mine, start, status="done", checked_in_at=start, checkin_via="qr",
                               called_at=start + timedelta(minutes=10), first_called_at=start + timedelta(minutes=10), finished_at=start + timedelta(minutes=30)))
            s.add(_appointment(mine, start, status="no_show", checked_in_at=start, checkin_via="birth_date",
                               called_at=start + timedelta(minutes=5), first_called_at=start + timedelta(minutes=5), finished_at=start + timedelta(minutes=12)))
            s.add(_appointment(mine, start + timedelta(minutes=30), status="booked"))
            s.add(_appointment(theirs, start, status="booked"))
        s.commit()
    return first


def table_cells(page, selector: str) -> list[list[str]]:
    return [[cell.inner_text().strip() for cell in row.locator("th, td").all()]
            for row in page.locator(f"{selector} tr").all()]


def test_team_lead_sees_chart_table_and_csv_of_their_team(app, page, tmp_path):
    first = known_days(app)
    log_in(page, app, "l.brandt")
    expect(page).to_have_url(re.compile(r"/team"))
    page.goto(app.url + routes.STATISTICS)
    expect(page.get_by_role("heading", name="Statistik", exact=True)).to_be_visible()
    show(page, "day", first, first + timedelta(days=DAYS - 1))
    expect(page.get_by_label("Team")).to_have_count(0)  # a team lead has no team choice
    table = page.locator("#stats-table")

    expect(table.locator("tbody tr")).to_have_count(DAYS)
    expect(table.locator("tbody tr").first.locator("th")).to_have_text(first.strftime("%d.%m.%Y"))
    # booked 3, cancelled 0, checked in 2 (QR 1, date of birth 1, staff 0), no-shows 2 of 3: 66.7 %,
    # no urgent entry, waiting 5 and 10 min (median 5.0, p90 10.0), served 20 min, no seats held
    # (the rows were written without seats); the seats offered depend on the weekday.
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(
        ["3", "0", "2", "1", "1", "0", "2", "66.7", "0", "5.0", "10.0", "20.0", "20.0", "0",
         re.compile(r"^\d+$"), re.compile(r"^(0\.0|–)$")])
    expect(table.locator("tfoot th")).to_have_text("Summe")
    expect(table.locator("tfoot td").first).to_have_text(str(3 * DAYS))

    # Three bars a day (booked, checked in, no-shows), all non-zero: the chart draws 3 × 5 bars.
    bars = page.locator("#stats-bars svg .recharts-bar-rectangle")
    expect(bars).to_have_count(3 * DAYS)
    expect(page.locator("#stats-waits svg .recharts-line-curve")).to_have_count(2)

    with page.expect_download() as caught:
        page.get_by_role("button", name="Als CSV herunterladen").first.click()
    path = tmp_path / "stats.csv"
    caught.value.save_as(path)
    with open(path, encoding="utf-8", newline="") as f:
        exported = list(csv.reader(f, delimiter=";"))
    assert exported == table_cells(page, "#stats-table")
    assert len(exported) == 1 + DAYS + 1  # header, the days, the total
    if shot := os.environ.get("TS_STATS_SCREENSHOT"):
        page.screenshot(path=shot, full_page=True)


def show(page, period: str, first: date, last: date, team: str | None = None) -> None:
    expect(page.locator("#stats-table tbody tr")).to_have_count(28)  # loaded: the last four weeks, per day
    page.get_by_label("Zeitraum je").select_option(period)
    page.get_by_label("Von").fill(first.isoformat())
    page.get_by_label("Bis").fill(last.isoformat())
    if team is not None:
        page.get_by_label("Team").select_option(label=team)
    page.get_by_role("button", name="Anzeigen").click()


def test_admin_sees_every_team_or_one(app, page):
    first = known_days(app)
    log_in(page, app, "admin")
    expect(page).to_have_url(re.compile(r"/team"))
    page.goto(app.url + routes.STATISTICS)
    show(page, "week", first, first + timedelta(days=DAYS - 1))
    total = page.locator("#stats-table tfoot td").first
    expect(total).to_have_text(str(4 * DAYS))  # both teams: 3 + 1 booked a day
    page.get_by_label("Team").select_option(label="Beschäftigung und Familiär")
    page.get_by_role("button", name="Anzeigen").click()
    expect(total).to_have_text(str(DAYS))
    expect(page.locator("#stats-concerns tbody th")).to_have_text(["Blaue Karte EU"])


def test_a_clerk_cannot_open_the_statistics(app, page):
    log_in(page, app, "h.keller")
    expect(page.get_by_role("button", name="Starten")).to_be_visible(timeout=15_000)
    page.goto(app.url + routes.STATISTICS)
    expect(page).to_have_url(re.compile(r"/team/?$"))
    expect(page.locator("#stats-table tbody tr")).to_have_count(0)
