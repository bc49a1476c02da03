-- When the complaint was declared inadmissible (R1): since then it can be objected to as a decision can (R9), and after
-- an upheld objection it gets its first decision on the merits; this keeps that it was declared so. Cases closed as
-- inadmissible before this version were closed at once and keep null. Same statement on H2 and PostgreSQL.
alter table complaint add column if not exists declared_inadmissible_at timestamp(6) with time zone;
