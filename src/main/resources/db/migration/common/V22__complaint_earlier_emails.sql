-- The complainant's earlier addresses, after a handler corrected the address on the case page: a request for their
-- data or its erasure by an earlier address finds the case, and the copy of their data holds the mails sent there
-- (GDPR art. 15, 17). Emptied with the rest when the case is anonymised. Same statement on H2 and PostgreSQL.
alter table complaint add column if not exists earlier_emails varchar(1000);
