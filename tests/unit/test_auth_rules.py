"""Staff access rules: delay, lock, session lifetime, team boundaries."""

from datetime import datetime, timedelta

from terminsystem.domain import auth
from terminsystem.domain.auth import AuthPolicy

NOW = datetime(2026, 12, 1, 9, 0)
P = AuthPolicy()


def test_delay_grows_with_failures_and_is_capped():
    assert [auth.login_delay(n, P) for n in range(8)] == [0, 0, 1, 2, 4, 8, 8, 8]


def test_lock_after_enough_recent_failures_and_only_for_a_while():
    failures = [NOW - timedelta(minutes=m) for m in range(6)]
    assert auth.locked_until(failures, 6, NOW, P) == NOW + P.lock_for
    assert auth.locked_until(failures[:5], 6, NOW, P) is None
    assert auth.locked_until(failures, 6, NOW + P.lock_for + timedelta(seconds=1), P) is None
    old = [NOW - timedelta(minutes=16 + m) for m in range(10)]  # outside the window
    assert auth.locked_until(old, 6, NOW, P) is None


def test_session_idle_timeout_and_absolute_lifetime():
    assert auth.session_problem(NOW, NOW, None, NOW + timedelta(minutes=14), P) is None
    assert auth.session_problem(NOW, NOW, None, NOW + timedelta(minutes=16), P) == "auth.idle"
    active = NOW + timedelta(hours=10, minutes=1)
    assert auth.session_problem(NOW, active - timedelta(minutes=1), None, active, P) == "auth.expired"
    assert auth.session_problem(NOW, NOW, NOW, NOW, P) == "auth.logged_out"


def test_team_boundaries():
    assert auth.may_act_for_team(auth.CLERK, 1, 1)
    assert not auth.may_act_for_team(auth.CLERK, 1, 2)
    assert not auth.may_act_for_team(auth.TEAM_LEAD, 1, 2)
    assert not auth.may_act_for_team(auth.CLERK, None, 1)
    assert auth.may_act_for_team(auth.ADMIN, None, 2)
    assert auth.may_see_audit(auth.TEAM_LEAD) and not auth.may_see_audit(auth.CLERK)
