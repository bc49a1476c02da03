-- Wrong passwords, shared by the nodes of a cluster (issue 16): one row per failure of a pair
-- of client address and user name, named by a SHA-256 of the pair (not in clear), deleted
-- once older than the login throttle's window (security.LoginThrottle).
create table if not exists login_failure (
    throttle_key varchar(64) not null,
    failed_at timestamp(6) with time zone not null
);

create index if not exists login_failure_key on login_failure (throttle_key, failed_at);
