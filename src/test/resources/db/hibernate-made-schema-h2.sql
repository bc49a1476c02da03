-- The application's tables as Hibernate (ddl-auto: update) made them before versioned
-- migrations existed (issue 16): enum check constraints, a generated foreign key name, no
-- outbox columns. SchemaUpgradeIT starts the application on such a database.

    create sequence complaint_seq start with 1 increment by 1;

    create sequence erasure_seq start with 1 increment by 1;

    create sequence evidence_seq start with 1 increment by 1;

    create sequence processed_mail_seq start with 1 increment by 1;

    create sequence sent_mail_seq start with 1 increment by 1;

    create sequence timeline_seq start with 1 increment by 1;

    create table complaint (
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
        board_decision varchar(20) check (board_decision in ('UPHELD','REJECTED')),
        channel varchar(20) not null check (channel in ('API','STAFF','WEB_FORM','MAILBOX')),
        reference varchar(20) unique,
        role varchar(20) check (role in ('CLIENT','PROFESSIONAL','OTHER_USER')),
        subject varchar(20) check (subject in ('SUPPORT','JOB_HANDLING','CONDUCT')),
        outcome varchar(30) check (outcome in ('INADMISSIBLE','NOT_A_COMPLAINT','INCOMPLETE','RESOLVED_BY_MEDIATION','DECIDED','DECIDED_AFTER_OBJECTION')),
        status varchar(30) not null check (status in ('REGISTERED','IN_ASSESSMENT','AWAITING_INFORMATION','IN_MEDIATION','AWAITING_DECISION','DECIDED','IN_OBJECTION','CLOSED')),
        verdict varchar(30) check (verdict in ('WELL_FOUNDED','PARTLY_WELL_FOUNDED','UNFOUNDED')),
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

    create table erasure_record (
        erased_at timestamp(6) with time zone not null,
        id bigint not null,
        email_hash varchar(64) not null,
        requested_by varchar(100) not null,
        case_references varchar(4000) not null,
        primary key (id)
    );

    create table evidence (
        complaint_id bigint not null,
        id bigint not null,
        size_bytes bigint not null,
        content_type varchar(100) not null,
        file_name varchar(255) not null,
        content blob not null,
        primary key (id)
    );

    create table processed_mail (
        id bigint not null,
        processed_at timestamp(6) with time zone not null,
        outcome varchar(20) not null check (outcome in ('NEW_COMPLAINT','INFORMATION','OBJECTION','POSSIBLE_OBJECTION','NOTE','REFUSED','IGNORED','MANUAL')),
        reference varchar(20),
        message_id varchar(500) not null unique,
        primary key (id)
    );

    create table sent_mail (
        complaint_id bigint not null,
        id bigint not null,
        sent_at timestamp(6) with time zone not null,
        template varchar(50) not null,
        recipient varchar(254) not null,
        subject varchar(500) not null,
        body varchar(50000) not null,
        primary key (id)
    );

    create table timeline_entry (
        complaint_id bigint not null,
        id bigint not null,
        occurred_at timestamp(6) with time zone not null,
        type varchar(30) not null check (type in ('RECEIVED','MAIL_SENT','TASK_COMPLETED','STATUS_CHANGED','INFORMATION_RECEIVED','CHAT_MESSAGE','DECISION','OBJECTION','BOARD_DECISION','CLOSED','EXTERNAL_DISPUTE','INCIDENT','NOTE')),
        actor varchar(100) not null,
        summary varchar(12000) not null,
        primary key (id)
    );

    create index ix_sent_mail_complaint 
       on sent_mail (complaint_id);

    create index ix_timeline_complaint 
       on timeline_entry (complaint_id);

    alter table if exists evidence 
       add constraint FKa2mqdj4egyjgue9yjlao2njjt 
       foreign key (complaint_id) 
       references complaint;
