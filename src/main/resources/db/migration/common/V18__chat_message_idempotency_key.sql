-- A chat message the chat platform delivers again (its webhook retried after a time-out) with
-- the same Idempotency-Key is on the case once: the key is kept on its timeline entry, unique
-- per case, as <caller>:<key>. Entries without a key (everything else) stay null, which a unique
-- index allows any number of times. Same statements on H2 and PostgreSQL.
alter table timeline_entry add column if not exists idempotency_key varchar(320);

create unique index if not exists ux_timeline_idempotency_key on timeline_entry (complaint_id, idempotency_key);
