"""Database tables (SQLModel) and the plain read models that leave the backend.

Times are naive wall-clock times of the office (Europe/Berlin), as people read them on a letter.
Table classes never leave the services: states get the dataclasses of ``reads``.
"""

import warnings

# Reflex merges the metadata of every registered table class; all of ours share SQLModel.metadata,
# so each table is "copied" onto itself. Harmless, but it would warn once per table at startup.
warnings.filterwarnings("ignore", message=r"Table '\w+' already exists within the given MetaData")

from .appointments import (  # noqa: E402
    CHECKIN_BIRTH_DATE,
    CHECKIN_QR,
    CHECKIN_STAFF,
    CHECKIN_VIA,
    MAIL_CANCELLATIONS,
    MAIL_KINDS,
    MAIL_STATUSES,
    Appointment,
    AppointmentPerson,
    MailOutbox,
    PersonClaim,
    SlotClaim,
)
from .office import (  # noqa: E402
    BlockedDay,
    Concern,
    ConcernText,
    GroupText,
    OpeningWindow,
    Room,
    Staff,
    Team,
    TeamRoom,
)
from .reads import (  # noqa: E402
    BookingReceipt,
    ConcernInfo,
    DayInfo,
    TimeInfo,
    WaitlistOffering,
    WaitlistReceipt,
    WaitlistView,
)
from .security import (  # noqa: E402
    DEVICE_KINDS,
    Attempt,
    AuditEvent,
    Device,
    DeviceRoom,
    LiveClient,
    LoginFailure,
    ServerSecret,
    StaffSession,
    TaskLease,
    UsedProof,
)
from .urgent_requests import UrgentRequest  # noqa: E402
from .waitlist import WaitlistEntry, WaitlistOffer, WaitlistPerson  # noqa: E402

__all__ = [
    "CHECKIN_BIRTH_DATE", "CHECKIN_QR", "CHECKIN_STAFF", "CHECKIN_VIA", "MAIL_CANCELLATIONS", "MAIL_KINDS", "MAIL_STATUSES", "Appointment", "AppointmentPerson", "MailOutbox", "PersonClaim", "SlotClaim",
    "BlockedDay", "Concern", "ConcernText", "GroupText", "OpeningWindow", "Room", "Staff", "Team", "TeamRoom",
    "BookingReceipt", "ConcernInfo", "DayInfo", "TimeInfo",
    "DEVICE_KINDS", "Attempt", "AuditEvent", "Device", "DeviceRoom", "LiveClient", "LoginFailure", "ServerSecret", "StaffSession", "TaskLease", "UsedProof",
    "UrgentRequest",
    "WaitlistEntry", "WaitlistOffer", "WaitlistOffering", "WaitlistPerson", "WaitlistReceipt", "WaitlistView",
]
