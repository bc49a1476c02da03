-- A shared setting's value grows with its configuration: the working-day calendar names every closing day, a machine
-- user's password fingerprints are ten of 43 characters. 200 characters stopped a node's start at the ninth closing day
-- or the fifth password rotation. Same statement on H2 and PostgreSQL.
alter table cluster_setting alter column setting_value set data type varchar(10000);
