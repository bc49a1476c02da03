-- The application's tables as the first versioned release had them (issue 16). Written
-- so that it also runs on a database whose tables Hibernate made before (ddl-auto: update):
-- what exists is left alone. Enum columns are plain text; the enums in the code are the
-- contract. Camunda's own tables are created and upgraded by the engine.

create sequence if not exists complaint_seq start with 1 increment by 1;

create sequence if not exists erasure_seq start with 1 increment by 1;

create sequence if not exists evidence_seq start with 1 increment by 1;

create sequence if not exists processed_mail_seq start with 1 increment by 1;

create sequence if not exists sent_mail_seq start with 1 increment by 1;

create sequence if not exists timeline_seq start with 1 increment by 1;

create table if not exists complaint (
    external_dispute_submitted boolean,
    job_date date,
    acknowledged_at timestamp(6) with time zone,
    anonymised_at timestamp(6) with time zone,
    closed_at timestamp(6) with time zone,
    decided_at timestamp(6) with time zone,
    id bigint not null,
    objection_deadline timestamp(6) with time zone,
    objection_received_at timestamp(6) with time zone,
    received_at timestamp(6) with time zone not null,
    registered_at timestamp(6) with time zone not null,
    version bigint not null,
    board_decision varchar(20),
    channel varchar(20) not null,
    reference varchar(20) unique,
    role varchar(20),
    subject varchar(20),
    outcome varchar(30),
    status varchar(30) not null,
    verdict varchar(30),
    process_instance_id varchar(64),
    job_reference varchar(100),
    registered_by varchar(100),
    complainant_name varchar(200) not null,
    complainant_email varchar(254) not null,
    external_dispute_outcome varchar(2000),
    attempted_resolution varchar(10000),
    chat_summary varchar(10000),
    description varchar(10000) not null,
    primary key (id)
);

create table if not exists erasure_record (
    erased_at timestamp(6) with time zone not null,
    id bigint not null,
    email_hash varchar(64) not null,
    requested_by varchar(100) not null,
    case_references varchar(4000) not null,
    primary key (id)
);

create table if not exists evidence (
    complaint_id bigint not null,
    id bigint not null,
    size_bytes bigint not null,
    content_type varchar(100) not null,
    file_name varchar(255) not null,
    content blob not null,
    primary key (id),
    constraint fk_evidence_complaint foreign key (complaint_id) references complaint
);

create table if not exists processed_mail (
    id bigint not null,
    processed_at timestamp(6) with time zone not null,
    outcome varchar(20) not null,
    reference varchar(20),
    message_id varchar(500) not null unique,
    primary key (id)
);

create table if not exists sent_mail (
    complaint_id bigint not null,
    id bigint not null,
    sent_at timestamp(6) with time zone not null,
    template varchar(50) not null,
    recipient varchar(254) not null,
    subject varchar(500) not null,
    body varchar(50000) not null,
    primary key (id)
);

create table if not exists timeline_entry (
    complaint_id bigint not null,
    id bigint not null,
    occurred_at timestamp(6) with time zone not null,
    type varchar(30) not null,
    actor varchar(100) not null,
    summary varchar(12000) not null,
    primary key (id)
);

create index if not exists ix_sent_mail_complaint
   on sent_mail (complaint_id);

create index if not exists ix_timeline_complaint
   on timeline_entry (complaint_id);
