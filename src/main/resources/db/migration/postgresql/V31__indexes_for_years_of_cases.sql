-- What the application looks cases up by, once there are a million of them (issue 16, scale):
-- the case overview's newest (open) cases and the nightly clean-up (received_at, closed_at), a
-- complainant's cases by address for every mail without a reference and every letter
-- (Spring Data's IgnoreCase compares upper(...)), a case's files for every form that opens,
-- and the set-aside mails of the cases an erasure removes. PostgreSQL does not index a foreign
-- key by itself (H2 does, so evidence is only here) and H2 has no index on an expression.
create index if not exists ix_complaint_received on complaint (received_at);
create index if not exists ix_complaint_open_received on complaint (received_at) where closed_at is null;
create index if not exists ix_complaint_closed on complaint (closed_at);
create index if not exists ix_complaint_email on complaint (upper(complainant_email));
create index if not exists ix_evidence_complaint on evidence (complaint_id);
create index if not exists ix_processed_mail_reference on processed_mail (reference, outcome);
