package nl.homepair.complaints.tasklist;

import java.util.function.Function;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;

/**
 * An engine plug-in that puts a manager of its own in place of the engine's and gives it
 * statements of its own ({@link EngineExtensions}): the manager is registered before the engine
 * is built, the mapping loaded after, and every manager made from then on is told whether the
 * statements are there (on a database they are not written for, the manager keeps the engine's way).
 */
abstract class EngineStatementsPlugin<M extends Session> extends AbstractProcessEnginePlugin {

    private final Class<M> type;
    private final String mapping;
    private final String statement;
    private final Function<Boolean, ? extends M> manager;
    private volatile boolean loaded;

    /**
     * @param statement one statement of the mapping, by its full id
     * @param manager the manager for a command, given whether the mapping is loaded
     */
    EngineStatementsPlugin(Class<M> type, String mapping, String statement, Function<Boolean, ? extends M> manager) {
        this.type = type;
        this.mapping = mapping;
        this.statement = statement;
        this.manager = manager;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.replaceManager(configuration, type, () -> manager.apply(loaded));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        loaded = EngineExtensions.load(configuration, mapping, statement);
    }
}
