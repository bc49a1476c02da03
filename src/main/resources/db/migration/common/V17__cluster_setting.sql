-- Settings every node of a cluster must share, recorded by the first node that starts
-- (database.EngineTimeZone: the time zone the engine's timestamps are written in).
-- Same statement on H2 and PostgreSQL.
create table if not exists cluster_setting (
    name varchar(100) not null,
    setting_value varchar(200) not null,
    primary key (name)
);
