"""E-mail to the people who booked: composing (``compose``), sending over SMTP (``smtp``) and a
local catcher for the demo and the tests (``catcher``). What is sent when is ``services.outbox``."""
