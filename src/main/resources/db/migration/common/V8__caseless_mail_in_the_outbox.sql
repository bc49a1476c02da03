-- A mail that belongs to no case (the answer to an unknown reference, a reminder to staff)
-- goes through the outbox too, so that it is sent once: its row has no case.
alter table sent_mail alter column complaint_id drop not null;
