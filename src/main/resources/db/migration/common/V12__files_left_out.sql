-- The attachments of a complaint by mail that were left out (a file type we do not take, too
-- large, too many), one line each, so that the acknowledgement can name them: the complainant
-- would otherwise believe they arrived. Same statement on H2 and PostgreSQL.
alter table complaint add column if not exists files_left_out varchar(2000);
