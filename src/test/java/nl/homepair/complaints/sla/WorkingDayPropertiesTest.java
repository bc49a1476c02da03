package nl.homepair.complaints.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

class WorkingDayPropertiesTest {

    private static final String PREFIX = "homepair.working-days";

    @Test
    void defaultsAreCutOffFiveOfficeNineToFiveAndBothOptionalHolidaysOn() {
        WorkingDayProperties defaults = WorkingDayProperties.defaults();

        assertThat(defaults.cutOff()).isEqualTo(LocalTime.of(17, 0));
        assertThat(defaults.officeStart()).isEqualTo(LocalTime.of(9, 0));
        assertThat(defaults.officeEnd()).isEqualTo(LocalTime.of(17, 0));
        assertThat(defaults.goodFriday()).isTrue();
        assertThat(defaults.liberationDay()).isTrue();
        assertThat(defaults.closingDays()).isEmpty();
    }

    @Test
    void closingDaysAreSortedDeduplicatedWithoutNullsAndUnmodifiable() {
        List<LocalDate> configured = new ArrayList<>(Arrays.asList(
                LocalDate.of(2026, 12, 31), null, LocalDate.of(2026, 5, 15), LocalDate.of(2026, 12, 31)));

        WorkingDayProperties properties = new WorkingDayProperties(null, null, null, null, null, configured);

        assertThat(properties.closingDays()).containsExactly(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 12, 31));
        assertThatThrownBy(() -> properties.closingDays().add(LocalDate.of(2027, 1, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsOfficeHoursThatEndBeforeTheyStart() {
        assertThatThrownBy(() -> new WorkingDayProperties(
                null, LocalTime.of(17, 0), LocalTime.of(9, 0), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("office-start")
                .hasMessageContaining("office-end");
    }

    @Test
    void bindsFromSpringPropertiesWithKebabCaseNamesAndCommaSeparatedClosingDays() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                PREFIX + ".cut-off", "16:30",
                PREFIX + ".office-start", "08:30",
                PREFIX + ".office-end", "17:30",
                PREFIX + ".good-friday", "false",
                PREFIX + ".liberation-day", "false",
                PREFIX + ".closing-days", "2026-12-31,2026-05-15")));

        WorkingDayProperties properties = binder.bind(PREFIX, WorkingDayProperties.class).get();

        assertThat(properties.cutOff()).isEqualTo(LocalTime.of(16, 30));
        assertThat(properties.officeStart()).isEqualTo(LocalTime.of(8, 30));
        assertThat(properties.officeEnd()).isEqualTo(LocalTime.of(17, 30));
        assertThat(properties.goodFriday()).isFalse();
        assertThat(properties.liberationDay()).isFalse();
        assertThat(properties.closingDays()).containsExactly(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 12, 31));
    }

    @Test
    void bindsIndexedClosingDaysAsWrittenInYamlListsAndDefaultsTheRest() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                PREFIX + ".closing-days[0]", "2026-05-15",
                PREFIX + ".closing-days[1]", "2026-12-31")));

        WorkingDayProperties properties = binder.bind(PREFIX, WorkingDayProperties.class).get();

        assertThat(properties.closingDays()).containsExactly(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 12, 31));
        assertThat(properties.goodFriday()).isTrue();
    }

    @Test
    void bindsToDefaultsWhenNothingIsConfigured() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));

        assertThat(binder.bindOrCreate(PREFIX, WorkingDayProperties.class)).isEqualTo(WorkingDayProperties.defaults());
    }

    @Test
    void calendarBeanIsNamedWorkingDaysAndRegistersItsOwnProperties() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                    PREFIX + ".good-friday", "false",
                    PREFIX + ".closing-days", "2026-05-15")));
            context.register(WorkingDayCalendar.class);
            context.refresh();

            WorkingDayCalendar calendar = context.getBean("workingDays", WorkingDayCalendar.class);

            assertThat(calendar.properties().goodFriday()).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 4, 3))).isTrue(); // Good Friday
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 5, 15))).isFalse();
            assertThat(context.getBean(WorkingDayProperties.class)).isSameAs(calendar.properties());
        }
    }
}
