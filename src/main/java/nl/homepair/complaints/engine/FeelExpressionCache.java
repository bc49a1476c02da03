package nl.homepair.complaints.engine;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the engine's DMN engine the {@link CachingFeelEngine}: decision tables are evaluated
 * by the same Scala FEEL engine, without parsing their expressions again for every case.
 * Left alone when the legacy (JUEL-based) FEEL engine is configured.
 */
@Component
public class FeelExpressionCache extends AbstractProcessEnginePlugin {

    /**
     * Parsed expressions kept, of each kind: the deployed tables hold a few dozen distinct
     * texts; the bound keeps a stream of generated expressions from growing the heap.
     */
    static final int MAX_ENTRIES = 1_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return;
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        if (dmn == null) {
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmn);
        }
        if (dmn.getFeelEngineFactory() != null) {
            return;
        }
        DefaultDmnEngineConfiguration tables = dmn;
        // the engine sets the custom function providers on this configuration after preInit,
        // before it asks the factory for the FEEL engine
        tables.setFeelEngineFactory(() -> new CachingFeelEngine(tables.getFeelCustomFunctionProviders(), MAX_ENTRIES));
    }
}
