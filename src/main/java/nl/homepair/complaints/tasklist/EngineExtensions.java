package nl.homepair.complaints.tasklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Supplier;
import nl.homepair.complaints.engine.EngineLists;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * How our engine plug-ins extend Camunda's persistence: statements of our own beside the
 * engine's mappings (which they may include), and managers of our own in place of the
 * engine's, per command.
 */
final class EngineExtensions {

    /** The databases the application runs on, where our statements are written for; any other keeps the engine's. */
    private static final Set<String> DATABASES = Set.of(DbSqlSessionFactory.POSTGRES, DbSqlSessionFactory.H2);

    private EngineExtensions() {
    }

    /**
     * Parses a mapping from the class path into the engine's configuration (once: a second
     * engine in the same class loader finds it there).
     *
     * @param statement one statement of the mapping, by its full id
     * @return whether the engine runs on a database the mapping is written for (and so has it)
     */
    static boolean load(ProcessEngineConfigurationImpl configuration, String mapping, String statement) {
        if (!DATABASES.contains(configuration.getDatabaseType())) {
            return false;
        }
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(statement, false)) {
            try (InputStream xml = EngineExtensions.class.getClassLoader().getResourceAsStream(mapping)) {
                if (xml == null) {
                    throw new IllegalStateException(mapping + " is missing from the class path");
                }
                new XMLMapperBuilder(xml, mybatis, mapping, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /** Lets every command use the given manager where the engine would open its own of that type (call in preInit). */
    static <T extends Session> void replaceManager(ProcessEngineConfigurationImpl configuration, Class<T> type,
            Supplier<? extends T> manager) {
        EngineLists.append(configuration.getCustomSessionFactories(), configuration::setCustomSessionFactories,
                new SessionFactory() {
                    @Override
                    public Class<?> getSessionType() {
                        return type;
                    }

                    @Override
                    public Session openSession() {
                        return manager.get();
                    }
                });
    }
}
