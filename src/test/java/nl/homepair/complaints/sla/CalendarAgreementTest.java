package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.ClusterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A node started with another working-day calendar than the cluster's says so, and the others learn of it (R11). */
class CalendarAgreementTest extends IntegrationTest {

    @Autowired
    ClusterSettings settings;
    @Autowired
    WorkingDayProperties properties;
    @Autowired
    CalendarAgreement agreement;

    @AfterEach
    void restore() {
        settings.put(CalendarAgreement.SETTING, agreement.own());
        settings.put(CalendarAgreement.ALERTS_SETTING, agreement.ownAlerts());
    }

    @Test
    void aNodeWithABridgeDayAddedRecordsItAndTheOthersNoLongerAgree() {
        assertThat(settings.get(CalendarAgreement.SETTING)).contains(agreement.own());
        assertThat(agreement.own()).isEqualTo(CalendarAgreement.describe(properties));
        assertThat(agreement.agrees()).isTrue();

        WorkingDayProperties withBridgeDay = new WorkingDayProperties(properties.cutOff(), properties.officeStart(),
                properties.officeEnd(), properties.goodFriday(), properties.liberationDay(), List.of(LocalDate.of(2026, 5, 15)));
        new CalendarAgreement(settings, withBridgeDay).recordAtStart();

        assertThat(settings.get(CalendarAgreement.SETTING).orElseThrow()).contains("2026-05-15");
        assertThat(agreement.agrees()).as("this node still runs the calendar without the bridge day").isFalse();
        assertThat(new CalendarAgreement(settings, withBridgeDay).agrees()).isTrue();

        // a calendar of many closing days (this year's and next year's, the past years' left in) is recorded as well
        List<LocalDate> closingDays = java.util.stream.IntStream.range(0, 60)
                .mapToObj(day -> LocalDate.of(2025, 12, 22).plusDays(day * 7L)).toList();
        WorkingDayProperties manyClosingDays = new WorkingDayProperties(properties.cutOff(), properties.officeStart(),
                properties.officeEnd(), properties.goodFriday(), properties.liberationDay(), closingDays);
        new CalendarAgreement(settings, manyClosingDays).recordAtStart();
        assertThat(new CalendarAgreement(settings, manyClosingDays).agrees()).isTrue();
        assertThat(settings.get(CalendarAgreement.SETTING).orElseThrow()).contains(closingDays.get(59).toString());

        assertThat(CalendarAgreement.describe(new WorkingDayProperties(LocalTime.of(16, 0), null, null, null, null, null)))
                .isNotEqualTo(CalendarAgreement.describe(WorkingDayProperties.defaults()));
    }

    /**
     * Whether an alert due at night waits for office hours, and whether the morning list goes, are settings of the same
     * group read elsewhere: a node started with another one no longer agrees either.
     */
    @Test
    void aNodeThatSendsAlertsAtNightOrNoMorningListDoesNotAgree() {
        CalendarAgreement office = new CalendarAgreement(settings, properties, true, true, "0 5 9 * * MON-FRI");
        assertThat(office.ownAlerts()).isEqualTo("alerts-in-office-hours true, overdue-digest 0 5 9 * * MON-FRI");
        assertThat(office.own()).as("recorded apart: an earlier release's record of the calendar stays equal")
                .isEqualTo(CalendarAgreement.describe(properties));
        office.recordAtStart();
        assertThat(office.agrees()).isTrue();

        new CalendarAgreement(settings, properties, false, true, "0 5 9 * * MON-FRI").recordAtStart();
        assertThat(office.agrees()).as("another node sends alerts at night").isFalse();
        new CalendarAgreement(settings, properties, true, false, "0 5 9 * * MON-FRI").recordAtStart();
        assertThat(office.agrees()).as("another node sends no morning list").isFalse();
        new CalendarAgreement(settings, properties, true, true, "0 5 10 * * MON-FRI").recordAtStart();
        assertThat(office.agrees()).as("another node sends it at 10:05").isFalse();
        new CalendarAgreement(settings, properties, true, true, " 0 5 9 * * MON-FRI ").recordAtStart();
        assertThat(office.agrees()).isTrue();
    }

    /** The company's closing days are a list kept by hand: from November, a list without next year's says so. */
    @Test
    void aListOfClosingDaysWithoutNextYearIsNamedFromNovember() {
        WorkingDayProperties thisYearOnly = new WorkingDayProperties(null, null, null, null, null,
                List.of(LocalDate.of(2025, 5, 30), LocalDate.of(2026, 5, 15)));
        assertThat(CalendarAgreement.comingYearWithoutClosingDays(thisYearOnly, LocalDate.of(2026, 12, 6))).hasValueSatisfying(
                warning -> assertThat(warning).contains("no day in 2027", "the last is 2026-05-15"));
        assertThat(CalendarAgreement.comingYearWithoutClosingDays(thisYearOnly, LocalDate.of(2026, 10, 31))).isEmpty();
        // and all the next year long, while its bridge days are still ahead
        assertThat(CalendarAgreement.comingYearWithoutClosingDays(thisYearOnly, LocalDate.of(2027, 1, 2))).hasValueSatisfying(
                warning -> assertThat(warning).contains("no day in 2027"));
        // next year's list is there, or the company keeps no closing days at all: nothing to say
        WorkingDayProperties withNextYear = new WorkingDayProperties(null, null, null, null, null,
                List.of(LocalDate.of(2026, 5, 15), LocalDate.of(2027, 5, 7)));
        assertThat(CalendarAgreement.comingYearWithoutClosingDays(withNextYear, LocalDate.of(2026, 12, 6))).isEmpty();
        assertThat(CalendarAgreement.comingYearWithoutClosingDays(WorkingDayProperties.defaults(), LocalDate.of(2026, 12, 6)))
                .isEmpty();
    }
}
