-- What the application looks cases up by, once there are a million of them (issue 16, scale);
-- as the PostgreSQL script, without what H2 already has (an index for every foreign key) or
-- cannot make (an index on upper(complainant_email)).
create index if not exists ix_complaint_received on complaint (received_at);
create index if not exists ix_complaint_closed on complaint (closed_at);
create index if not exists ix_processed_mail_reference on processed_mail (reference, outcome);
