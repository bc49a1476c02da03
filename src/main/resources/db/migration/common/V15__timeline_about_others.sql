-- Timeline entries with what someone other than the complainant wrote or got (the user a
-- measure was taken against, the other party, staff mails): kept for staff, left out of the
-- complainant's copy of their data (GDPR art. 15(4)). Entries written before this column are
-- marked as the application writes them now. Same statements on H2 and PostgreSQL.
alter table timeline_entry add column if not exists about_others boolean default false not null;

update timeline_entry set about_others = true
where summary like 'E-mail ontvangen van de betrokken gebruiker %'
   or summary like 'Bezwaar van de betrokken gebruiker %'
   or summary like 'Maatregel na het bezwaar van de betrokken gebruiker:%'
   or summary like 'Na het bezwaar van de betrokken gebruiker is er geen maatregel meer%';

update timeline_entry set about_others = true
where type = 'MAIL_SENT'
  and not exists (select 1 from complaint c where c.id = timeline_entry.complaint_id
                  and lower(timeline_entry.summary) like '% verzonden aan ' || lower(c.complainant_email));
