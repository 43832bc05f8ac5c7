"""The statistics' definitions: periods, nearest-rank percentiles, rates, ranges, and the table
rows that are both shown and exported."""

from __future__ import annotations

import csv
import io
from datetime import date

from terminsystem.domain import statistics as stats
from terminsystem.domain.statistics import Figures
from terminsystem.state.statistics import COLUMNS, cells, period_label, to_csv


def test_periods_start_on_the_day_the_monday_and_the_first():
    sunday = date(2026, 3, 8)
    assert stats.bucket_start(sunday, "day") == sunday
    assert stats.bucket_start(sunday, "week") == date(2026, 3, 2)
    assert stats.bucket_start(sunday, "month") == date(2026, 3, 1)
    assert stats.buckets(date(2026, 2, 27), date(2026, 3, 9), "week") == [date(2026, 2, 23), date(2026, 3, 2),
                                                                          date(2026, 3, 9)]
    assert stats.buckets(date(2026, 3, 2), date(2026, 3, 1), "day") == []


def test_nearest_rank_percentiles_are_measured_values():
    assert stats.percentile([], stats.MEDIAN) is None
    assert stats.percentile([7], stats.MEDIAN) == stats.percentile([7], stats.P90) == 7
    assert stats.percentile([4, 1, 3, 2], stats.MEDIAN) == 2  # rank ⌈0.5·4⌉ = 2: the lower middle
    assert stats.percentile(list(range(1, 11)), stats.P90) == 9
    assert stats.percentile(list(range(1, 12)), stats.P90) == 10  # ⌈9.9⌉ = 10


def test_rates_and_ranges():
    assert Figures(no_show=1, came=3).no_show_rate == 0.25
    assert Figures().no_show_rate is None and Figures().utilisation is None
    assert stats.range_problem(date(2026, 1, 1), date(2026, 3, 31), "day") is None  # 90 days
    assert stats.range_problem(date(2026, 1, 1), date(2026, 12, 31), "day") == "stats.range_too_long"
    assert stats.range_problem(date(2026, 1, 2), date(2026, 1, 1), "week") == "stats.range_reversed"
    assert stats.range_problem(None, date(2026, 1, 1), "week") == "stats.invalid"
    assert stats.range_problem(date(2026, 1, 1), date(2026, 1, 1), "year") == "stats.invalid"


def test_a_row_is_shown_and_exported_alike():
    f = Figures(start=date(2026, 3, 2), booked=3, no_show=1, came=2, waits=2, wait_median_s=300, wait_p90_s=630,
                seats_used=3, seats_offered=40)
    row = cells(f, period_label(f.start, "week", "de"))
    assert row["label"] == "KW 10/2026" and row["no_show_rate"] == "33.3" and row["wait_p90"] == "10.5"
    assert row["service_median"] == "–" and row["utilisation"] == "7.5"
    assert cells(Figures(concern_id=4, seats_used=2), "x")["seats_offered"] == "–"  # offered per team only
    text = to_csv(["h"] * len(COLUMNS), [row])
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == [row[k] for k, _ in COLUMNS]
    assert period_label(date(2026, 3, 1), "month", "de") == "März 2026"
