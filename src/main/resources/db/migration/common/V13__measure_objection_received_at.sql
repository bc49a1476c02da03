-- When the user a measure was taken against objected to it: the board then reviews the
-- measure, and directors see the case (complaint.CaseAccess), as for the complainant's
-- objection. Same statement on H2 and PostgreSQL.
alter table complaint add column if not exists measure_objection_received_at timestamp(6) with time zone;
