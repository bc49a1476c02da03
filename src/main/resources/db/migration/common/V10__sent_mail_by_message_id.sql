-- A delivery report (bounce) names the Message-ID of the mail that did not arrive; the mailbox
-- finds our copy by it (issue 16). Same statement on H2 and PostgreSQL.
create index if not exists sent_mail_message_id on sent_mail (message_id);
