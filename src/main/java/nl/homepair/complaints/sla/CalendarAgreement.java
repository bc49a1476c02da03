package nl.homepair.complaints.sla;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.cluster.ClusterSettings;
import nl.homepair.complaints.text.DutchDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The working-day calendar (closing days, Good Friday, 5 May, the cut-off, office hours) is configuration of each node,
 * read at its start. A change reaches only the deadlines computed after it: an open task keeps its due date, a waiting
 * timer its moment, a complainant the date a mail promised. And while the nodes of a cluster are restarted one by one,
 * they compute different deadlines for the cases they start. So the calendar is recorded in the database: a node that
 * starts with another calendar than the one recorded says what changed in a WARN and records its own; a node that
 * finds later that the recorded calendar is no longer its own (another node started with a changed one) says so every
 * hour until it is restarted with the same settings.
 */
@Component
public class CalendarAgreement {

    private static final Logger log = LoggerFactory.getLogger(CalendarAgreement.class);

    static final String SETTING = "working-day-calendar";
    /** The alert settings of the same group, recorded apart: a node of an earlier release records only the calendar. */
    static final String ALERTS_SETTING = "working-day-alerts";

    private final ClusterSettings settings;
    private final WorkingDayProperties calendar;
    private final String own;
    private final String ownAlerts;
    private LocalDate toldOfTheComingYear;

    @org.springframework.beans.factory.annotation.Autowired
    public CalendarAgreement(ClusterSettings settings, WorkingDayProperties calendar,
            @Value("${homepair.working-days.alerts-in-office-hours:true}") boolean alertsInOfficeHours,
            @Value("${homepair.working-days.overdue-digest:true}") boolean overdueDigest,
            @Value("${homepair.working-days.overdue-digest-cron:" + OverdueDigest.DEFAULT_CRON + "}") String overdueDigestCron) {
        this.settings = settings;
        this.calendar = calendar;
        // the settings of the same group read elsewhere: whether an alert at 02:00 waits for 09:00, and whether the morning
        // list goes, must not depend on the node that runs the job
        this.own = describe(calendar);
        this.ownAlerts = "alerts-in-office-hours " + alertsInOfficeHours + ", overdue-digest "
                + (overdueDigest ? overdueDigestCron.strip() : "false");
    }

    /** A node with the defaults of the settings read outside the calendar's properties. */
    CalendarAgreement(ClusterSettings settings, WorkingDayProperties calendar) {
        this(settings, calendar, true, true, OverdueDigest.DEFAULT_CRON);
    }

    /**
     * When company closing days are set for earlier years but none for this one, or from November on none for the next:
     * the bridge days are a list kept by hand (the holidays are computed), and a year without them counts the Friday after
     * Ascension as a working day, promises it in mails and sends the team leads their digest on it. Empty when the list
     * goes on, or when no closing days are used at all.
     */
    static Optional<String> comingYearWithoutClosingDays(WorkingDayProperties calendar, LocalDate today) {
        List<LocalDate> days = calendar.closingDays();
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = days.get(days.size() - 1);
        int needed = today.getMonth().compareTo(Month.NOVEMBER) >= 0 ? today.getYear() + 1 : today.getYear();
        if (last.getYear() >= needed) {
            return Optional.empty();
        }
        int year = last.getYear() < today.getYear() ? today.getYear() : needed;
        return Optional.of("homepair.working-days.closing-days names no day in " + year + " (the last is " + last
                + "): add the company closing days of " + year + " (e.g. the Friday after Ascension), or deadlines in " + year
                + " count them as working days");
    }

    private void tellOfTheComingYear() {
        LocalDate today = LocalDate.now(DutchDates.ZONE);
        if (today.equals(toldOfTheComingYear)) {
            return;
        }
        comingYearWithoutClosingDays(calendar, today).ifPresent(warning -> {
            log.warn(warning);
            toldOfTheComingYear = today;
        });
    }

    /** The calendar as one line: what a manager would compare (with the alert settings: {@link #own}). */
    static String describe(WorkingDayProperties calendar) {
        return "cut-off " + calendar.cutOff() + ", office hours " + calendar.officeStart() + "-" + calendar.officeEnd()
                + ", good-friday " + calendar.goodFriday() + ", liberation-day " + calendar.liberationDay()
                + ", closing-days " + calendar.closingDays();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recordAtStart() {
        record(SETTING, own, "The working-day calendar changed: it was [{}], this node runs [{}]. Deadlines computed before"
                + " keep their dates (open tasks, waiting timers, dates promised in mails); restart every node with the same"
                + " settings");
        record(ALERTS_SETTING, ownAlerts, "The alert settings of homepair.working-days changed: they were [{}], this node"
                + " runs [{}]; restart every node with the same settings");
        tellOfTheComingYear();
    }

    /** Records this node's value of {@code setting}, saying in a WARN what it replaces when another was recorded. */
    private void record(String setting, String value, String changed) {
        Optional<String> recorded = settings.get(setting);
        if (recorded.isPresent() && !recorded.get().equals(value)) {
            log.warn(changed, recorded.get(), value);
        }
        if (!recorded.equals(Optional.of(value))) {
            settings.put(setting, value);
        }
    }

    /** This node's calendar as recorded. */
    String own() {
        return own;
    }

    /** This node's alert settings as recorded. */
    String ownAlerts() {
        return ownAlerts;
    }

    /** Whether this node runs the calendar and the alert settings the database records (the last node to start recorded them). */
    boolean agrees() {
        return settings.get(SETTING).map(own::equals).orElse(true)
                && settings.get(ALERTS_SETTING).map(ownAlerts::equals).orElse(true);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    public void checkHourly() {
        tellOfTheComingYear();
        if (!agrees()) {
            log.warn("This node's working-day calendar [{}; {}] is not the one another node recorded since [{}; {}]: it computes"
                    + " other deadlines or sends alerts otherwise; restart it with the same homepair.working-days settings", own,
                    ownAlerts, settings.get(SETTING).orElse(""), settings.get(ALERTS_SETTING).orElse(""));
        }
    }
}
