package nl.homepair.complaints.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A group that a task of the case was given to ({@link CaseGroups}): only read here, in the
 * queries that keep a group of handlers to its own cases.
 */
@Entity
@Table(name = "case_group")
@IdClass(CaseGroup.Key.class)
public class CaseGroup {

    @Id
    @Column(name = "complaint_id")
    private Long complaintId;

    @Id
    @Column(name = "group_id")
    private String groupId;

    protected CaseGroup() {
    }

    public Long getComplaintId() { return complaintId; }

    public String getGroupId() { return groupId; }

    public record Key(Long complaintId, String groupId) implements Serializable {
    }
}
