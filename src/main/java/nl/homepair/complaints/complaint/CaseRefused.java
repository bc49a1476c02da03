package nl.homepair.complaints.complaint;

/**
 * A request about a case that the procedure refuses, with the Dutch reason the person
 * reads. Services throw it in domain terms; each door maps it once: the API to
 * 404/403/409 ({@code web.ApiErrorHandler}), the mailbox to a refusal mail, a Tasklist
 * start form to a form error.
 */
public class CaseRefused extends RuntimeException {

    /** Why a request is refused, as far as the caller needs to tell refusals apart. */
    public enum Kind {
        /** No such case (for this caller). */
        NOT_FOUND,
        /** The caller may not do this. */
        NOT_ALLOWED,
        /** The case exists, but is not in a state where this is possible. */
        NOT_NOW,
        /** Not possible yet, but soon by itself (the case's first step still waits as a job): worth a retry. */
        NOT_YET
    }

    private final Kind kind;

    public CaseRefused(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public static CaseRefused notFound(String reason) {
        return new CaseRefused(Kind.NOT_FOUND, reason);
    }

    public static CaseRefused notAllowed(String reason) {
        return new CaseRefused(Kind.NOT_ALLOWED, reason);
    }

    public static CaseRefused notNow(String reason) {
        return new CaseRefused(Kind.NOT_NOW, reason);
    }

    /** Not possible for a moment; the same request again in a minute will do (the API answers with Retry-After). */
    public static CaseRefused notYet(String reason) {
        return new CaseRefused(Kind.NOT_YET, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The Dutch reason, for the person who made the request. */
    public String reason() {
        return getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // an answer to a person, not a fault: no stack trace to collect
        return this;
    }
}
