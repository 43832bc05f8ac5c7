"""The outbox with a real SMTP server (the catcher): sent once, kept while the server is down,
claimed by one worker only, reminders on time, dropped and refused mails never retried."""

import asyncio
import threading
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from terminsystem import db, settings
from terminsystem.domain import codes
from terminsystem.mail.catcher import Catcher, free_port
from terminsystem.mail.smtp import SmtpSettings
from terminsystem.models import Appointment, Concern, MailOutbox
from terminsystem.services import outbox

from ..race import at_once

NOW = datetime(2026, 11, 27, 10, 0)  # a Friday
START = datetime.combine(date(2026, 11, 30), time(9))  # the Monday after
EMAIL = "erika@example.org"


def smtp(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=5)


def appointment(engine, *, email=EMAIL, start=START, nonce=True, kinds=("confirmation",), now=NOW, due=None) -> int:
    """An appointment put straight into the database (as the booking does) with its mails queued."""
    with db.write_session(engine) as s:
        concern = s.exec(select(Concern).where(Concern.code == "blaue_karte")).one()
        a = Appointment(team_id=concern.team_id, concern_id=concern.id, starts_at=start,
                        ends_at=start + timedelta(minutes=30), family_name="Mustermann", given_names="Erika",
                        birth_date=date(1964, 8, 12), email=email, booking_code=codes.new_booking_code(),
                        token_hash=codes.token_hash(codes.new_token()), created_at=now,
                        link_nonce=codes.new_nonce() if nonce else None)
        s.add(a)
        s.flush()
        for kind in kinds:
            outbox.enqueue(s, kind, a.id, now=now, due=due)
        s.commit()
        return a.id


def rows(engine) -> list[MailOutbox]:
    with Session(engine) as s:
        return list(s.exec(select(MailOutbox).order_by(MailOutbox.id)).all())


def test_a_confirmation_is_delivered_once_with_pdf_and_calendar(office, tmp_path):
    appointment(office)
    with Catcher(folder=tmp_path / "mail") as catcher:
        assert outbox.deliver_due(now=NOW, settings=smtp(catcher.port), engine=office) == 1
        assert outbox.deliver_due(now=NOW + timedelta(hours=2), settings=smtp(catcher.port), engine=office) == 0
        assert catcher.wait_for(1, 5)
    [msg] = catcher.messages
    files = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    pdf = next(v for k, v in files.items() if k.endswith(".pdf"))
    ics = next(v for k, v in files.items() if k.endswith(".ics"))
    assert pdf.startswith(b"%PDF") and b"BEGIN:VCALENDAR" in (ics if isinstance(ics, bytes) else ics.encode())
    assert msg["To"] == EMAIL and msg["Message-ID"].startswith("<outbox-")
    [row] = rows(office)
    assert (row.status, row.attempts, row.sent_at, row.claimed_until) == ("sent", 1, NOW, None)
    [saved] = (tmp_path / "mail").glob("001-*.eml")
    assert "Terminbestatigung" in saved.name


def test_nothing_is_lost_while_the_server_is_down(office):
    appointment(office)
    port = free_port()  # nothing listens there
    assert outbox.deliver_due(now=NOW, settings=smtp(port), engine=office) == 0
    [row] = rows(office)
    assert (row.status, row.attempts, row.claimed_until) == ("pending", 1, None)
    assert row.next_try_at == NOW + timedelta(seconds=30) and row.last_error
    with Catcher(port=port) as catcher:
        assert outbox.deliver_due(now=NOW + timedelta(seconds=10), settings=smtp(port), engine=office) == 0
        assert outbox.deliver_due(now=NOW + timedelta(seconds=31), settings=smtp(port), engine=office) == 1
        assert outbox.deliver_due(now=NOW + timedelta(minutes=5), settings=smtp(port), engine=office) == 0
        assert catcher.wait_for(1, 5)
        assert len(catcher.messages) == 1
    [row] = rows(office)
    assert (row.status, row.attempts) == ("sent", 2)


def test_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


@pytest.mark.parametrize("separate_engines", [False, True], ids=["threads", "workers"])
def test_each_mail_arrives_once_when_workers_race(office, db_url, separate_engines):
    for _ in range(5):
        appointment(office)
    engines = [office, db.make_engine(db_url) if separate_engines else office]
    with Catcher() as catcher:
        counts = at_once(lambda i: outbox.deliver_due(now=NOW, settings=smtp(catcher.port), engine=engines[i]), 2)
        assert catcher.wait_for(5, 5)
    if separate_engines:
        engines[1].dispose()
    ids = [m["Message-ID"] for m in catcher.messages]
    assert len(ids) == 5 and len(set(ids)) == 5 and sum(counts) == 5
    assert {(r.status, r.attempts) for r in rows(office)} == {("sent", 1)}


def test_a_reminder_goes_out_when_due_then_never_again(office):
    aid = appointment(office, kinds=("reminder",), due=NOW + timedelta(hours=2))
    with db.write_session(office) as s:  # the appointment was moved: its reminder moves along
        assert outbox.reschedule(s, aid, "reminder", NOW + timedelta(hours=5)) == 1
        s.commit()
    with Catcher() as catcher:
        def deliver(moment):
            return outbox.deliver_due(now=moment, settings=smtp(catcher.port), engine=office)

        assert [deliver(NOW), deliver(NOW + timedelta(hours=2)), deliver(NOW + timedelta(hours=5, seconds=-1))] == [0] * 3
        assert not catcher.messages
        assert deliver(NOW + timedelta(hours=5)) == 1
        assert deliver(NOW + timedelta(hours=6)) == 0
        assert catcher.wait_for(1, 5)
    [msg] = catcher.messages
    assert [p.get_filename().rsplit(".", 1)[1] for p in msg.iter_attachments()] == ["ics"]
    assert "Erinnerung" in msg["Subject"]


def test_dropped_missing_and_stale_mails_are_never_sent(office):
    aid = appointment(office, kinds=("confirmation", "reminder"), due=NOW + timedelta(hours=1))
    appointment(office, nonce=False)  # booked before manage links: no mail can be made
    appointment(office, email=None)
    appointment(office, start=NOW - timedelta(minutes=30))  # already begun
    with db.write_session(office) as s:
        assert outbox.drop_pending(s, aid, ["confirmation", "reminder"]) == 2
        outbox.enqueue(s, "confirmation", None, now=NOW)  # its appointment is gone
        s.commit()
    with Catcher() as catcher:
        assert outbox.deliver_due(now=NOW + timedelta(hours=2), settings=smtp(catcher.port), engine=office) == 0
        assert outbox.deliver_due(now=NOW + timedelta(hours=3), settings=smtp(catcher.port), engine=office) == 0
        assert not catcher.wait_for(1, 0.2)
    assert {r.status for r in rows(office)} == {"dropped"}
    assert all(r.attempts <= 1 for r in rows(office))


def test_a_refused_recipient_fails_for_good(office):
    appointment(office, email="nobody@example.org")
    appointment(office)
    with Catcher(refuse=["nobody@example.org"]) as catcher:
        assert outbox.deliver_due(now=NOW, settings=smtp(catcher.port), engine=office) == 1
        assert outbox.deliver_due(now=NOW + timedelta(hours=2), settings=smtp(catcher.port), engine=office) == 0
        assert catcher.wait_for(1, 5)
    refused, sent = rows(office)
    assert (refused.status, refused.attempts, sent.status) == ("failed", 1, "sent")
    assert refused.last_error.startswith("recipient refused: 550") and "nobody" not in refused.last_error
    assert [m["To"] for m in catcher.messages] == [EMAIL]


def test_without_smtp_settings_mail_waits(office):
    appointment(office)
    assert outbox.deliver_due(now=NOW, settings=SmtpSettings(), engine=office) == 0
    [row] = rows(office)
    assert (row.status, row.attempts) == ("pending", 0)


def test_the_sender_task_sends_at_once_when_woken(office, monkeypatch):
    outbox.wake()  # no sender running: nothing happens
    monkeypatch.setattr(db, "app_engine", lambda: office)
    monkeypatch.setenv("TS_MAIL_POLL_SEC", "60")
    start = settings.now() + timedelta(days=3)

    async def scenario(catcher):
        task = asyncio.create_task(outbox.sender_loop())
        await asyncio.sleep(0.3)  # its first round found nothing; now it sleeps for a minute
        await asyncio.to_thread(appointment, office, start=start, now=settings.now())
        threading.Thread(target=outbox.wake).start()  # as a booking in a worker thread does
        arrived = await asyncio.to_thread(catcher.wait_for, 1, 10)
        task.cancel()
        return arrived

    with Catcher() as catcher:
        monkeypatch.setenv("TS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("TS_SMTP_PORT", str(catcher.port))
        assert asyncio.run(scenario(catcher))
    assert rows(office)[0].status == "sent"
