package nl.homepair.complaints.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import nl.homepair.complaints.text.DutchDates;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Dutch working-day calculator for all "N working days" deadlines of the complaint procedure (R11).
 *
 * <p>A working day is Monday to Friday, except the holidays of the Algemene termijnenwet (see
 * {@link DutchHolidays}; Good Friday and 5 May are configurable) and the configured company closing days.
 *
 * <p>The clock starts on the day of receipt when that is a working day and the complaint came in before the
 * cut-off time, otherwise on the next working day. "Within N working days" ends at the end (23:59:59 local time)
 * of the N-th working day after the clock start day.
 *
 * <p>The bean is named {@code workingDays} so BPMN expressions can use it, for example
 * {@code ${workingDays.deadline(receivedAt, 5)}} as a timer date. The Modeler-facing methods have
 * {@link java.util.Date} overloads because Camunda date process variables are {@code java.util.Date}; the JUEL
 * engine picks the overload by argument type. The class is a pure calculator: it never looks at the current time.
 */
@Component("workingDays")
@EnableConfigurationProperties(WorkingDayProperties.class)
public class WorkingDayCalendar implements nl.homepair.complaints.mail.OfficeHours {

    /** Local time used as "end of day" for deadlines. */
    public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    /** Name used by {@link #closedDays(int)} for configured company closing days. */
    public static final String CLOSING_DAY = "Sluitingsdag";

    private final WorkingDayProperties properties;
    private final ZoneId zone;
    private final Set<LocalDate> closingDays;
    private final Map<Integer, SortedMap<LocalDate, String>> holidaysByYear = new ConcurrentHashMap<>();

    public WorkingDayCalendar(WorkingDayProperties properties) {
        if (properties == null) {
            throw new IllegalArgumentException("properties must not be null");
        }
        this.properties = properties;
        this.zone = DutchDates.ZONE;
        this.closingDays = Set.copyOf(properties.closingDays());
    }

    /** The effective configuration (defaults applied). */
    public WorkingDayProperties properties() {
        return properties;
    }

    /**
     * What a working day of {@code year} is, in Dutch, as this calendar counts it (the public transparency summary says
     * so): the holidays that are switched on, and the company's closing days when that year has any.
     */
    public String inDutch(int year) {
        List<String> holidays = new java.util.ArrayList<>(List.of("Nieuwjaarsdag"));
        if (properties.goodFriday()) {
            holidays.add("Goede Vrijdag");
        }
        holidays.addAll(List.of("tweede paasdag", "Koningsdag"));
        if (properties.liberationDay()) {
            holidays.add("Bevrijdingsdag (5 mei)");
        }
        holidays.addAll(List.of("Hemelvaartsdag", "tweede pinksterdag", "eerste en tweede kerstdag"));
        return "maandag tot en met vrijdag, zonder " + String.join(", ", holidays.subList(0, holidays.size() - 1)) + " en "
                + holidays.get(holidays.size() - 1) + (closingDays.stream().noneMatch(day -> day.getYear() == year) ? ""
                : ", en zonder de sluitingsdagen van HomePair");
    }

    // ------------------------------------------------------------------------------------------------ days

    /** Whether {@code day} is a working day: Monday to Friday, no holiday and no configured closing day. */
    public boolean isWorkingDay(LocalDate day) {
        requireNonNull(day, "day");
        DayOfWeek dayOfWeek = day.getDayOfWeek();
        if (dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY) {
            return false;
        }
        return !closingDays.contains(day) && !holidays(day.getYear()).containsKey(day);
    }

    /**
     * The day the clock starts for a complaint received at {@code received}: the day of receipt (in the configured
     * zone) when that is a working day and the local time is before the cut-off, otherwise the next working day.
     */
    public LocalDate clockStartDay(Instant received) {
        requireNonNull(received, "received");
        ZonedDateTime local = received.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day) && local.toLocalTime().isBefore(properties.cutOff())) {
            return day;
        }
        return nextWorkingDay(day);
    }

    /**
     * The N-th working day after {@code start}; {@code start} itself is not counted. For {@code n == 0} it returns
     * {@code start} unchanged, even when that is not a working day.
     */
    public LocalDate nthWorkingDayAfter(LocalDate start, int n) {
        requireNonNull(start, "start");
        requireNonNegative(n);
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Number of working days {@code d} with {@code fromExclusive < d <= toInclusive}; 0 when
     * {@code toInclusive <= fromExclusive}.
     */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        requireNonNull(fromExclusive, "fromExclusive");
        requireNonNull(toInclusive, "toInclusive");
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Holidays plus configured closing days (named {@value #CLOSING_DAY}) of one year, sorted by date, for display
     * and documentation. Closing days that coincide with a holiday get both names joined with " / ".
     */
    public SortedMap<LocalDate, String> closedDays(int year) {
        SortedMap<LocalDate, String> days = new TreeMap<>(holidays(year));
        properties.closingDays().stream()
                .filter(day -> day.getYear() == year)
                .forEach(day -> days.merge(day, CLOSING_DAY, (existing, added) -> existing + " / " + added));
        return Collections.unmodifiableSortedMap(days);
    }

    // ------------------------------------------------------------------------------------------- deadlines

    /** End (23:59:59 local time) of the N-th working day after the clock start day of {@code received}. */
    public Instant deadline(Instant received, int n) {
        requireNonNegative(n);
        return atLocalTime(nthWorkingDayAfter(clockStartDay(received), n), END_OF_DAY);
    }

    /**
     * The deadline that gives, counted from {@code now}, as many working days as {@code deadline} gave counted from
     * {@code given}: a term that has to start again (a request that reached the wrong address).
     */
    public Date sameTermFrom(Date given, Date deadline, Date now) {
        int days = workingDaysBetween(clockStartDay(toInstant(given, "given")), toInstant(deadline, "deadline").atZone(zone).toLocalDate());
        return deadline(now, days);
    }

    /** {@link #deadline(Instant, int)} for {@code java.util.Date} process variables. */
    public Date deadline(Date received, int n) {
        return toDate(deadline(toInstant(received, "received"), n));
    }

    /**
     * Whether {@code done} is within N working days of {@code received}, i.e. not after the end of the deadline day.
     * At second precision this equals {@code !done.isAfter(deadline(received, n))}; a moment within the last second
     * (23:59:59.5) still counts as within.
     */
    public boolean isWithin(Instant received, Instant done, int n) {
        requireNonNull(done, "done");
        // the one rule for "tot en met" a day, as the objection windows use it
        return !DutchDates.pastTheDayOf(done, deadline(received, n));
    }

    /** {@link #isWithin(Instant, Instant, int)} for {@code java.util.Date} process variables. */
    public boolean isWithin(Date received, Date done, int n) {
        return isWithin(toInstant(received, "received"), toInstant(done, "done"), n);
    }

    /**
     * The first moment after the working day that follows today's (today's own when it is a working day, else the
     * next one): what is due before it is "due today or the next working day", in Tasklist's filter, the case list
     * and the team lead's traffic light alike. Exclusive, as the engine's {@code dueBefore}: a deadline is the end of
     * its day (23:59:59), and that of the next working day is due soon. On a Saturday it is Wednesday 00:00.
     */
    public Instant afterNextWorkingDay(Instant now) {
        requireNonNull(now, "now");
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = isWorkingDay(today) ? today : nthWorkingDayAfter(today, 1);
        return nthWorkingDayAfter(first, 1).plusDays(1).atStartOfDay(zone).toInstant();
    }

    // ----------------------------------------------------------------------------- reminders / escalations

    /**
     * Office start on the N-th working day after the clock start day, e.g. a reminder "on the last day".
     * For {@code n == 0} this is the clock start day's office start, which may lie before {@code received}.
     */
    public Instant morningOf(Instant received, int n) {
        requireNonNegative(n);
        return atLocalTime(nthWorkingDayAfter(clockStartDay(received), n), properties.officeStart());
    }

    /** {@link #morningOf(Instant, int)} for {@code java.util.Date} process variables. */
    public Date morningOf(Date received, int n) {
        return toDate(morningOf(toInstant(received, "received"), n));
    }

    /**
     * Office start on the (N+1)-th working day after the clock start day: the first office moment after a deadline
     * of N working days has passed, used for escalations.
     */
    public Instant morningAfter(Instant received, int n) {
        requireNonNegative(n);
        return atLocalTime(nthWorkingDayAfter(clockStartDay(received), n + 1), properties.officeStart());
    }

    /** {@link #morningAfter(Instant, int)} for {@code java.util.Date} process variables. */
    public Date morningAfter(Date received, int n) {
        return toDate(morningAfter(toInstant(received, "received"), n));
    }

    /**
     * {@code t} itself when it lies within office hours [officeStart, officeEnd) on a working day; otherwise office
     * start of the next working day, which is the same day when {@code t} is before office start on a working day.
     */
    public Instant nextOfficeMoment(Instant t) {
        requireNonNull(t, "t");
        ZonedDateTime local = t.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (isWorkingDay(day)) {
            if (time.isBefore(properties.officeStart())) {
                return atLocalTime(day, properties.officeStart());
            }
            if (time.isBefore(properties.officeEnd())) {
                return t;
            }
        }
        return atLocalTime(nextWorkingDay(day), properties.officeStart());
    }

    /** {@link #nextOfficeMoment(Instant)} for {@code java.util.Date} process variables. */
    @Override
    public Date nextOfficeMoment(Date t) {
        return toDate(nextOfficeMoment(toInstant(t, "t")));
    }

    /**
     * Moves {@code t} forward by N working days keeping its local time of day, e.g. to extend a deadline by the
     * working days a case waited on the complainant. The result day is
     * {@code nthWorkingDayAfter(localDate(t), n)}: the day of {@code t} itself is never counted, also when it is not
     * a working day, and {@code n == 0} returns {@code t} unchanged.
     */
    public Instant plusWorkingDays(Instant t, int n) {
        requireNonNull(t, "t");
        requireNonNegative(n);
        ZonedDateTime local = t.atZone(zone);
        // with(LocalDate) keeps the current offset where possible, so n == 0 is an identity also in the DST overlap
        return local.with(nthWorkingDayAfter(local.toLocalDate(), n)).toInstant();
    }

    /** {@link #plusWorkingDays(Instant, int)} for {@code java.util.Date} process variables. */
    public Date plusWorkingDays(Date t, int n) {
        return toDate(plusWorkingDays(toInstant(t, "t"), n));
    }

    // ------------------------------------------------------------------- relative to a stored deadline

    /**
     * Office start of the working day that lies N working days before the day of {@code deadline} (N = 0: the
     * deadline day itself). Used in the models for reminders, e.g.
     * {@code ${workingDays.reminderBefore(assessmentDue, 1)}}, so that a deadline that was extended (a case that
     * waited on the complainant) moves its reminder along.
     */
    public Date reminderBefore(Date deadline, int n) {
        requireNonNegative(n);
        LocalDate day = toInstant(deadline, "deadline").atZone(zone).toLocalDate();
        for (int i = 0; i < n; i++) {
            day = previousWorkingDay(day);
        }
        return toDate(atLocalTime(day, properties.officeStart()));
    }

    /**
     * The first office moment after {@code deadline} has passed: used for escalations, e.g.
     * {@code ${workingDays.afterDeadline(assessmentDue)}}, so that staff are not alerted at midnight or on Sunday.
     */
    public Date afterDeadline(Date deadline) {
        return toDate(nextOfficeMoment(toInstant(deadline, "deadline").plusSeconds(1)));
    }

    /**
     * A deadline moved on by the working days that the clock stood still, from {@code pausedFrom} to
     * {@code pausedUntil} (R4: the assessment clock pauses while the case waits on the complainant). Days are counted
     * as {@link #workingDaysBetween(LocalDate, LocalDate)} up to the day the clock starts again, which follows the
     * cut-off as for a complaint ({@link #clockStartDay(Instant)}): an answer on the day of the request before the
     * cut-off adds nothing, an answer after 17:00 or in the weekend counts as received on the next working day.
     */
    public Date extendedBy(Date deadline, Date received, Date pausedFrom, Date pausedUntil) {
        return plusWorkingDays(deadline, pausedDays(clockStartDay(toInstant(received, "received")),
                toInstant(pausedFrom, "pausedFrom"), toInstant(pausedUntil, "pausedUntil")));
    }

    /**
     * As {@link #extendedBy(Date, Date, Date, Date)} without the complaint's receipt: what the models of before
     * 2026-12-05 call, so that cases still running on them go on as they were.
     */
    public Date extendedBy(Date deadline, Date pausedFrom, Date pausedUntil) {
        return plusWorkingDays(deadline, pausedDays(null, toInstant(pausedFrom, "pausedFrom"), toInstant(pausedUntil, "pausedUntil")));
    }

    /**
     * The working days the clock stood still from {@code pausedFrom} to {@code pausedUntil}, as
     * {@link #extendedBy(Date, Date, Date, Date)} moves a deadline; also what the figures (R16) leave out of the time
     * to the first assessment. A request made before the clock started (a complaint after 17:00 assessed at once)
     * counts from the day it started: the clock never ran before it, so no day of it can have stood still.
     *
     * @param clockStart the day the complaint's clock started, or null
     */
    public int pausedDays(LocalDate clockStart, Instant pausedFrom, Instant pausedUntil) {
        requireNonNull(pausedFrom, "pausedFrom");
        LocalDate from = pausedFrom.atZone(zone).toLocalDate();
        if (clockStart != null && from.isBefore(clockStart)) {
            from = clockStart;
        }
        return workingDaysBetween(from, clockStartDay(pausedUntil));
    }

    /**
     * The end (23:59:59 local time) of the calendar day N months after {@code from}, or of the next working day when
     * that day is a weekend day, holiday or closing day: windows that the law sets in months rather than working days,
     * such as the objection window (R9, DSA art. 20: at least six months). A window that ends on a Sunday would
     * leave the complainant no day on which anyone reads their mail (as the Dutch Algemene termijnenwet does).
     */
    public Date monthsAfter(Date from, int months) {
        requireNonNegative(months);
        LocalDate day = toInstant(from, "from").atZone(zone).toLocalDate().plusMonths(months);
        return toDate(atLocalTime(isWorkingDay(day) ? day : nthWorkingDayAfter(day, 1), END_OF_DAY));
    }

    /**
     * {@code moment}, or {@code instead} when it is not after {@code now}: a case registered late (a letter typed in
     * days after its receipt) must not promise the complainant a date in the past, nor alert a team lead at once
     * about a mail that simply has not had its chance yet. E.g.
     * {@code ${workingDays.orIfPassed(acknowledgementDue, now(), workingDays.deadline(now(), 1))}}; with
     * {@code workingDays.deadline(now(), 1)} as {@code now}, a date that ends before the next working day does is
     * replaced too: {@code ${workingDays.orIfPassed(objectionReviewDue, workingDays.deadline(now(), 1),
     * workingDays.deadline(now(), 5))}} never promises an answer today or tomorrow for an objection letter typed in
     * weeks after it came. For the acknowledgement's promise see {@link #promised}.
     */
    public Date orIfPassed(Date moment, Date now, Date instead) {
        return toInstant(moment, "moment").isAfter(toInstant(now, "now")) ? moment : instead;
    }

    /**
     * The date to promise the complainant for a term that ends at {@code due}: {@code due} itself, unless it has passed,
     * or the case was taken in late ({@code takenInBy}, the term for taking it in, has passed: a letter typed in a week
     * after it came) and {@code due} ends by the end of the next working day; then {@code days} working days from
     * {@code now}. A short term that a case taken in on time still has (a routing rule's one working day, a mail triaged
     * on its second day) is promised as it is, without an apology. E.g. the acknowledgement's promise,
     * {@code ${workingDays.promised(assessmentDue, acknowledgementDue, now(), 2)}}.
     */
    public Date promised(Date due, Date takenInBy, Date now, int days) {
        requireNonNegative(days);
        boolean late = !toInstant(takenInBy, "takenInBy").isAfter(toInstant(now, "now"));
        return orIfPassed(due, late ? deadline(now, 1) : now, deadline(now, days));
    }

    /**
     * The later of two moments, where {@code earlier} may be absent (null): a date promised before, against the one a
     * step would promise now. E.g. the delay timer of the first assessment,
     * {@code ${workingDays.later(execution.getVariable('assessmentAnswerDue'), workingDays.orIfPassed(assessmentDue, now(),
     * workingDays.deadline(now(), 2)))}}: the acknowledgement's promise, or the deadline an information pause moved it to
     * (the delay mail names that date), or two working days when that moved deadline has already passed (the complainant,
     * told of the delay before the pause, is not told again the moment the answer comes).
     */
    public Date later(Date earlier, Date moment) {
        Instant other = toInstant(moment, "moment");
        return earlier != null && earlier.toInstant().isAfter(other) ? earlier : moment;
    }

    /**
     * {@code moment} when it is still ahead, otherwise the next office moment from {@code now}: a timer whose date was
     * computed in the past (a deadline recomputed after an information pause, a letter registered late) fires at the
     * next 09:00 on a working day, not at once on a Saturday night. Every reminder and escalation timer in the models
     * goes through it, e.g. {@code ${workingDays.officeMomentFrom(workingDays.afterDeadline(assessmentDue), now())}}.
     */
    public Date officeMomentFrom(Date moment, Date now) {
        Instant at = toInstant(moment, "moment");
        Instant current = toInstant(now, "now");
        return at.isAfter(current) ? moment : toDate(nextOfficeMoment(current));
    }

    /** Whether {@code deadline} lies before {@code now}, e.g. to skip a reminder that would come after the escalation. */
    public boolean hasPassed(Date deadline, Date now) {
        return toInstant(deadline, "deadline").isBefore(toInstant(now, "now"));
    }

    // --------------------------------------------------------------------------------------------- helpers

    private SortedMap<LocalDate, String> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year,
                y -> DutchHolidays.forYear(y, properties.goodFriday(), properties.liberationDay()));
    }

    private LocalDate previousWorkingDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!isWorkingDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private Instant atLocalTime(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant toInstant(Date date, String name) {
        requireNonNull(date, name);
        // getTime() instead of toInstant(): java.sql.Date.toInstant() throws UnsupportedOperationException
        return Instant.ofEpochMilli(date.getTime());
    }

    private static Date toDate(Instant instant) {
        return new Date(instant.toEpochMilli());
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of working days must not be negative, was " + n);
        }
    }
}
