package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The caching FEEL engine answers as Camunda's own Scala FEEL engine does, keeps a bounded
 * number of parsed expressions, and is the one the process engine's DMN engine gets.
 */
class CachingFeelEngineTest {

    @Test
    void routingTableDecidesAsWithTheEnginesOwnFeel() throws IOException {
        DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        CachingFeelEngine caching = new CachingFeelEngine(List.of(), FeelExpressionCache.MAX_ENTRIES);
        DefaultDmnEngineConfiguration cachingConfiguration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        cachingConfiguration.setFeelEngineFactory(() -> caching);
        DmnEngine cached = cachingConfiguration.buildEngine();
        DmnDecision plainRouting = routing(plain);
        DmnDecision cachedRouting = routing(cached);

        List<String> roles = values(ComplainantRole.values());
        List<String> subjects = values(ComplaintSubject.values());
        List<String> channels = values(IntakeChannel.values());
        int evaluated = 0;
        for (int round = 0; round < 2; round++) {
            for (String role : roles) {
                for (String subject : subjects) {
                    for (String channel : channels) {
                        Map<String, Object> input = new HashMap<>();
                        input.put("role", role);
                        input.put("subject", subject);
                        input.put("channel", channel);

                        assertThat(cached.evaluateDecision(cachedRouting, input).getResultList())
                                .as("%s %s %s", role, subject, channel)
                                .isEqualTo(plain.evaluateDecision(plainRouting, input).getResultList());
                        evaluated++;
                    }
                }
            }
        }

        assertThat(evaluated).isGreaterThan(100);
        assertThat(caching.cachedEntries()).as("parsed once, kept").isPositive();
        // the known roles, subjects and channels are answered by the cache's own evaluation
        // (unknown or missing values may take the engine's path, which reports them)
        assertThat(caching.enginePathEvaluations()).isLessThan(evaluated);
    }

    @Test
    void keepsNoMoreParsedExpressionsThanItsLimit() {
        CachingFeelEngine feel = new CachingFeelEngine(List.of(), 3);
        VariableContext variables = Variables.createVariables().putValue("x", 10).asVariableContext();

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10; i++) {
                assertThat(((Number) feel.evaluateSimpleExpression("x + " + i, variables)).intValue()).isEqualTo(10 + i);
                assertThat(feel.evaluateSimpleUnaryTests("> " + i, "x", variables)).isTrue();
                assertThat(feel.evaluateSimpleUnaryTests("< " + i, "x", variables)).isFalse();
            }
        }

        assertThat(feel.cachedEntries()).isEqualTo(3 + 3);
        assertThat(feel.enginePathEvaluations()).isZero();
    }

    @Test
    void answersAndFailsAsTheEnginesOwnFeel() {
        ScalaFeelEngine plain = new ScalaFeelEngine(List.of());
        CachingFeelEngine caching = new CachingFeelEngine(List.of(), 10);
        VariableContext variables = Variables.createVariables().putValue("x", 10).putValue("name", "Jan")
                .putValue("when", java.time.LocalDate.of(2026, 12, 1)).asVariableContext();

        for (String expression : List.of("x * 2", "name + \" de Vries\"", "when + duration(\"P1D\")", "missing",
                "x + \"a\"", "x +", "if x > 5 then \"groot\" else \"klein\"", "[1, 2, 3][x]", "string length(name)")) {
            for (int round = 0; round < 2; round++) {
                assertThat(outcome(() -> caching.evaluateSimpleExpression(expression, variables)))
                        .as(expression).isEqualTo(outcome(() -> plain.evaluateSimpleExpression(expression, variables)));
            }
        }
        for (String tests : List.of("> 5", "[1..10]", "\"Jan\", \"Piet\"", "-", "not(10)", "> \"a\"", "> ", "unknown")) {
            for (int round = 0; round < 2; round++) {
                assertThat(outcome(() -> caching.evaluateSimpleUnaryTests(tests, "x", variables)))
                        .as(tests).isEqualTo(outcome(() -> plain.evaluateSimpleUnaryTests(tests, "x", variables)));
            }
        }
    }

    @Test
    void theProcessEnginesDecisionsUseTheCachingFeelEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("feel-cache-test");
        configuration.setJdbcUrl("jdbc:h2:mem:feel-cache-test;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEnginePlugins(List.of(new FeelExpressionCache()));

        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(CachingFeelEngine.class);
        } finally {
            engine.close();
        }
    }

    @Test
    void theLegacyFeelEngineIsLeftAlone() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setDmnFeelEnableLegacyBehavior(true);

        new FeelExpressionCache().preInit(configuration);

        assertThat(configuration.getDmnEngineConfiguration()).isNull();
    }

    private static DmnDecision routing(DmnEngine engine) throws IOException {
        try (InputStream in = new FileInputStream("processes/routing.dmn")) {
            return engine.parseDecision("routing", in);
        }
    }

    private static List<String> values(Enum<?>[] known) {
        List<String> values = new ArrayList<>(Stream.of(known).map(Enum::name).toList());
        values.addAll(Arrays.asList("ONBEKEND", "", null));
        return values;
    }

    /** The value, or the kind and message of the exception. */
    private static Object outcome(java.util.function.Supplier<Object> evaluation) {
        try {
            return evaluation.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
