-- Cluster-wide leases (issue 16): work that only one node of a cluster may do at a time,
-- such as reading the contact mailbox. A node holds a lease until expires_at and extends
-- it while it works; another node takes it over once it has expired (cluster.ClusterLease).
create table if not exists cluster_lease (
    name varchar(50) not null,
    owner varchar(200),
    expires_at timestamp(6) with time zone,
    primary key (name)
);

insert into cluster_lease (name, owner, expires_at) values ('mailbox', null, null);
