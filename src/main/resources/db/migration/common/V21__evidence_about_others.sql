-- Evidence that someone other than the complainant sent (the user a measure was taken against, with an objection by
-- mail): kept for staff and the board, left out of the complainant's copy of their data (GDPR art. 15(4)), as the
-- timeline's about_others. Same statement on H2 and PostgreSQL.
alter table evidence add column if not exists about_others boolean default false not null;
