package nl.homepair.complaints.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing table processes/routing.dmn (issue 14, item 4) over every role, subject and
 * channel: each complaint gets exactly one group, a priority and its deadlines, and the
 * deadlines are those the procedure promises (R6-R8).
 */
class RoutingTableTest {

    static DmnDecision routing;
    static DmnEngine dmn;

    @BeforeAll
    static void readTheTable() throws IOException {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = new FileInputStream("processes/routing.dmn")) {
            routing = dmn.parseDecision("routing", in);
        }
    }

    static java.util.stream.Stream<Arguments> matrix() {
        java.util.List<Arguments> cases = new java.util.ArrayList<>();
        for (ComplainantRole role : ComplainantRole.values()) {
            for (ComplaintSubject subject : ComplaintSubject.values()) {
                for (IntakeChannel channel : IntakeChannel.values()) {
                    int priority = subject == ComplaintSubject.CONDUCT ? 70
                            : role == ComplainantRole.PROFESSIONAL && subject == ComplaintSubject.JOB_HANDLING ? 60 : 50;
                    cases.add(Arguments.of(role.name(), subject.name(), channel.name(), "handlers", priority, 5, 10, 10));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @MethodSource("matrix")
    void everyComplaintIsRouted(String role, String subject, String channel, String group, int priority,
                                int assessmentDays, int mediationDays, int decisionDays) {
        Map<String, Object> input = new HashMap<>();
        input.put("role", role);
        input.put("subject", subject);
        input.put("channel", channel);

        DmnDecisionResultEntries result = dmn.evaluateDecision(routing, input).getSingleResult();

        assertThat(result.<String>getEntry("handlerGroup")).isEqualTo(group);
        assertThat(((Number) result.getEntry("priority")).intValue()).isEqualTo(priority);
        assertThat(((Number) result.getEntry("assessmentDays")).intValue()).isEqualTo(assessmentDays);
        assertThat(((Number) result.getEntry("mediationDays")).intValue()).isEqualTo(mediationDays);
        assertThat(((Number) result.getEntry("decisionDays")).intValue()).isEqualTo(decisionDays);
    }
}
