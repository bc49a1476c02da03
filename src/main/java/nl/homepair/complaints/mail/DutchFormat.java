package nl.homepair.complaints.mail;

import java.time.Instant;
import java.util.Date;
import nl.homepair.complaints.complaint.CodedOutcome;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Date formatting for mail templates, always in Dutch and Amsterdam time whatever the
 * server's time zone: {@code ${fmt.date(assessmentDue)}} gives "maandag 4 mei 2026".
 */
public final class DutchFormat {


    public String date(Object value) {
        Instant instant = toInstant(value);
        return instant == null ? "" : DutchDates.weekday(instant);
    }

    public String dateTime(Object value) {
        Instant instant = toInstant(value);
        return instant == null ? "" : DutchDates.moment(instant);
    }

    /**
     * Whether a date lies in the past when the mail is written (the engine's clock): a mail queued or retried late
     * must not offer "tot en met" a day that has gone ({@code ${fmt.passed(objectionDeadline)}}).
     */
    public boolean passed(Object value) {
        Instant instant = toInstant(value);
        return instant != null && instant.isBefore(ClockUtil.getCurrentTime().toInstant());
    }

    /** "gegrond", "deels gegrond" or "ongegrond" for a verdict code (R8). */
    public String verdict(Object code) {
        return CodedOutcome.labelOf(code);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Date d) {
            return Instant.ofEpochMilli(d.getTime());
        }
        return value instanceof Instant i ? i : null;
    }
}
