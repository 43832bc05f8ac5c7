"""The booking calendar grid: each day lands in its weekday's column, months get a header."""

from datetime import date, timedelta

from terminsystem.models import DayInfo
from terminsystem.state.booking_view import calendar_cells


def test_days_land_in_their_weekday_column_across_months():
    first = date(2026, 11, 29)  # a Sunday
    days = [DayInfo(day=first + timedelta(days=i), state="available", free=3) for i in range(42)]
    cells = calendar_cells("de", days, selected="2026-12-02")
    column = 0
    months = []
    for cell in cells:
        if cell["state"] == "month":
            assert column == 0, "a month header starts a new row"
            months.append(cell["number"])
            continue
        if cell["iso"]:
            assert date.fromisoformat(cell["iso"]).weekday() == column
        column = (column + 1) % 7
    assert months == ["November 2026", "Dezember 2026", "Januar 2027"]
    assert [c["iso"] for c in cells if c["selected"] == "yes"] == ["2026-12-02"]
    assert sum(1 for c in cells if c["iso"]) == 42


def test_day_labels_say_date_and_state():
    days = [DayInfo(day=date(2026, 12, 9), state="full", free=0)]
    cell = next(c for c in calendar_cells("en", days, "") if c["iso"])
    assert cell["label"] == "Wednesday, December 9, 2026: fully booked"
