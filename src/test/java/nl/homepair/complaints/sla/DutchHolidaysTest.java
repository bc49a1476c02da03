package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DutchHolidaysTest {

    @ParameterizedTest(name = "{0}: Easter {1}, Good Friday {2}, Easter Monday {3}, King''s Day {4}, Ascension {5}, Whit Monday {6}")
    @CsvSource({
            // year, Easter Sunday, Good Friday, Easter Monday, King's Day, Ascension Day, Whit Monday
            "2024, 2024-03-31, 2024-03-29, 2024-04-01, 2024-04-27, 2024-05-09, 2024-05-20",
            "2025, 2025-04-20, 2025-04-18, 2025-04-21, 2025-04-26, 2025-05-29, 2025-06-09",
            "2026, 2026-04-05, 2026-04-03, 2026-04-06, 2026-04-27, 2026-05-14, 2026-05-25",
            "2027, 2027-03-28, 2027-03-26, 2027-03-29, 2027-04-27, 2027-05-06, 2027-05-17",
            "2028, 2028-04-16, 2028-04-14, 2028-04-17, 2028-04-27, 2028-05-25, 2028-06-05",
            "2029, 2029-04-01, 2029-03-30, 2029-04-02, 2029-04-27, 2029-05-10, 2029-05-21",
            "2030, 2030-04-21, 2030-04-19, 2030-04-22, 2030-04-27, 2030-05-30, 2030-06-10",
            "2031, 2031-04-13, 2031-04-11, 2031-04-14, 2031-04-26, 2031-05-22, 2031-06-02",
    })
    void listsEveryTermijnenwetHolidayOfTheYearWithItsDutchName(int year, LocalDate easter, LocalDate goodFriday,
            LocalDate easterMonday, LocalDate kingsDay, LocalDate ascension, LocalDate whitMonday) {
        Map<LocalDate, String> expected = new LinkedHashMap<>();
        expected.put(LocalDate.of(year, 1, 1), "Nieuwjaarsdag");
        expected.put(goodFriday, "Goede Vrijdag");
        expected.put(easterMonday, "Tweede Paasdag");
        expected.put(kingsDay, "Koningsdag");
        expected.put(LocalDate.of(year, 5, 5), "Bevrijdingsdag");
        expected.put(ascension, "Hemelvaartsdag");
        expected.put(whitMonday, "Tweede Pinksterdag");
        expected.put(LocalDate.of(year, 12, 25), "Eerste Kerstdag");
        expected.put(LocalDate.of(year, 12, 26), "Tweede Kerstdag");

        assertThat(DutchHolidays.easterSunday(year)).isEqualTo(easter);
        assertThat(DutchHolidays.forYear(year, true, true)).containsExactlyEntriesOf(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "1818, 1818-03-22", // earliest possible date
            "1943, 1943-04-25", // latest possible date
            "2000, 2000-04-23",
            "2008, 2008-03-23",
            "2019, 2019-04-21",
            "2038, 2038-04-25",
            "2285, 2285-03-22",
    })
    void computesEasterSundayForKnownYears(int year, LocalDate expected) {
        assertThat(DutchHolidays.easterSunday(year)).isEqualTo(expected);
    }

    @Test
    void easterSundayIsAlwaysASundayBetween22MarchAnd25April() {
        for (int year = 1583; year <= 4099; year++) {
            LocalDate easter = DutchHolidays.easterSunday(year);
            assertThat(easter.getDayOfWeek()).as("Easter %d", year).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(easter).as("Easter %d", year)
                    .isBetween(LocalDate.of(year, 3, 22), LocalDate.of(year, 4, 25));
        }
    }

    @Test
    void rejectsYearsBeforeTheGregorianCalendar() {
        assertThatThrownBy(() -> DutchHolidays.easterSunday(1582))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1583");
    }

    @ParameterizedTest
    @ValueSource(ints = {2025, 2031, 2036, 2042})
    void kingsDayFallsBackTo26AprilWhen27AprilIsASundayAndThatFallbackIsAlwaysASaturday(int year) {
        assertThat(LocalDate.of(year, 4, 27).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(DutchHolidays.forYear(year, true, true))
                .containsEntry(LocalDate.of(year, 4, 26), "Koningsdag")
                .doesNotContainKey(LocalDate.of(year, 4, 27));
        assertThat(LocalDate.of(year, 4, 26).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    }

    @Test
    void goodFridayAndLiberationDayCanBeLeftOut() {
        SortedMap<LocalDate, String> all = DutchHolidays.forYear(2026, true, true);
        SortedMap<LocalDate, String> withoutGoodFriday = DutchHolidays.forYear(2026, false, true);
        SortedMap<LocalDate, String> withoutLiberationDay = DutchHolidays.forYear(2026, true, false);

        assertThat(all).hasSize(9);
        assertThat(withoutGoodFriday).hasSize(8).doesNotContainKey(LocalDate.of(2026, 4, 3));
        assertThat(withoutLiberationDay).hasSize(8).doesNotContainKey(LocalDate.of(2026, 5, 5));
    }

    @Test
    void joinsTheNamesWhenAscensionDayFallsOnLiberationDay() {
        // 2016: Easter 27 March, Ascension Day 5 May
        SortedMap<LocalDate, String> holidays = DutchHolidays.forYear(2016, true, true);

        assertThat(holidays).hasSize(8)
                .containsEntry(LocalDate.of(2016, 5, 5), "Bevrijdingsdag / Hemelvaartsdag");
        assertThat(DutchHolidays.forYear(2016, true, false))
                .containsEntry(LocalDate.of(2016, 5, 5), "Hemelvaartsdag");
    }

    @Test
    void returnsAnUnmodifiableMap() {
        SortedMap<LocalDate, String> holidays = DutchHolidays.forYear(2026, true, true);

        assertThatThrownBy(() -> holidays.put(LocalDate.of(2026, 6, 1), "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
