"""bookings people keep: links, persons, person claims, mail outbox

An appointment gets a random nonce from which its QR and manage-link tokens are derived with the
server key (only their hashes are stored), the language of its mails and its number of persons.
Further persons of a family appointment get their own rows; person claims limit the open
appointments of one person (unique key, like seats); mails wait in an outbox until a worker sends
them.

Revision ID: 32e37ca183de
Revises: d5f7a9c1e3b5
Create Date: 2026-11-29 17:01:58.837596
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '32e37ca183de'
down_revision: Union[str, None] = 'd5f7a9c1e3b5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('appointment_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('family_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_names', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.CheckConstraint('position >= 2', name='ck_appointment_person_position'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('appointment_id', 'position', name='uq_appointment_person_position')
    )
    with op.batch_alter_table('appointment_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_person_birth_date'), ['birth_date'], unique=False)

    op.create_table('mail_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('next_try_at', sa.DateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.CheckConstraint("kind IN ('confirmation', 'rebooked', 'cancelled', 'reminder')", name='ck_mail_kind'),
    sa.CheckConstraint("status IN ('pending', 'sent', 'dropped', 'failed')", name='ck_mail_status'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_outbox_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index('ix_mail_outbox_status_next', ['status', 'next_try_at'], unique=False)

    op.create_table('person_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('n >= 1', name='ck_person_claim_n'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_key', 'n', name='uq_person_claim')
    )
    with op.batch_alter_table('person_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_claim_appointment_id'), ['appointment_id'], unique=False)

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_nonce', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('manage_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=10), server_default='de', nullable=False))
        batch_op.add_column(sa.Column('persons', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_unique_constraint('uq_appointment_manage_token_hash', ['manage_token_hash'])



def downgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_constraint('uq_appointment_manage_token_hash', type_='unique')
        batch_op.drop_column('persons')
        batch_op.drop_column('lang')
        batch_op.drop_column('manage_token_hash')
        batch_op.drop_column('link_nonce')

    with op.batch_alter_table('person_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_claim_appointment_id'))

    op.drop_table('person_claim')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_outbox_status_next')
        batch_op.drop_index(batch_op.f('ix_mail_outbox_appointment_id'))

    op.drop_table('mail_outbox')
    with op.batch_alter_table('appointment_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_person_birth_date'))

    op.drop_table('appointment_person')
