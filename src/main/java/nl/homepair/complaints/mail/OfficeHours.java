package nl.homepair.complaints.mail;

import java.util.Date;

/**
 * When staff read their mail (R11): a mail to staff that would leave outside office hours waits for the next office
 * moment. The working-day calendar ({@code sla.WorkingDayCalendar}) answers; mail does not know the calendar.
 */
public interface OfficeHours {

    /** {@code now} itself within office hours on a working day, else the start of the next office hours. */
    Date nextOfficeMoment(Date now);
}
