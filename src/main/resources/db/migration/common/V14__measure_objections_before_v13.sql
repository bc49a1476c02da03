-- Cases whose measure review began before migration 13: the affected user's objection is on
-- their timeline (its first line reads "Bezwaar van de betrokken gebruiker ontvangen: ..."),
-- so directors see these cases too. Same statement on H2 and PostgreSQL.
update complaint c
   set measure_objection_received_at = (
       select min(t.occurred_at) from timeline_entry t
        where t.complaint_id = c.id and t.type = 'OBJECTION'
          and t.summary like 'Bezwaar van de betrokken gebruiker ontvangen:%')
 where c.measure_objection_received_at is null
   and exists (select 1 from timeline_entry t
                where t.complaint_id = c.id and t.type = 'OBJECTION'
                  and t.summary like 'Bezwaar van de betrokken gebruiker ontvangen:%');
