package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The figures are for team leads, directors and administrators; handlers and the platform are refused (R12, R16). */
class ReportAccessTest extends IntegrationTest {

    static final List<String> DOORS = List.of("/api/reports", "/api/reports.csv", "/rapportage", "/rapportage/export.csv",
            "/rapportage/transparantie?jaar=2025", "/rapportage/transparantie.pdf?jaar=2025");

    @ParameterizedTest
    @ValueSource(strings = {"teamleider", "directeur", "beheerder"})
    void teamLeadsDirectorsAndAdministratorsSeeTheFigures(String user) {
        for (String door : DOORS) {
            ResponseEntity<byte[]> answer = as(user).getForEntity(door, byte[].class);
            assertThat(answer.getStatusCode()).as(door).isEqualTo(HttpStatus.OK);
            String type = door.contains(".csv") ? "text/csv" : door.contains(".pdf") ? "application/pdf"
                    : door.startsWith("/api") ? "application/json" : "text/html";
            assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).as(door).startsWith(type);
            assertThat(answer.getBody()).as(door).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"behandelaar", "platform"})
    void handlersAndThePlatformAreRefused(String user) {
        for (String door : DOORS) {
            ResponseEntity<String> answer = as(user).getForEntity(door, String.class);
            assertThat(answer.getStatusCode()).as(door).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(answer.getBody()).as(door).contains("Alleen teamleiders, directie en beheerders zien de rapportage.");
        }
    }

    @org.junit.jupiter.api.Test
    void withoutCredentialsTheBrowserIsAskedToLogIn() {
        for (String door : DOORS) {
            ResponseEntity<String> answer = rest.getForEntity(door, String.class);
            assertThat(answer.getStatusCode()).as(door).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(door).startsWith("Basic");
        }
        assertThat(rest.getForEntity("/rapportage", String.class).getBody()).contains("Log eerst in bij");
    }
}
