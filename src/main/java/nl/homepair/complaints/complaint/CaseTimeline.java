package nl.homepair.complaints.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * The single place that writes and reads a case's timeline (R14). Times come from the
 * engine clock so that tests which move the clock see consistent timestamps.
 */
@Service
public class CaseTimeline {

    public static final String SYSTEM = "systeem";
    /** The start of the line of a mail the mailbox puts on a case: the case file finds the complainant's mails by it. */
    public static final String MAIL_RECEIVED = "E-mail ontvangen van ";
    /** The start of the line of a further mail that joins a case before its acknowledgement (the triage shows it whole). */
    public static final String FURTHER_MAIL = "Nog een e-mail van ";
    /** In the line of a set-aside mail a person put with the case: "E-mail van … bij de zaak gevoegd (onderwerp):". */
    public static final String PUT_WITH_THE_CASE = " bij de zaak gevoegd (";

    private final TimelineRepository entries;

    public CaseTimeline(TimelineRepository entries) {
        this.entries = entries;
    }

    /**
     * " (ontvangen op …)" for what reached HomePair well before it is written down (a letter typed in days later, a mail
     * a handler put with the case), else "": a line's own moment is when it was recorded (R14), and an auditor must
     * not read a late registration as a late answer, nor a timely objection as a late one. Before the line's ": ", so
     * that the text after it stays what was received.
     */
    public static String receivedEarlier(Instant receivedAt) {
        if (receivedAt == null || receivedAt.isAfter(ClockUtil.getCurrentTime().toInstant().minus(Duration.ofMinutes(10)))) {
            return "";
        }
        return " (ontvangen op " + nl.homepair.complaints.text.DutchDates.moment(receivedAt) + ")";
    }

    public TimelineEntry record(Complaint complaint, TimelineEventType type, String actor, String summary) {
        return entries.save(new TimelineEntry(complaint.getId(), ClockUtil.getCurrentTime().toInstant(), type,
                actor == null ? SYSTEM : actor, summary));
    }

    /**
     * An entry written by a request with an {@code Idempotency-Key} ({@code <caller>:<key>}), once per case: a second
     * entry with the key breaks the unique index here ({@code DataIntegrityViolationException}), written at once, before
     * the caller does anything else that a second delivery must not do twice.
     */
    public TimelineEntry record(Complaint complaint, TimelineEventType type, String actor, String summary, String idempotencyKey) {
        return record(complaint, type, actor, summary, idempotencyKey, ClockUtil.getCurrentTime().toInstant());
    }

    /** As {@link #record(Complaint, TimelineEventType, String, String, String)}, for what happened {@code at} (a chat message sent earlier). */
    public TimelineEntry record(Complaint complaint, TimelineEventType type, String actor, String summary, String idempotencyKey,
                                Instant at) {
        return record(complaint, type, actor, summary, idempotencyKey, at, false);
    }

    /**
     * As {@link #record(Complaint, TimelineEventType, String, String, String, Instant)}; {@code aboutOthers} as
     * {@link #recordAboutOthers}: what another person wrote (the other party's chat message).
     */
    public TimelineEntry record(Complaint complaint, TimelineEventType type, String actor, String summary, String idempotencyKey,
                                Instant at, boolean aboutOthers) {
        return entries.saveAndFlush(new TimelineEntry(complaint.getId(), at, type, actor == null ? SYSTEM : actor, summary,
                aboutOthers).writtenBy(idempotencyKey));
    }

    /**
     * An entry with what someone other than the complainant wrote or got (the user a measure was taken
     * against, the other party): on the case for staff, not in the complainant's copy of their data.
     */
    public TimelineEntry recordAboutOthers(Complaint complaint, TimelineEventType type, String actor, String summary) {
        return entries.save(new TimelineEntry(complaint.getId(), ClockUtil.getCurrentTime().toInstant(), type,
                actor == null ? SYSTEM : actor, summary, true));
    }

    /**
     * Whether {@code text} is what the case's latest entry of {@code type} that begins with {@code what} received
     * ({@code "<what>…: <text>"}, cut at the line's length), written within the platform's longest retry (72 hours, as
     * far back as its {@code sentAt} may lie): the same message sent again (a client's retry after a time-out or a lost
     * answer, a double click), not a new one.
     */
    public boolean receivedLately(Complaint complaint, TimelineEventType type, String what, String text) {
        Instant since = ClockUtil.getCurrentTime().toInstant().minus(nl.homepair.complaints.web.ClientMoment.LONGEST_RETRY);
        return of(complaint).stream()
                .filter(entry -> entry.getType() == type && entry.getSummary().startsWith(what))
                .reduce((first, second) -> second)
                .filter(latest -> latest.getOccurredAt().isAfter(since) && says(latest.getSummary(), text))
                .isPresent();
    }

    private static boolean says(String summary, String text) {
        int colon = summary.indexOf(": ");
        String kept = colon < 0 ? "" : summary.substring(colon + 2);
        return !kept.isEmpty() && (kept.equals(text) || summary.length() >= TimelineEntry.SUMMARY_MAX && text.startsWith(kept));
    }

    /** Redacts every entry of the case (R13) and adds one saying so. */
    public void redact(Complaint complaint, String actor, String why) {
        of(complaint).forEach(TimelineEntry::redact);
        record(complaint, TimelineEventType.NOTE, actor, why);
    }

    public List<TimelineEntry> of(Complaint complaint) {
        return entries.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId());
    }
}
