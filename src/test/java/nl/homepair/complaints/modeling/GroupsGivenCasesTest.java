package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The groups a deployment gives cases to ({@code security/HandlerGroups} keeps those that handle them): the literal
 * candidate groups of its user tasks and the groups its routing tables route to; an expression names none itself.
 */
class GroupsGivenCasesTest {

    @Test
    void theProceduresModelsGiveCasesToTheHandlersTheTeamLeadsAndTheBoard() throws IOException {
        Map<String, byte[]> models = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.toList()) {
                models.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        assertThat(ModelCheck.groupsGivenCases(models)).containsExactlyInAnyOrder("handlers", "teamleads", "directors");
    }

    @Test
    void aTaskOrARoutingRuleThatNamesANewGroupGivesItCases() throws IOException {
        String procedure = Files.readString(Path.of("processes/complaintProcedure.bpmn"));
        String table = Files.readString(Path.of("processes/routing.dmn"));

        Map<String, byte[]> task = Map.of("complaintProcedure.bpmn", procedure
                .replaceFirst("camunda:candidateGroups=\"handlers\"", "camunda:candidateGroups=\"juristen, \\${'privacy'}\"").getBytes());
        Map<String, byte[]> rule = Map.of("routing.dmn", table.replaceFirst("<text>\"handlers\"</text>", "<text>\"gedrag\"</text>")
                .getBytes());

        assertThat(ModelCheck.groupsGivenCases(task)).contains("juristen", "privacy");
        assertThat(ModelCheck.groupsGivenCases(rule)).containsExactlyInAnyOrder("gedrag", "handlers");
        assertThat(ModelCheck.groupsGivenCases(Map.of("kapot.bpmn", "<niet-af".getBytes()))).isEmpty();
    }
}
