package nl.homepair.complaints.complaint;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An evidence file (screenshot, quote, invoice). Stored in the database, in the same
 * transaction as its complaint, so it is never on a public path and never orphaned.
 */
@Entity
@Table(name = "evidence")
public class Evidence {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "evidence_seq")
    @SequenceGenerator(name = "evidence_seq", sequenceName = "evidence_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "complaint_id", nullable = false)
    private Complaint complaint;

    @Column(nullable = false, length = 255)
    private String fileName;

    @Column(nullable = false, length = 100)
    private String contentType;

    @Column(nullable = false)
    private long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(nullable = false, length = 100_000_000)
    private byte[] content;

    /** Sent by someone other than the complainant (the affected user): left out of the complainant's copy (GDPR art. 15(4)). */
    @Column(name = "about_others", nullable = false)
    private boolean aboutOthers;

    protected Evidence() {
        // for JPA
    }

    Evidence(Complaint complaint, String fileName, String contentType, byte[] content, boolean aboutOthers) {
        this.aboutOthers = aboutOthers;
        this.complaint = complaint;
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.sizeBytes = content.length;
    }

    public Long getId() { return id; }
    public Complaint getComplaint() { return complaint; }
    public String getFileName() { return fileName; }
    public String getContentType() { return contentType; }
    public long getSizeBytes() { return sizeBytes; }
    public byte[] getContent() { return content; }
    public boolean isAboutOthers() { return aboutOthers; }
}
