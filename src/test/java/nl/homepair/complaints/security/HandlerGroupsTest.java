package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;

/** The set of handlers' groups as the deployments name it, and who is told when it changes. */
class HandlerGroupsTest {

    /**
     * A team a manager's routing table names gets its grants and filters from the set-up, which the change is told to:
     * when the set-up fails (a database blip, the other node holding its lease), the next refresh tells it again, not
     * only the next restart.
     */
    @Test
    void aChangeTheSetUpCouldNotTakeIsToldAgainAtTheNextRefresh() throws Exception {
        String table = Files.readString(Path.of("processes/routing.dmn")).replaceFirst("<text>\"handlers\"</text>",
                "<text>\"gedrag\"</text>");
        RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
        Deployment deployment = mock(Deployment.class);
        when(deployment.getId()).thenReturn("d1");
        when(repository.createDeploymentQuery().list()).thenReturn(List.of(deployment));
        when(repository.getDeploymentResourceNames("d1")).thenReturn(List.of("routing.dmn"));
        when(repository.getResourceAsStream("d1", "routing.dmn"))
                .thenAnswer(call -> new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)));
        List<Object> told = new ArrayList<>();
        HandlerGroups groups = new HandlerGroups(repository, event -> {
            told.add(event);
            if (told.size() == 1) {
                throw new IllegalStateException("Lease 'start-up-set-up' is still held by node-b after 180 s");
            }
        });
        try {
            groups.refreshAndTellNow();
            assertThat(groups.ids()).contains("gedrag");
            assertThat(told).hasSize(1);

            groups.refreshAndTellNow();
            assertThat(told).hasSize(2).last().isEqualTo(new HandlerGroups.Changed(groups.ids()));

            groups.refreshAndTellNow();
            assertThat(told).as("taken: not told again").hasSize(2);
        } finally {
            groups.destroy();
        }
    }
}
