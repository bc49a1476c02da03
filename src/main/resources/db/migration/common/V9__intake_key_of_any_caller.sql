-- The caller (a Camunda user id, up to 64 characters), ':' and an Idempotency-Key of up to
-- 200 characters: 265 did not fit in 250, and such a request failed with 503 at every retry.
alter table complaint alter column intake_key set data type varchar(300);
