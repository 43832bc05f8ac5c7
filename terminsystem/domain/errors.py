"""Domain outcomes that a user is told about. Each carries a message key of the i18n catalog."""


class DomainError(Exception):
    """Base of all rule violations; ``key`` names the message in the i18n catalog."""

    key = "error.generic"

    def __init__(self, key: str | None = None):
        super().__init__(key or self.key)
        if key:
            self.key = key


class SlotTaken(DomainError):
    """The chosen time was booked by someone else meanwhile (or is no longer bookable)."""

    key = "error.slot_taken"


class SlotNotBookable(DomainError):
    """The chosen time is not offered at all: closed, past, outside the horizon or lead time."""

    key = "error.slot_not_bookable"


class InvalidInput(DomainError):
    """Personal data failed validation; ``fields`` maps each field to its message key."""

    key = "error.invalid_input"

    def __init__(self, fields: dict[str, str]):
        super().__init__()
        self.fields = fields


class PersonHasAppointment(DomainError):
    """This person (family name + date of birth) already holds as many open appointments as allowed."""

    key = "error.person_has_appointment"


class NotChangeable(DomainError):
    """A booking that cannot be cancelled or moved (any more); ``key`` says why."""

    key = "manage.not_open"


class AdminRefused(DomainError):
    """An administrator's change that the rules refuse; ``key`` says which rule (``admin.…``)."""

    key = "admin.invalid"


class AffectedChanged(DomainError):
    """Bookings that a change hits are not the ones the administrator confirmed (someone booked
    meanwhile): nothing was changed, the list must be looked at again."""

    key = "admin.affected_changed"


class TooManyBookings(DomainError):
    """More bookings from one client address (or from everybody at once) than the limits allow."""

    key = "error.too_many_bookings"


class TooManyLookups(DomainError):
    """Too many wrong lookups by booking code + date of birth from one client address, or too many
    lookups of everybody at once."""

    key = "manage.too_many"


class TooManyUrgentRequests(DomainError):
    """More urgent requests from one client address (or from everybody at once) than the limits allow."""

    key = "urgent.too_many"


class UrgentRefused(DomainError):
    """A team's step on an urgent request that cannot be taken; ``key`` says why (``urgent.…``)."""

    key = "urgent.not_open"


class TooManyWaitlistJoins(DomainError):
    """More waitlist joins from one client address (or from everybody at once) than the limits allow."""

    key = "error.too_many_waitlist_joins"


class WaitlistRefused(DomainError):
    """A waitlist step that cannot be taken; ``key`` says why (``error.waitlist_…``): already on the
    list for this concern, free times in the window (book them), an unknown or ended entry, an offer
    that no longer holds."""

    key = "error.waitlist_unknown"
