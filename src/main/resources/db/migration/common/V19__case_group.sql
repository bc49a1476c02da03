-- The groups a case's tasks were given to (R12, §5: only staff involved in handling a complaint
-- see it): a member of a group of handlers sees the cases of their group. Written when the engine
-- gives a task to a group (complaint.CaseGroups); cases from before are filled in from the
-- engine's history by migration 20 (database.CaseGroupsFromHistory). Same statements on H2 and
-- PostgreSQL.
create table if not exists case_group (
    complaint_id bigint not null,
    group_id varchar(64) not null,
    primary key (complaint_id, group_id),
    constraint fk_case_group_complaint foreign key (complaint_id) references complaint (id)
);
