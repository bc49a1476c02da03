-- A decided case waiting out its objection window is "Besluit genomen" in the figures of open
-- cases; the facts of such cases said "Wacht op besluit" (the step before) until now.
-- Same statement on H2 and PostgreSQL.
update case_facts set status = 'DECIDED'
where status = 'AWAITING_DECISION' and closed_at is null and decided_at is not null;
