-- Complaints registered through the web form per e-mail address, shared by the nodes of a cluster: one row per
-- complaint, named by a SHA-256 of the address (not in clear), deleted once older than a day
-- (webform.ComplaintsPerAddress). A stranger could otherwise have our acknowledgements sent to anyone's address.
create table if not exists web_form_address (
    throttle_key varchar(64) not null,
    submitted_at timestamp(6) with time zone not null
);

create index if not exists web_form_address_key on web_form_address (throttle_key, submitted_at);
