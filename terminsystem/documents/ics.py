"""The booking as a calendar file (.ics, RFC 5545) with a reminder the day before.

Times are local to the office (``settings.TIMEZONE``) and the file carries that zone's VTIMEZONE,
so calendars without the zone database show the right hour. The check-in token stays out of it:
calendars are synced and shared; the check-in QR code is in the PDF.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from .. import i18n, settings
from . import Confirmation

PRODID = "-//Landratsamt Heilbronn//Terminsystem//DE"


def _local(moment: datetime) -> datetime:
    """A naive office wall-clock time as an aware datetime in the office's zone."""
    return moment.replace(tzinfo=settings.TIMEZONE)


def description(c: Confirmation) -> str:
    """The event's text: booking code, documents, check-in, manage link. No names (calendars are
    synced to other services) and never the check-in token."""
    lang = c.lang
    minutes = int(settings.checkin_policy().before.total_seconds() // 60)
    hours = f"{settings.manage_cutoff().total_seconds() / 3600:g}"
    lines = [
        f"{i18n.translate(lang, 'doc.code')}: {c.booking_code}",
        "",
        f"{i18n.translate(lang, 'doc.bring')}:",
        *(f"- {item}" for item in c.documents),
        "",
        i18n.translate(lang, "doc.ics.checkin", minutes=minutes),
        "",
        i18n.translate(lang, "doc.ics.manage", hours=hours),
        c.manage_url,
    ]
    return "\n".join(lines)


def render(c: Confirmation) -> bytes:
    """The confirmation as an iCalendar file (UTF-8 bytes)."""
    lang = c.lang
    summary = i18n.translate(lang, "doc.ics.summary", concern=c.concern_name)

    event = Event()
    event.add("uid", f"{c.booking_code}@terminsystem")
    event.add("dtstamp", datetime.now(timezone.utc).replace(microsecond=0))
    event.add("dtstart", _local(c.starts_at))
    event.add("dtend", _local(c.ends_at))
    event.add("summary", summary)
    event.add("location", settings.OFFICE_ADDRESS)
    event.add("description", description(c))
    event.add("url", c.manage_url)

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", i18n.translate(lang, "doc.ics.alarm"))
    event.add_component(alarm)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
