"""Urgent requests: people whose permit expires soon, sorted by expiry for the team's triage.

Revision ID: d9e3a4b5c6d7
Revises: c8d2f3e4a5b6
Create Date: 2026-11-29 23:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'd9e3a4b5c6d7'
down_revision: Union[str, None] = 'c8d2f3e4a5b6'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
