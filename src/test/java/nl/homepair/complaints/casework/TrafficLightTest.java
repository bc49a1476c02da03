package nl.homepair.complaints.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.sla.WorkingDayProperties;
import nl.homepair.complaints.text.DutchDates;
import org.junit.jupiter.api.Test;

/** The team lead's colours say what Tasklist's filter "Verloopt vandaag of volgende werkdag" says. */
class TrafficLightTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayProperties.defaults());

    @Test
    void dueTodayOrTheNextWorkingDayIsDueSoon() {
        Instant tuesdayMorning = at(2026, 6, 9, 10, 0);
        assertThat(light(at(2026, 6, 9, 9, 0), tuesdayMorning)).isEqualTo(TrafficLight.LATE);
        assertThat(light(endOf(2026, 6, 9), tuesdayMorning)).isEqualTo(TrafficLight.DUE_SOON);
        // a deadline is the end of its day: Wednesday's is due soon on Tuesday morning, not only from Wednesday
        assertThat(light(endOf(2026, 6, 10), tuesdayMorning)).isEqualTo(TrafficLight.DUE_SOON);
        assertThat(light(endOf(2026, 6, 11), tuesdayMorning)).isEqualTo(TrafficLight.ON_TIME);
        assertThat(light(null, tuesdayMorning)).isEqualTo(TrafficLight.NONE);
    }

    @Test
    void overTheWeekendTheNextWorkingDaysCount() {
        Instant friday = at(2026, 6, 12, 16, 0);
        assertThat(light(endOf(2026, 6, 15), friday)).isEqualTo(TrafficLight.DUE_SOON); // Monday
        assertThat(light(endOf(2026, 6, 16), friday)).isEqualTo(TrafficLight.ON_TIME);
        Instant saturday = at(2026, 6, 13, 11, 0);
        assertThat(light(endOf(2026, 6, 16), saturday)).isEqualTo(TrafficLight.DUE_SOON); // Tuesday, as the filter
        assertThat(light(endOf(2026, 6, 17), saturday)).isEqualTo(TrafficLight.ON_TIME);
    }

    /** The engine's dueBefore is exclusive: the bound lies after the end of the next working day, not on it. */
    @Test
    void theBoundForTheEngineComesAfterTheNextWorkingDaysLastSecond() {
        Instant tuesdayMorning = at(2026, 6, 9, 10, 0);
        assertThat(calendar.afterNextWorkingDay(tuesdayMorning)).isAfter(endOf(2026, 6, 10))
                .isEqualTo(at(2026, 6, 11, 0, 0));
    }

    private TrafficLight light(Instant due, Instant now) {
        return TrafficLight.of(due == null ? null : Date.from(due), now, calendar);
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, DutchDates.ZONE).toInstant();
    }

    private static Instant endOf(int year, int month, int day) {
        return ZonedDateTime.of(year, month, day, 23, 59, 59, 0, DutchDates.ZONE).toInstant();
    }
}
