-- The board's ruling on the affected user's objection ("Taak "Bezwaar tegen maatregel beoordelen" afgerond: …", with its
-- motivation to that user) was written as the complainant's own line, and so went into their copy of their data: it is
-- about another user (GDPR art. 15(4)), as the measure that then stands already was. Same statement on H2 and PostgreSQL.
update timeline_entry set about_others = true
where type = 'TASK_COMPLETED'
  and summary like 'Taak "Bezwaar tegen maatregel beoordelen" afgerond%';
