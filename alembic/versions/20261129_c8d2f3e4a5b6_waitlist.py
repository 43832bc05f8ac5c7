"""Waitlist: entries per concern and the offers of freed seats.

Revision ID: c8d2f3e4a5b6
Revises: b7c1e2d3f4a5
Create Date: 2026-11-29 23:00:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c8d2f3e4a5b6'
down_revision: Union[str, None] = 'b7c1e2d3f4a5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
