-- A case whose five working days to the first assessment had passed without it when it stopped waiting for that
-- assessment (it began to wait on the complainant, or it closed): missed, whatever comes after. Before this the figures
-- counted such a case as missed only while it stayed open and not waiting. Cases of before stay as they were counted.
-- Same statement on H2 and PostgreSQL.
alter table case_facts add column assessment_missed boolean default false not null;
