-- Complaints and messages with files from the web forms, shared by the nodes of a cluster: one row per submission,
-- named by a SHA-256 of the client address (not in clear), deleted once older than a day (webform.SubmissionRateLimiter:
-- at most homepair.webform.rate-limit.max-with-files-per-day a day). A table of its own: the rows of web_form_submission
-- live only two of the 10-minute windows.
create table if not exists web_form_files (
    throttle_key varchar(64) not null,
    submitted_at timestamp(6) with time zone not null
);

create index if not exists web_form_files_key on web_form_files (throttle_key, submitted_at);
