package nl.homepair.complaints.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The record that an erasure request was carried out (R13), without the personal data
 * itself: the e-mail address is kept only as a SHA-256 hash, so a repeated request can
 * be recognised but the address cannot be read back.
 */
@Entity
@Table(name = "erasure_record")
public class ErasureRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "erasure_seq")
    @SequenceGenerator(name = "erasure_seq", sequenceName = "erasure_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private Instant erasedAt;

    @Column(nullable = false, length = 100)
    private String requestedBy;

    @Column(nullable = false, length = 64)
    private String emailHash;

    /** "references" is a reserved word in SQL, hence the column name. */
    @Column(name = "case_references", nullable = false, length = 4_000)
    private String references;

    protected ErasureRecord() {
        // for JPA
    }

    public ErasureRecord(Instant erasedAt, String requestedBy, String emailHash, String references) {
        this.erasedAt = erasedAt;
        this.requestedBy = requestedBy;
        this.emailHash = emailHash;
        this.references = references;
    }

    public Long getId() { return id; }
    public Instant getErasedAt() { return erasedAt; }
    public String getRequestedBy() { return requestedBy; }
    public String getEmailHash() { return emailHash; }
    public String getReferences() { return references; }
}
