"""Proof of work: a solved challenge of ours counts once, anything else is refused with its reason,
and spent proofs are forgotten when their challenge has expired. Each test on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import altcha
from sqlmodel import func, select

from terminsystem import db, settings
from terminsystem.models import UsedProof
from terminsystem.services import proof, retention

from ..race import race

COST = 200  # cheap to solve in the test; the check is the same at any cost


def solved(challenge_json: str) -> str:
    """What the widget sends: the challenge and its solution, base64 JSON."""
    challenge = altcha.Challenge.from_dict(json.loads(challenge_json))
    solution = altcha.solve_challenge(challenge, derive_key=altcha.derive_key_pbkdf2)
    return altcha.Payload(challenge, solution).to_base64()


def used(engine) -> int:
    with db.read_session(engine) as s:
        return s.exec(select(func.count()).select_from(UsedProof)).one()


def test_a_solution_counts_once(engine):
    payload = solved(proof.challenge(cost=COST, minutes=5, engine=engine))
    assert proof.spend(payload, engine=engine) is None
    assert proof.spend(payload, engine=engine) == proof.USED
    assert proof.spend(solved(proof.challenge(cost=COST, minutes=5, engine=engine)), engine=engine) is None
    assert used(engine) == 2


def test_what_is_not_a_good_solution_is_refused_with_its_reason(engine):
    assert proof.spend(None, engine=engine) == proof.MISSING
    assert proof.spend("", engine=engine) == proof.MISSING
    assert proof.spend({"altcha": 1}, engine=engine) == proof.MISSING
    assert proof.spend("x" * 5000, engine=engine) == proof.INVALID
    assert proof.spend("ünicode", engine=engine) == proof.INVALID
    assert proof.spend("bm90IGpzb24=", engine=engine) == proof.INVALID
    good = json.loads(base64.b64decode(solved(proof.challenge(cost=COST, minutes=5, engine=engine))))
    # a wrong number, a challenge made easier, and a challenge signed with another key
    wrong = json.loads(json.dumps(good))
    wrong["solution"]["counter"] += 1
    easier = json.loads(json.dumps(good))
    easier["challenge"]["parameters"]["cost"] = 1
    theirs = altcha.create_challenge(proof.ALGORITHM, COST, derive_key=altcha.derive_key_pbkdf2,
                                     expires_at=datetime.now(UTC) + timedelta(minutes=5), hmac_secret="not ours")
    forged = altcha.Payload(theirs, altcha.solve_challenge(theirs, derive_key=altcha.derive_key_pbkdf2)).to_base64()
    for bad in (wrong, easier):
        assert proof.spend(base64.b64encode(json.dumps(bad).encode()).decode(), engine=engine) == proof.INVALID
    assert proof.spend(forged, engine=engine) == proof.INVALID
    # an expired challenge of ours
    old = altcha.create_challenge(proof.ALGORITHM, COST, derive_key=altcha.derive_key_pbkdf2,
                                  expires_at=datetime.now(UTC) - timedelta(seconds=1), hmac_secret=proof._secret(engine))
    stale = altcha.Payload(old, altcha.solve_challenge(old, derive_key=altcha.derive_key_pbkdf2)).to_base64()
    assert proof.spend(stale, engine=engine) == proof.EXPIRED
    assert used(engine) == 0


def test_parallel_clients_sending_one_solution_spend_it_once(engine):
    payload = solved(proof.challenge(cost=COST, minutes=5, engine=engine))
    clients = 8
    results = race(engine, lambda own, _: proof.spend(payload, engine=own), clients)
    assert results.count(None) == 1
    assert results.count(proof.USED) == clients - 1


def test_the_sweep_forgets_spent_proofs_after_their_challenge_expired(office):
    assert proof.spend(solved(proof.challenge(cost=COST, minutes=5, engine=office)), engine=office) is None
    now = settings.now()
    assert retention.sweep(now=now, days=30, engine=office).used_proofs == 0
    assert used(office) == 1
    assert retention.sweep(now=now + timedelta(minutes=6), days=30, engine=office).used_proofs == 1
    assert used(office) == 0
