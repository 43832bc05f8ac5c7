"""Administration (team rooms, display rooms, initial passwords and reset links, admin changes in
the audit trail), statistics facts (how people checked in, urgent entries) and the deletion of
personal data (anonymised appointments, a lease for the one worker that runs it).

Revision ID: 5d75fe9e533a
Revises: c4714c40c58a
Create Date: 2026-11-29 19:35:06.384297
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '5d75fe9e533a'
down_revision: Union[str, None] = 'c4714c40c58a'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('task_lease',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('until', sa.DateTime(), nullable=False),
    sa.Column('last_run_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('device_room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_id', 'room_id', name='uq_device_room')
    )
    op.create_table('team_room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('team_id', 'room_id', name='uq_team_room')
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_via', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True))
        batch_op.add_column(sa.Column('urgent', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('first_called_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_appointment_anonymised_at'), ['anonymised_at'], unique=False)
        batch_op.create_check_constraint('ck_appointment_checkin_via', "checkin_via IN ('qr', 'birth_date', 'staff')")
    # What is known of the past: urgent entries had a reason; staff check-ins are in the audit trail;
    # the first call of a recalled person is not known any more (its last call stands in).
    op.execute("UPDATE appointment SET first_called_at = called_at")
    op.execute("UPDATE appointment SET urgent = (urgent_reason IS NOT NULL)")
    op.execute("UPDATE appointment SET checkin_via = 'staff' WHERE checked_in_at IS NOT NULL AND urgent_reason IS NULL"
               " AND id IN (SELECT appointment_id FROM audit_event WHERE action = 'check_in' AND via = 'staff')")

    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', "kind IN ('confirmation', 'rebooked', 'cancelled', 'reminder', "
                                                         "'withdrawn')")

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('entity_id', sa.Integer(), nullable=True))
        batch_op.alter_column('change',
               existing_type=sa.VARCHAR(length=1000),
               type_=sa.Text(),
               existing_nullable=True)

    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('reset_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('reset_expires_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint('uq_staff_reset_token_hash', ['reset_token_hash'])

    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_unique_constraint('uq_team_name', ['name'])



def downgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_constraint('uq_team_name', type_='unique')
        batch_op.drop_column('active')

    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint('uq_staff_reset_token_hash', type_='unique')
        batch_op.drop_column('reset_expires_at')
        batch_op.drop_column('reset_token_hash')
        batch_op.drop_column('must_change_password')

    op.execute("DELETE FROM mail_outbox WHERE kind = 'withdrawn'")
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('ck_mail_kind', type_='check')
        batch_op.create_check_constraint('ck_mail_kind', "kind IN ('confirmation', 'rebooked', 'cancelled', 'reminder')")

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.alter_column('change',
               existing_type=sa.Text(),
               type_=sa.VARCHAR(length=1000),
               existing_nullable=True)
        batch_op.drop_column('entity_id')
        batch_op.drop_column('entity')

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_constraint('ck_appointment_checkin_via', type_='check')
        batch_op.drop_index(batch_op.f('ix_appointment_anonymised_at'))
        batch_op.drop_column('first_called_at')
        batch_op.drop_column('anonymised_at')
        batch_op.drop_column('urgent')
        batch_op.drop_column('checkin_via')

    op.drop_table('team_room')
    op.drop_table('device_room')
    op.drop_table('task_lease')
