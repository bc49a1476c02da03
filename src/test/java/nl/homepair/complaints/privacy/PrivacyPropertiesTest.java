package nl.homepair.complaints.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.homepair.complaints.text.DutchDates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.support.CronExpression;

/** The nightly clean-up runs every night, also the nights the clocks change (R13). */
class PrivacyPropertiesTest {

    @Test
    void theConfiguredCleanUpRunsOnceEveryNightOfTheYearInAmsterdam() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        String cron = Objects.requireNonNull(yaml.getObject()).getProperty("homepair.privacy.cleanup-cron");
        new PrivacyProperties(null, null, cron);

        CronExpression expression = CronExpression.parse(cron);
        List<LocalDate> nights = new ArrayList<>();
        ZonedDateTime next = LocalDate.of(2027, 1, 1).atStartOfDay(DutchDates.ZONE);
        while ((next = expression.next(next)).getYear() == 2027) {
            nights.add(next.toLocalDate());
        }
        // 28 March 2027 has no 02:30, 31 October has it twice
        assertThat(nights).hasSize(365).doesNotHaveDuplicates().contains(LocalDate.of(2027, 3, 28), LocalDate.of(2027, 10, 31));
    }

    @Test
    void aCleanUpInTheHourTheClocksChangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new PrivacyProperties(null, null, "0 30 2 * * *"))
                .hasMessageContaining("between 02:00 and 03:00");
        assertThat(new PrivacyProperties(null, null, "0 0 4 * * SUN").cleanupCron()).isEqualTo("0 0 4 * * SUN");
        assertThatThrownBy(() -> new PrivacyProperties(null, null, "0 15 2 * * SUN")).hasMessageContaining("between 02:00");
        assertThatThrownBy(() -> new PrivacyProperties(null, null, "* * * * * *")).hasMessageContaining("between 02:00");
        // switched off, or every second of another hour: accepted at once
        assertThat(new PrivacyProperties(null, null, "-").cleanupCron()).isEqualTo("-");
        assertThat(new PrivacyProperties(null, null, "* * 3 * * *").cleanupCron()).isEqualTo("* * 3 * * *");
    }
}
