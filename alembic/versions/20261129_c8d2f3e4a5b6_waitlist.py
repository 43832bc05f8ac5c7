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

OPEN = sa.text("status IN ('waiting', 'offered')")
KINDS_BEFORE = "kind IN ('confirmation', 'rebooked', 'cancelled', 'reminder', 'withdrawn')"
KINDS_AFTER = ("kind IN ('confirmation', 'rebooked', 'cancelled', 'reminder', 'withdrawn', 'waitlist_joined', "
               "'waitlist_offer')")


def upgrade() -> None:
    op.create_table('waitlist_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concern_id', sa.Integer(), nullable=False),
    sa.Column('family_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_names', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('earliest', sa.Date(), nullable=False),
    sa.Column('latest', sa.Date(), nullable=False),
    sa.Column('weekdays', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('link_nonce', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('person_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('waiting', 'offered', 'booked', 'left', 'expired')",
                       name='ck_waitlist_entry_status'),
    sa.CheckConstraint('weekdays >= 1 AND weekdays <= 127', name='ck_waitlist_entry_weekdays'),
    sa.CheckConstraint('earliest <= latest', name='ck_waitlist_entry_window'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name='fk_waitlist_entry_appointment_id'),
    sa.ForeignKeyConstraint(['concern_id'], ['concern.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash', name='uq_waitlist_entry_token_hash')
    )
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.create_index('ix_waitlist_entry_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index('uq_waitlist_entry_open_person', ['person_key', 'concern_id'], unique=True,
                              sqlite_where=OPEN, postgresql_where=OPEN)

    op.create_table('waitlist_offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')",
                       name='ck_waitlist_offer_status'),
    sa.CheckConstraint('starts_at < ends_at', name='ck_waitlist_offer_order'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name='fk_waitlist_offer_appointment_id'),
    sa.ForeignKeyConstraint(['entry_id'], ['waitlist_entry.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('waitlist_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waitlist_offer_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_waitlist_offer_status_expires', ['status', 'expires_at'], unique=False)

    with op.batch_alter_table('slot_claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offer_id', sa.Integer(), nullable=True))
        batch_op.alter_column('appointment_id', existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(batch_op.f('ix_slot_claim_offer_id'), ['offer_id'], unique=False)
        batch_op.create_foreign_key('fk_slot_claim_offer_id', 'waitlist_offer', ['offer_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_check_constraint('ck_slot_claim_holder', '(appointment_id IS NULL) <> (offer_id IS NULL)')

    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waitlist_entry_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('waitlist_offer_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_mail_outbox_waitlist_entry_id'), ['waitlist_entry_id'], unique=False)
        batch_op.create_foreign_key('fk_mail_outbox_waitlist_entry_id', 'waitlist_entry', ['waitlist_entry_id'],
                                    ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key('fk_mail_outbox_waitlist_offer_id', 'waitlist_offer', ['waitlist_offer_id'],
                                    ['id'], ondelete='CASCADE')
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', KINDS_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM mail_outbox WHERE kind IN ('waitlist_joined', 'waitlist_offer') "
               "OR waitlist_entry_id IS NOT NULL OR waitlist_offer_id IS NOT NULL")
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', KINDS_BEFORE)
        batch_op.drop_constraint('fk_mail_outbox_waitlist_offer_id', type_='foreignkey')
        batch_op.drop_constraint('fk_mail_outbox_waitlist_entry_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_mail_outbox_waitlist_entry_id'))
        batch_op.drop_column('waitlist_offer_id')
        batch_op.drop_column('waitlist_entry_id')

    op.execute("DELETE FROM slot_claim WHERE offer_id IS NOT NULL")  # seats held for offers are free again
    with op.batch_alter_table('slot_claim', schema=None) as batch_op:
        batch_op.drop_constraint('ck_slot_claim_holder', type_='check')
        batch_op.drop_constraint('fk_slot_claim_offer_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_slot_claim_offer_id'))
        batch_op.alter_column('appointment_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('offer_id')

    with op.batch_alter_table('waitlist_offer', schema=None) as batch_op:
        batch_op.drop_index('ix_waitlist_offer_status_expires')
        batch_op.drop_index(batch_op.f('ix_waitlist_offer_entry_id'))
    op.drop_table('waitlist_offer')
    with op.batch_alter_table('waitlist_entry', schema=None) as batch_op:
        batch_op.drop_index('uq_waitlist_entry_open_person', sqlite_where=OPEN, postgresql_where=OPEN)
        batch_op.drop_index('ix_waitlist_entry_status_created')
    op.drop_table('waitlist_entry')
