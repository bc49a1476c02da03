package nl.homepair.complaints.sla;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the working-day calendar used for all "N working days" deadlines (R11).
 *
 * <p>Bound from {@code homepair.working-days.*}, for example:
 *
 * <pre>
 * homepair:
 *   working-days:
 *     cut-off: "17:00"
 *     office-start: "09:00"
 *     office-end: "17:00"
 *     good-friday: true        # false = Good Friday is a normal working day
 *     liberation-day: true     # false = 5 May is a normal working day
 *     closing-days:            # extra company closing days (bridge days)
 *       - 2026-05-15
 * </pre>
 *
 * Days and times of day are Amsterdam time ({@code DutchDates.ZONE}): the procedure is Dutch.
 * Every component is optional; {@code null} values fall back to the defaults below.
 *
 * @param cutOff        complaints received at or after this local time start the clock on the next working day
 *                      (default 17:00)
 * @param officeStart   start of office hours; reminders and escalations are scheduled at this time (default 09:00)
 * @param officeEnd     end of office hours, exclusive (default 17:00)
 * @param goodFriday    whether Good Friday is a non-working day (default true)
 * @param liberationDay whether 5 May is a non-working day, every year (default true)
 * @param closingDays   extra company closing days (default empty)
 */
@ConfigurationProperties("homepair.working-days")
public record WorkingDayProperties(
        LocalTime cutOff,
        LocalTime officeStart,
        LocalTime officeEnd,
        Boolean goodFriday,
        Boolean liberationDay,
        List<LocalDate> closingDays) {

    public static final LocalTime DEFAULT_CUT_OFF = LocalTime.of(17, 0);
    public static final LocalTime DEFAULT_OFFICE_START = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_OFFICE_END = LocalTime.of(17, 0);

    public WorkingDayProperties {
        cutOff = cutOff != null ? cutOff : DEFAULT_CUT_OFF;
        officeStart = officeStart != null ? officeStart : DEFAULT_OFFICE_START;
        officeEnd = officeEnd != null ? officeEnd : DEFAULT_OFFICE_END;
        goodFriday = goodFriday != null ? goodFriday : Boolean.TRUE;
        liberationDay = liberationDay != null ? liberationDay : Boolean.TRUE;
        closingDays = closingDays != null
                ? closingDays.stream().filter(Objects::nonNull).distinct().sorted().toList()
                : List.of();
        if (!officeStart.isBefore(officeEnd)) {
            throw new IllegalArgumentException("homepair.working-days.office-start (" + officeStart
                    + ") must be before homepair.working-days.office-end (" + officeEnd + ")");
        }
    }

    /** All defaults: cut-off 17:00, office hours 09:00-17:00, Good Friday and 5 May off. */
    public static WorkingDayProperties defaults() {
        return new WorkingDayProperties(null, null, null, null, null, null);
    }
}
