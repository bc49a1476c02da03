-- Every mail once (the copy is the outbox row) and Idempotency-Key on intake (issues 10, 16).
alter table sent_mail add column if not exists html_body varchar(100000);
alter table sent_mail add column if not exists delivery_key varchar(200);
alter table sent_mail add column if not exists message_id varchar(250);
alter table sent_mail add column if not exists delivered_at timestamp(6) with time zone;
create unique index if not exists uk_sent_mail_delivery_key on sent_mail (delivery_key);

alter table complaint add column if not exists intake_key varchar(250);
alter table complaint add column if not exists intake_fingerprint varchar(64);
create unique index if not exists uk_complaint_intake_key on complaint (intake_key);
