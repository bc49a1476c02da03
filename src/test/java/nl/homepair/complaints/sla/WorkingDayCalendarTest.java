package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDayCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayProperties.defaults());

    private static Instant ams(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, AMSTERDAM).toInstant();
    }

    private static Instant ams(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant();
    }

    private static Instant endOf(int year, int month, int day) {
        return ZonedDateTime.of(LocalDate.of(year, month, day), LocalTime.of(23, 59, 59), AMSTERDAM).toInstant();
    }

    private static WorkingDayCalendar calendar(Boolean goodFriday, Boolean liberationDay, List<LocalDate> closingDays) {
        return new WorkingDayCalendar(
                new WorkingDayProperties(null, null, null, goodFriday, liberationDay, closingDays));
    }

    private static ZonedDateTime local(Instant instant) {
        return instant.atZone(AMSTERDAM);
    }

    /** The public transparency summary says what a working day is: the holidays switched off and the closing days too. */
    @Test
    void aWorkingDayIsDescribedAsThisCalendarCountsIt() {
        assertThat(calendar.inDutch(2026)).isEqualTo("maandag tot en met vrijdag, zonder Nieuwjaarsdag, Goede Vrijdag, tweede"
                + " paasdag, Koningsdag, Bevrijdingsdag (5 mei), Hemelvaartsdag, tweede pinksterdag en eerste en tweede kerstdag");
        WorkingDayCalendar switched = calendar(false, false, List.of(LocalDate.of(2026, 5, 15)));
        assertThat(switched.inDutch(2026)).isEqualTo("maandag tot en met"
                + " vrijdag, zonder Nieuwjaarsdag, tweede paasdag, Koningsdag, Hemelvaartsdag, tweede pinksterdag en eerste en"
                + " tweede kerstdag, en zonder de sluitingsdagen van HomePair");
        // the summary of a year without closing days says none, whatever other years have
        assertThat(switched.inDutch(2025)).doesNotContain("sluitingsdagen");
    }

    @Nested
    class Deadlines {

        @Test
        void r11ExampleFridayBeforeKingsDayPlusFiveEndsOnMonday4May() {
            Instant received = ams(2026, 4, 24, 10, 0); // Friday; Monday 27 April is King's Day

            assertThat(calendar.deadline(received, 5)).isEqualTo(endOf(2026, 5, 4));
            assertThat(calendar(null, false, null).deadline(received, 5)).isEqualTo(endOf(2026, 5, 4));
        }

        @Test
        void dateOverloadGivesTheSameDeadlineAsTheInstantOverload() {
            Date received = Date.from(ams(2026, 4, 24, 10, 0));

            assertThat(calendar.deadline(received, 5)).isEqualTo(Date.from(endOf(2026, 5, 4)));
        }

        @Test
        void fridayPlusTwoWorkingDaysEndsOnTuesday() {
            assertThat(calendar.deadline(ams(2026, 6, 5, 10, 0), 2)).isEqualTo(endOf(2026, 6, 9));
        }

        @Test
        void zeroWorkingDaysEndsAtTheEndOfTheClockStartDay() {
            assertThat(calendar.deadline(ams(2026, 6, 9, 10, 0), 0)).isEqualTo(endOf(2026, 6, 9));
            assertThat(calendar.deadline(ams(2026, 6, 9, 17, 0), 0)).isEqualTo(endOf(2026, 6, 10));
        }

        @Test
        void goodFridayAndEasterMondayAreSkippedWhenGoodFridayIsAHoliday() {
            Instant maundyThursday = ams(2026, 4, 2, 10, 0);

            assertThat(calendar.deadline(maundyThursday, 1)).isEqualTo(endOf(2026, 4, 7));
        }

        @Test
        void goodFridayCountsWhenSwitchedOff() {
            Instant maundyThursday = ams(2026, 4, 2, 10, 0);

            assertThat(calendar(false, null, null).deadline(maundyThursday, 1)).isEqualTo(endOf(2026, 4, 3));
            assertThat(calendar(false, null, null).deadline(maundyThursday, 2)).isEqualTo(endOf(2026, 4, 7));
        }

        @Test
        void kingsDayOnASundayChangesNothingBecauseTheFallbackDayIsASaturday() {
            // 2025 and 2031: 27 April is a Sunday, King's Day moves to Saturday 26 April. The fallback day is
            // always a Saturday, so there is no year in which it removes a weekday.
            assertThat(calendar.isWorkingDay(LocalDate.of(2025, 4, 26))).isFalse();
            assertThat(calendar.deadline(ams(2025, 4, 25, 10, 0), 1)).isEqualTo(endOf(2025, 4, 28));
            assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 4, 24), LocalDate.of(2025, 5, 2))).isEqualTo(6);

            assertThat(calendar.deadline(ams(2031, 4, 25, 10, 0), 1)).isEqualTo(endOf(2031, 4, 28));
            assertThat(calendar.workingDaysBetween(LocalDate.of(2031, 4, 24), LocalDate.of(2031, 5, 2))).isEqualTo(6);
        }

        @Test
        void liberationDayIsSkippedWhenSwitchedOnAndCountsWhenSwitchedOff() {
            Instant monday4May = ams(2026, 5, 4, 10, 0); // Tuesday 5 May 2026

            assertThat(calendar.deadline(monday4May, 1)).isEqualTo(endOf(2026, 5, 6));
            assertThat(calendar(null, false, null).deadline(monday4May, 1)).isEqualTo(endOf(2026, 5, 5));
        }

        @Test
        void configuredClosingDayIsSkipped() {
            Instant wednesday = ams(2026, 5, 13, 10, 0); // Thursday 14 May is Ascension Day, Friday 15 a bridge day
            WorkingDayCalendar withBridgeDay = calendar(null, null, List.of(LocalDate.of(2026, 5, 15)));

            assertThat(calendar.deadline(wednesday, 1)).isEqualTo(endOf(2026, 5, 15));
            assertThat(withBridgeDay.deadline(wednesday, 1)).isEqualTo(endOf(2026, 5, 18));
            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 5, 15))).isFalse();
        }

        @Test
        void christmasDaysAndTheWeekendAfterAreSkipped() {
            Instant christmasEve = ams(2025, 12, 24, 10, 0); // Wednesday; 25 and 26 December are Thursday and Friday

            assertThat(calendar.deadline(christmasEve, 1)).isEqualTo(endOf(2025, 12, 29));
            assertThat(calendar.deadline(christmasEve, 3)).isEqualTo(endOf(2025, 12, 31));
        }

        @Test
        void newYearsDayIsSkipped() {
            assertThat(calendar.deadline(ams(2025, 12, 31, 10, 0), 1)).isEqualTo(endOf(2026, 1, 2));
        }
    }

    @Nested
    class ClockStart {

        @ParameterizedTest(name = "received {0} -> clock starts {1}, +1 ends {2}")
        @CsvSource({
                "2026-06-09T16:59:00,     2026-06-09, 2026-06-10",
                "2026-06-09T16:59:59.999, 2026-06-09, 2026-06-10",
                "2026-06-09T17:00:00,     2026-06-10, 2026-06-11",
                "2026-06-09T17:01:00,     2026-06-10, 2026-06-11",
                "2026-06-09T00:00:00,     2026-06-09, 2026-06-10",
                "2026-06-13T10:00:00,     2026-06-15, 2026-06-16", // Saturday
                "2026-06-14T08:00:00,     2026-06-15, 2026-06-16", // Sunday
                "2026-04-27T10:00:00,     2026-04-28, 2026-04-29", // King's Day (Monday)
                "2026-04-02T18:00:00,     2026-04-07, 2026-04-08", // Thursday evening before Easter
                "2026-05-22T17:30:00,     2026-05-26, 2026-05-27", // Friday evening before Whit Monday
        })
        void clockStartsOnTheDayOfReceiptOnlyOnAWorkingDayBeforeTheCutOff(String received, LocalDate clockStart,
                LocalDate plusOneEnds) {
            assertThat(calendar.clockStartDay(ams(received))).isEqualTo(clockStart);
            assertThat(calendar.deadline(ams(received), 1))
                    .isEqualTo(endOf(plusOneEnds.getYear(), plusOneEnds.getMonthValue(), plusOneEnds.getDayOfMonth()));
        }

        @Test
        void cutOffIsConfigurable() {
            WorkingDayCalendar earlyCutOff = new WorkingDayCalendar(new WorkingDayProperties(
                    LocalTime.of(12, 0), null, null, null, null, null));

            assertThat(earlyCutOff.clockStartDay(ams(2026, 6, 9, 11, 59))).isEqualTo(LocalDate.of(2026, 6, 9));
            assertThat(earlyCutOff.clockStartDay(ams(2026, 6, 9, 12, 0))).isEqualTo(LocalDate.of(2026, 6, 10));
        }

        @Test
        void dayAndCutOffAreJudgedInAmsterdamTimeNotUtc() {
            // 23:30 UTC on Monday 8 June is 01:30 on Tuesday 9 June in Amsterdam
            Instant received = Instant.parse("2026-06-08T23:30:00Z");

            assertThat(calendar.clockStartDay(received)).isEqualTo(LocalDate.of(2026, 6, 9));
            // 15:30 UTC is 17:30 in Amsterdam: after the cut-off
            assertThat(calendar.clockStartDay(Instant.parse("2026-06-09T15:30:00Z")))
                    .isEqualTo(LocalDate.of(2026, 6, 10));
        }
    }

    @Nested
    class DaylightSavingTime {

        @Test
        void deadlineAfterTheSpringSwitchIsAt235959LocalWithOffsetPlusTwo() {
            Instant received = ams(2026, 3, 27, 16, 30); // Friday, +01:00; clocks go forward on Sunday 29 March

            Instant deadline = calendar.deadline(received, 5);

            // Mon 30, Tue 31, Wed 1, Thu 2 April, (Good Friday, weekend, Easter Monday), Tue 7 April
            assertThat(local(received).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
            assertThat(local(deadline).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 4, 7, 23, 59, 59));
            assertThat(local(deadline).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
            assertThat(deadline).isEqualTo(Instant.parse("2026-04-07T21:59:59Z"));
        }

        @Test
        void deadlineRightAfterTheSpringSwitchIsNotShiftedByAnHour() {
            assertThat(calendar.deadline(ams(2026, 3, 27, 10, 0), 1))
                    .isEqualTo(Instant.parse("2026-03-30T21:59:59Z"));
        }

        @Test
        void deadlineAfterTheAutumnSwitchIsAt235959LocalWithOffsetPlusOne() {
            Instant received = ams(2026, 10, 23, 10, 0); // Friday, +02:00; clocks go back on Sunday 25 October

            Instant deadline = calendar.deadline(received, 1);

            assertThat(local(received).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
            assertThat(local(deadline).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 10, 26, 23, 59, 59));
            assertThat(local(deadline).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
            assertThat(deadline).isEqualTo(Instant.parse("2026-10-26T22:59:59Z"));
        }

        @Test
        void escalationAfterTheAutumnSwitchIsAtNineLocal() {
            Instant morning = calendar.morningAfter(ams(2026, 10, 23, 10, 0), 0);

            assertThat(morning).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        }
    }

    @Nested
    class RemindersAndEscalations {

        @Test
        void morningOfIsNineOClockOnTheDeadlineDay() {
            Instant received = ams(2026, 4, 24, 10, 0);

            assertThat(calendar.morningOf(received, 5)).isEqualTo(ams(2026, 5, 4, 9, 0));
            assertThat(calendar.morningOf(Date.from(received), 5)).isEqualTo(Date.from(ams(2026, 5, 4, 9, 0)));
        }

        @Test
        void laterIsTheLaterOfAPromiseMadeBeforeAndOneMadeNowWhereTheFirstMayBeAbsent() {
            Date promised = Date.from(endOf(2026, 5, 13));
            Date now = Date.from(endOf(2026, 5, 15));

            assertThat(calendar.later(promised, now)).isEqualTo(now);
            assertThat(calendar.later(now, promised)).isEqualTo(now);
            assertThat(calendar.later(null, promised)).isEqualTo(promised);
        }

        @Test
        void morningAfterSkipsLiberationDayWhenItIsAHoliday() {
            Instant received = ams(2026, 4, 24, 10, 0); // deadline Monday 4 May

            assertThat(calendar.morningAfter(received, 5)).isEqualTo(ams(2026, 5, 6, 9, 0));
            assertThat(calendar(null, false, null).morningAfter(received, 5)).isEqualTo(ams(2026, 5, 5, 9, 0));
        }

        @Test
        void morningAfterADeadlineOnFridayIsMondayNineOClock() {
            Instant received = ams(2026, 6, 8, 10, 0); // Monday; +4 ends Friday 12 June

            assertThat(calendar.deadline(received, 4)).isEqualTo(endOf(2026, 6, 12));
            assertThat(calendar.morningAfter(received, 4)).isEqualTo(ams(2026, 6, 15, 9, 0));
            assertThat(calendar.morningAfter(Date.from(received), 4)).isEqualTo(Date.from(ams(2026, 6, 15, 9, 0)));
        }

        @Test
        void morningAfterADeadlineOnTheFridayBeforeWhitMondayIsTuesdayNineOClock() {
            Instant received = ams(2026, 5, 18, 10, 0); // Monday; +4 ends Friday 22 May

            assertThat(calendar.deadline(received, 4)).isEqualTo(endOf(2026, 5, 22));
            assertThat(calendar.morningAfter(received, 4)).isEqualTo(ams(2026, 5, 26, 9, 0));
        }

        @Test
        void officeStartIsConfigurable() {
            WorkingDayCalendar early = new WorkingDayCalendar(new WorkingDayProperties(
                    null, LocalTime.of(8, 30), null, null, null, null));

            assertThat(early.morningAfter(ams(2026, 6, 8, 10, 0), 4)).isEqualTo(ams(2026, 6, 15, 8, 30));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "2026-06-13T12:00, 2026-06-15T09:00", // Saturday noon -> Monday morning
                "2026-06-09T18:00, 2026-06-10T09:00", // weekday evening -> next morning
                "2026-06-09T08:00, 2026-06-09T09:00", // weekday early -> same morning
                "2026-06-09T10:00, 2026-06-09T10:00", // within office hours -> unchanged
                "2026-06-09T09:00, 2026-06-09T09:00", // office start is inside
                "2026-06-09T16:59, 2026-06-09T16:59",
                "2026-06-09T17:00, 2026-06-10T09:00", // office end is outside
                "2026-05-22T17:30, 2026-05-26T09:00", // Friday evening before Whit Monday
                "2026-05-25T10:00, 2026-05-26T09:00", // on Whit Monday
                "2025-12-24T23:00, 2025-12-29T09:00", // Christmas Eve night -> after Christmas and weekend
        })
        void nextOfficeMomentIsWithinOfficeHoursOnAWorkingDay(String at, String expected) {
            assertThat(calendar.nextOfficeMoment(ams(at))).isEqualTo(ams(expected));
            assertThat(calendar.nextOfficeMoment(Date.from(ams(at)))).isEqualTo(Date.from(ams(expected)));
        }
    }

    @Nested
    class RelativeToStoredDeadline {

        @Test
        void aTimerComputedInThePastFiresAtTheNextOfficeMomentAndOneAheadIsKept() {
            Date saturdayNight = Date.from(ams(2026, 6, 13, 23, 0));
            Date passedEscalation = Date.from(ams(2026, 6, 10, 9, 0));
            Date comingReminder = Date.from(ams(2026, 6, 16, 9, 0));

            assertThat(calendar.officeMomentFrom(passedEscalation, saturdayNight)).isEqualTo(Date.from(ams(2026, 6, 15, 9, 0)));
            assertThat(calendar.officeMomentFrom(comingReminder, saturdayNight)).isEqualTo(comingReminder);
            Date tuesdayMorning = Date.from(ams(2026, 6, 16, 10, 30));
            assertThat(calendar.officeMomentFrom(passedEscalation, tuesdayMorning)).as("within office hours: now")
                    .isEqualTo(tuesdayMorning);
        }

        @Test
        void reminderOneWorkingDayBeforeSkipsTheWeekendAndHolidays() {
            // deadline: end of Tuesday 28 April 2026; Monday 27 April is King's Day
            Date deadline = Date.from(endOf(2026, 4, 28));
            assertThat(local(calendar.reminderBefore(deadline, 1).toInstant()))
                    .isEqualTo(ZonedDateTime.of(2026, 4, 24, 9, 0, 0, 0, AMSTERDAM));
        }

        @Test
        void reminderZeroDaysBeforeIsTheMorningOfTheDeadlineDay() {
            Date deadline = Date.from(endOf(2026, 5, 4));
            assertThat(local(calendar.reminderBefore(deadline, 0).toInstant()))
                    .isEqualTo(ZonedDateTime.of(2026, 5, 4, 9, 0, 0, 0, AMSTERDAM));
        }

        @Test
        void escalationAfterAFridayDeadlineComesOnMondayMorning() {
            Date deadline = Date.from(endOf(2026, 6, 12));
            assertThat(local(calendar.afterDeadline(deadline).toInstant()))
                    .isEqualTo(ZonedDateTime.of(2026, 6, 15, 9, 0, 0, 0, AMSTERDAM));
        }

        @Test
        void escalationAfterADeadlineBeforeChristmasWaitsForTheNextWorkingDay() {
            Date deadline = Date.from(endOf(2026, 12, 24));
            assertThat(local(calendar.afterDeadline(deadline).toInstant()))
                    .isEqualTo(ZonedDateTime.of(2026, 12, 28, 9, 0, 0, 0, AMSTERDAM));
        }

        /** The complaints of these examples: received Monday 27 April 2026 at 10:00, the clock running from that day. */
        private static final Date RECEIVED = Date.from(ams(2026, 4, 27, 10, 0));

        @Test
        void aRequestMadeBeforeTheClockStartedCountsFromTheDayItStarted() {
            // received Monday 1 June 2026 at 17:30 (after the cut-off): the clock starts Tuesday 2 June, 5 days end Tuesday 9 June
            Date received = Date.from(ams(2026, 6, 1, 17, 30));
            Date deadline = calendar.deadline(received, 5);
            assertThat(deadline).isEqualTo(Date.from(endOf(2026, 6, 9)));
            // assessed at once, information asked at 17:45; answered Tuesday at 10:00: the clock never stood still
            assertThat(calendar.extendedBy(deadline, received, Date.from(ams(2026, 6, 1, 17, 45)), Date.from(ams(2026, 6, 2, 10, 0))))
                    .isEqualTo(deadline);
            // answered Wednesday at 10:00: Tuesday stood still, one day more
            assertThat(calendar.extendedBy(deadline, received, Date.from(ams(2026, 6, 1, 17, 45)), Date.from(ams(2026, 6, 3, 10, 0))))
                    .isEqualTo(Date.from(endOf(2026, 6, 10)));
            // the models of before, without the receipt: as they always counted
            assertThat(calendar.extendedBy(deadline, Date.from(ams(2026, 6, 1, 17, 45)), Date.from(ams(2026, 6, 2, 10, 0))))
                    .isEqualTo(Date.from(endOf(2026, 6, 10)));
        }

        @Test
        void aDeadlineIsExtendedByTheWorkingDaysTheCaseWaited() {
            Date deadline = Date.from(endOf(2026, 5, 4));
            // waited from Thursday 30 April to Wednesday 6 May: Friday 1, Monday 4 and Wednesday 6 May (5 May is a holiday)
            Date extended = calendar.extendedBy(deadline, RECEIVED, Date.from(ams(2026, 4, 30, 11, 0)), Date.from(ams(2026, 5, 6, 15, 0)));
            assertThat(extended).isEqualTo(Date.from(endOf(2026, 5, 8))); // 3 working days after Monday 4 May
        }

        @Test
        void anAnswerOnTheDayOfTheRequestDoesNotExtendTheDeadline() {
            Date deadline = Date.from(endOf(2026, 5, 4));
            assertThat(calendar.extendedBy(deadline, RECEIVED, Date.from(ams(2026, 4, 28, 9, 0)), Date.from(ams(2026, 4, 28, 16, 0))))
                    .isEqualTo(deadline);
        }

        @Test
        void anAnswerAfterTheCutOffOrInTheWeekendCountsAsReceivedOnTheNextWorkingDay() {
            Date deadline = Date.from(endOf(2026, 5, 4));
            // asked Tuesday 28 April; answered the same day at 17:30: Wednesday 29 April is paused as well
            assertThat(calendar.extendedBy(deadline, RECEIVED, Date.from(ams(2026, 4, 28, 9, 0)), Date.from(ams(2026, 4, 28, 17, 30))))
                    .isEqualTo(Date.from(endOf(2026, 5, 6))); // Monday 4 May + 1 working day (5 May skipped)
            // answered Saturday 2 May at 23:00: Wednesday 29, Thursday 30 April, Friday 1 and Monday 4 May paused
            assertThat(calendar.extendedBy(deadline, RECEIVED, Date.from(ams(2026, 4, 28, 9, 0)), Date.from(ams(2026, 5, 2, 23, 0))))
                    .isEqualTo(Date.from(endOf(2026, 5, 11)));
        }

        @Test
        void theObjectionWindowEndsAtTheEndOfTheDaySixMonthsLaterOrTheNextWorkingDay() {
            assertThat(calendar.monthsAfter(Date.from(ams(2026, 4, 23, 10, 0)), 6)).isEqualTo(Date.from(endOf(2026, 10, 23)));
            // 24 October 2026 is a Saturday: the window runs to Monday
            assertThat(calendar.monthsAfter(Date.from(ams(2026, 4, 24, 10, 0)), 6)).isEqualTo(Date.from(endOf(2026, 10, 26)));
            // 31 August + 6 months: the last day of February, a Sunday in 2027, so Monday 1 March
            assertThat(calendar.monthsAfter(Date.from(ams(2026, 8, 31, 10, 0)), 6)).isEqualTo(Date.from(endOf(2027, 3, 1)));
            // Christmas Day 2026 is a Friday holiday, Boxing Day a Saturday: Monday 28 December
            assertThat(calendar.monthsAfter(Date.from(ams(2026, 6, 25, 10, 0)), 6)).isEqualTo(Date.from(endOf(2026, 12, 28)));
        }

        @Test
        void escalationIsNeverBeforeTheDeadline() {
            Date deadline = calendar.deadline(Date.from(ams(2026, 4, 24, 10, 0)), 5);
            assertThat(calendar.afterDeadline(deadline)).isAfter(deadline);
        }
    }

    @Nested
    class Reporting {

        @Test
        void isWithinIsTrueAtTheLastSecondAndFalseOneSecondLater() {
            Instant received = ams(2026, 4, 24, 10, 0);

            assertThat(calendar.isWithin(received, endOf(2026, 5, 4), 5)).isTrue();
            assertThat(calendar.isWithin(received, endOf(2026, 5, 4).plusSeconds(1), 5)).isFalse();
        }

        @Test
        void isWithinCountsTheWholeLastSecondOfTheDeadlineDay() {
            Instant received = ams(2026, 4, 24, 10, 0);

            assertThat(calendar.isWithin(received, endOf(2026, 5, 4).plusMillis(999), 5)).isTrue();
        }

        @Test
        void acknowledgementTwoWorkingDaysAfterALateReceiptIsWithinTwoWorkingDays() {
            Date received = Date.from(ams(2026, 6, 9, 17, 30)); // after cut-off: clock starts Wednesday 10 June

            assertThat(calendar.isWithin(received, Date.from(ams(2026, 6, 12, 16, 0)), 2)).isTrue();
            assertThat(calendar.isWithin(received, Date.from(ams(2026, 6, 15, 9, 0)), 2)).isFalse();
        }

        @Test
        void doneBeforeReceivedIsWithin() {
            Instant received = ams(2026, 6, 9, 10, 0);

            assertThat(calendar.isWithin(received, received.minusSeconds(60), 0)).isTrue();
        }

        @Test
        void workingDaysBetweenCountsExclusiveStartAndInclusiveEnd() {
            assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 4, 24), LocalDate.of(2026, 5, 4))).isEqualTo(5);
            assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 6, 5), LocalDate.of(2026, 6, 8))).isEqualTo(1);
            assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 12, 24), LocalDate.of(2026, 1, 2))).isEqualTo(4);
        }

        @Test
        void workingDaysBetweenIsZeroForAnEmptyOrReversedRange() {
            assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 6, 9), LocalDate.of(2026, 6, 9))).isZero();
            assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 6, 9), LocalDate.of(2026, 6, 1))).isZero();
        }

        @Test
        void year2026Has253WorkingDaysAnd254WithoutLiberationDay() {
            LocalDate from = LocalDate.of(2025, 12, 31);
            LocalDate to = LocalDate.of(2026, 12, 31);

            assertThat(calendar.workingDaysBetween(from, to)).isEqualTo(253);
            assertThat(calendar(null, false, null).workingDaysBetween(from, to)).isEqualTo(254);
        }

        @Test
        void closedDaysListsHolidaysAndConfiguredClosingDaysOfTheYear() {
            WorkingDayCalendar withClosingDays = calendar(null, null,
                    List.of(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 2)));

            assertThat(withClosingDays.closedDays(2026))
                    .hasSize(10)
                    .containsEntry(LocalDate.of(2026, 5, 15), "Sluitingsdag")
                    .containsEntry(LocalDate.of(2026, 12, 25), "Eerste Kerstdag / Sluitingsdag")
                    .containsEntry(LocalDate.of(2026, 4, 27), "Koningsdag")
                    .doesNotContainKey(LocalDate.of(2027, 1, 2));
            assertThat(withClosingDays.closedDays(2027)).containsEntry(LocalDate.of(2027, 1, 2), "Sluitingsdag");
        }

        @Test
        void closedDaysLeavesOutGoodFridayWhenSwitchedOff() {
            assertThat(calendar(false, null, null).closedDays(2026)).hasSize(8)
                    .doesNotContainKey(LocalDate.of(2026, 4, 3));
        }
    }

    @Nested
    class WorkingDayArithmetic {

        @Test
        void weekendsHolidaysAndClosingDaysAreNoWorkingDays() {
            WorkingDayCalendar withBridgeDay = calendar(null, null, List.of(LocalDate.of(2026, 5, 15)));

            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 6, 9))).isTrue();
            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 6, 13))).isFalse(); // Saturday
            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 6, 14))).isFalse(); // Sunday
            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 5, 14))).isFalse(); // Ascension Day
            assertThat(withBridgeDay.isWorkingDay(LocalDate.of(2026, 5, 15))).isFalse(); // closing day
        }

        @Test
        void nthWorkingDayAfterWithZeroReturnsTheStartEvenOnAWeekend() {
            LocalDate saturday = LocalDate.of(2026, 6, 13);

            assertThat(calendar.nthWorkingDayAfter(saturday, 0)).isEqualTo(saturday);
            assertThat(calendar.nthWorkingDayAfter(saturday, 1)).isEqualTo(LocalDate.of(2026, 6, 15));
        }

        @Test
        void plusWorkingDaysKeepsTheLocalTimeOfDay() {
            assertThat(calendar.plusWorkingDays(ams(2026, 6, 9, 14, 30), 3)).isEqualTo(ams(2026, 6, 12, 14, 30));
            assertThat(calendar.plusWorkingDays(ams(2026, 6, 13, 14, 30), 1)).isEqualTo(ams(2026, 6, 15, 14, 30));
            assertThat(calendar.plusWorkingDays(Date.from(ams(2026, 6, 9, 14, 30)), 3))
                    .isEqualTo(Date.from(ams(2026, 6, 12, 14, 30)));
        }

        @Test
        void plusWorkingDaysExtendsADeadlineOverHolidays() {
            Instant deadline = calendar.deadline(ams(2026, 4, 24, 10, 0), 5); // end of Monday 4 May

            assertThat(calendar.plusWorkingDays(deadline, 2)).isEqualTo(endOf(2026, 5, 7)); // 5 May skipped
        }

        @Test
        void plusWorkingDaysKeepsLocalTimeAcrossTheAutumnSwitch() {
            Instant extended = calendar.plusWorkingDays(endOf(2026, 10, 23), 1);

            assertThat(extended).isEqualTo(endOf(2026, 10, 26));
            assertThat(local(extended).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        }

        @Test
        void plusZeroWorkingDaysIsTheIdentityEvenInTheAutumnOverlapHour() {
            Instant secondTwoThirty = Instant.parse("2026-10-25T01:30:00Z"); // 02:30+01:00, the repeated hour
            Instant firstTwoThirty = Instant.parse("2026-10-25T00:30:00Z"); // 02:30+02:00

            assertThat(calendar.plusWorkingDays(secondTwoThirty, 0)).isEqualTo(secondTwoThirty);
            assertThat(calendar.plusWorkingDays(firstTwoThirty, 0)).isEqualTo(firstTwoThirty);
        }

        @Test
        void deadlinesRemindersAndEscalationsAreConsistentForEveryReceiptMoment() {
            WorkingDayCalendar withBridgeDay = calendar(null, null, List.of(LocalDate.of(2026, 5, 15)));
            Instant from = ams(2025, 12, 1, 0, 0);
            Instant to = ams(2027, 1, 31, 0, 0);
            for (Instant received = from; received.isBefore(to); received = received.plusSeconds(7 * 3600 + 17 * 60)) {
                LocalDate start = withBridgeDay.clockStartDay(received);
                assertThat(start).isAfterOrEqualTo(local(received).toLocalDate());
                assertThat(withBridgeDay.isWorkingDay(start)).isTrue();
                for (int n : new int[] {0, 1, 2, 5, 10}) {
                    Instant deadline = withBridgeDay.deadline(received, n);
                    LocalDate deadlineDay = local(deadline).toLocalDate();
                    assertThat(local(deadline).toLocalTime()).isEqualTo(LocalTime.of(23, 59, 59));
                    assertThat(withBridgeDay.isWorkingDay(deadlineDay)).isTrue();
                    assertThat(withBridgeDay.workingDaysBetween(start, deadlineDay)).isEqualTo(n);
                    assertThat(withBridgeDay.isWithin(received, deadline, n)).isTrue();
                    assertThat(withBridgeDay.isWithin(received, deadline.plusSeconds(1), n)).isFalse();

                    Instant morningOf = withBridgeDay.morningOf(received, n);
                    assertThat(local(morningOf).toLocalDate()).isEqualTo(deadlineDay);
                    assertThat(local(morningOf).toLocalTime()).isEqualTo(LocalTime.of(9, 0));

                    Instant morningAfter = withBridgeDay.morningAfter(received, n);
                    assertThat(morningAfter).isAfter(deadline);
                    assertThat(local(morningAfter).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
                    assertThat(local(morningAfter).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                    assertThat(withBridgeDay.workingDaysBetween(deadlineDay, local(morningAfter).toLocalDate()))
                            .isEqualTo(1);
                    assertThat(withBridgeDay.nextOfficeMoment(deadline)).isEqualTo(morningAfter);
                }
            }
        }
    }

    @Nested
    class ArgumentValidation {

        private final Instant received = ams(2026, 6, 9, 10, 0);

        @Test
        void rejectsNullMoments() {
            assertThatThrownBy(() -> calendar.deadline((Instant) null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.deadline((Date) null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.morningOf((Date) null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.morningAfter((Instant) null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.clockStartDay(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.isWithin(received, null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("done must not be null");
            assertThatThrownBy(() -> calendar.isWithin((Date) null, new Date(), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("received must not be null");
            assertThatThrownBy(() -> calendar.nextOfficeMoment((Date) null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("t must not be null");
            assertThatThrownBy(() -> calendar.plusWorkingDays((Instant) null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("t must not be null");
        }

        @Test
        void rejectsNullDays() {
            assertThatThrownBy(() -> calendar.isWorkingDay(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("day must not be null");
            assertThatThrownBy(() -> calendar.nthWorkingDayAfter(null, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("start must not be null");
            assertThatThrownBy(() -> calendar.workingDaysBetween(null, LocalDate.of(2026, 6, 9)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("fromExclusive must not be null");
            assertThatThrownBy(() -> calendar.workingDaysBetween(LocalDate.of(2026, 6, 9), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("toInclusive must not be null");
        }

        @Test
        void rejectsNegativeNumbersOfWorkingDays() {
            String message = "number of working days must not be negative, was -1";
            assertThatThrownBy(() -> calendar.deadline(received, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.deadline(Date.from(received), -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.morningOf(received, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.morningAfter(received, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.isWithin(received, received, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.nthWorkingDayAfter(LocalDate.of(2026, 6, 9), -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> calendar.plusWorkingDays(received, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }

        @Test
        void rejectsMissingProperties() {
            assertThatThrownBy(() -> new WorkingDayCalendar(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("properties must not be null");
        }

        @Test
        void acceptsJavaSqlDatesAsProcessVariables() {
            java.sql.Date sqlDate = new java.sql.Date(Date.from(received).getTime());

            assertThat(calendar.deadline(sqlDate, 1)).isEqualTo(Date.from(endOf(2026, 6, 10)));
        }
    }
}
