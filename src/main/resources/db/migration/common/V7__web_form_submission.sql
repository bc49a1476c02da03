-- Complaints registered through the web form, shared by the nodes of a cluster (issue 16): one
-- row per complaint, named by a SHA-256 of the client address (not in clear), deleted once
-- older than the web form's rate-limit window (webform.SubmissionRateLimiter).
create table if not exists web_form_submission (
    throttle_key varchar(64) not null,
    submitted_at timestamp(6) with time zone not null
);

create index if not exists web_form_submission_key on web_form_submission (throttle_key, submitted_at);
