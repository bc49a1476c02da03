package nl.homepair.complaints.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's engine decides its tables with the caching FEEL engine. */
class FeelExpressionCacheTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void theApplicationsDecisionsUseTheCachingFeelEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(CachingFeelEngine.class);
        DmnDecisionResultEntries routed = engine.getDecisionService().evaluateDecisionByKey("routing")
                .variables(Map.of("role", "PROFESSIONAL", "subject", "JOB_HANDLING", "channel", "API"))
                .evaluate().getSingleResult();
        assertThat(routed.<String>getEntry("handlerGroup")).isEqualTo("handlers");
        assertThat(((Number) routed.getEntry("priority")).intValue()).isEqualTo(60);
    }
}
