package nl.homepair.complaints.database;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.homepair.complaints.engine.InternalFields;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.executor.statement.BaseStatementHandler;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL the connections never make server-side prepared statements
 * ({@code prepareThreshold=0} in {@code application-postgres.yaml}): a plan made for any values
 * made the engine's task queries with authorizations take minutes. That also made the server
 * parse and plan again each of the engine's inserts, updates, deletes and simple look-ups (by
 * key, by process instance, by execution), most of what a complaint and a deadline timer cost
 * it. This plug-in gives exactly those statements back the driver's usual threshold: an engine
 * statement whose text is the same on every run (no criteria, no authorization check:
 * {@link #fixedText}) is prepared on the server from its fifth run on a connection, and then
 * bound and run without being parsed again. Every statement assembled from criteria (the task,
 * filter and history queries, the job executor's poll) is still planned with its values.
 * Named server-side statements need a connection of their own per session: a PgBouncer in
 * front of PostgreSQL must pool by session, not by transaction (README, PostgreSQL).
 */
@Component
public class PreparedEngineWrites extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(PreparedEngineWrites.class);

    /** The driver's own default: a statement run this often on a connection is prepared on the server. */
    static final int PREPARE_THRESHOLD = 5;

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
            return;
        }
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (mybatis.getInterceptors().stream().noneMatch(ServerPrepared.class::isInstance)) {
            mybatis.addInterceptor(new ServerPrepared());
        }
    }

    /**
     * Whether a statement's SQL is the same text on every run. The engine hands MyBatis its
     * table prefix as a configuration variable, filled in when the mapping is read, so such a
     * statement is raw or static SQL. A dynamic one has {@code <if>}, {@code <foreach>},
     * {@code <where>} or {@code <choose>} in it, or a {@code ${...}} filled in on every run (a
     * native query's SQL, a table name): its text varies and is left unprepared.
     */
    static boolean fixedText(SqlSource source) {
        return source instanceof RawSqlSource || source instanceof StaticSqlSource;
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static final class ServerPrepared implements Interceptor {

        /**
         * MyBatis's own fields holding the statement being prepared: read directly, as a
         * {@code MetaObject} walk over them on every statement cost a node an eighth of its CPU
         * in the timer storm.
         */
        private static final Field DELEGATE = accessible(RoutingStatementHandler.class, "delegate");
        private static final Field MAPPED_STATEMENT = accessible(BaseStatementHandler.class, "mappedStatement");

        /** Whether a handler of another kind was met (a plug-in wrapping MyBatis's): said once. */
        private final AtomicBoolean unknownHandler = new AtomicBoolean();

        /** Per statement id: whether its text is fixed (decided once). */
        private final Map<String, Boolean> fixed = new ConcurrentHashMap<>();

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            Object statement = invocation.proceed();
            MappedStatement mapped = mappedStatement(invocation.getTarget());
            if (mapped == null && unknownHandler.compareAndSet(false, true)) {
                log.warn("Engine statements are prepared by a {}, not MyBatis's own handler: they stay unprepared on the server",
                        invocation.getTarget().getClass().getName());
            }
            if (mapped != null && statement instanceof Statement jdbc
                    && fixed.computeIfAbsent(mapped.getId(), id -> fixedText(mapped.getSqlSource()))
                    && jdbc.isWrapperFor(PGStatement.class)) {
                jdbc.unwrap(PGStatement.class).setPrepareThreshold(PREPARE_THRESHOLD);
            }
            return statement;
        }

        /** The statement a handler prepares; null for a handler of another kind (left alone). */
        static MappedStatement mappedStatement(Object handler) throws IllegalAccessException {
            Object delegate = handler instanceof RoutingStatementHandler ? DELEGATE.get(handler) : handler;
            return delegate instanceof BaseStatementHandler base ? (MappedStatement) MAPPED_STATEMENT.get(base) : null;
        }

        private static Field accessible(Class<?> type, String name) {
            return InternalFields.of(type, name, "MyBatis's statement handlers changed (database.PreparedEngineWrites)");
        }

        @Override
        public void setProperties(Properties properties) {
            // none
        }
    }
}
