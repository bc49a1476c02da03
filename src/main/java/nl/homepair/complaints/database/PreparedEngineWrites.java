package nl.homepair.complaints.database;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.MixedSqlNode;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.StaticTextSqlNode;
import org.apache.ibatis.scripting.xmltags.TextSqlNode;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL the connections never make server-side prepared statements
 * ({@code prepareThreshold=0} in {@code application-postgres.yaml}): a plan made for any values
 * made the engine's task queries with authorizations take minutes. That also made the server
 * parse and plan again each of the engine's inserts, updates and look-ups by key, most of what
 * a complaint and a deadline timer cost it. This plug-in gives exactly those statements back
 * the driver's usual threshold: an engine statement whose text is fixed (no criteria, no
 * authorization check, only the table prefix filled in: {@link #fixedText}) is prepared on
 * the server from its fifth run on a connection, and then bound and run without being parsed
 * and planned again. Every statement assembled from criteria (the task, filter and history
 * queries, the job executor's poll) is still planned with its values.
 */
@Component
public class PreparedEngineWrites extends AbstractProcessEnginePlugin {

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
     * Whether a statement's SQL is the same text on every run: plain text, with at most
     * {@code ${...}} substitutions (the engine's table prefix), and no {@code <if>},
     * {@code <foreach>}, {@code <where>} or {@code <choose>} anywhere (included fragments are
     * part of the tree by then).
     */
    static boolean fixedText(SqlSource source) {
        if (source instanceof RawSqlSource || source instanceof StaticSqlSource) {
            return true;
        }
        return source instanceof DynamicSqlSource && onlyText((SqlNode) SystemMetaObject.forObject(source).getValue("rootSqlNode"));
    }

    private static boolean onlyText(SqlNode node) {
        if (node instanceof StaticTextSqlNode || node instanceof TextSqlNode) {
            return true;
        }
        if (node instanceof MixedSqlNode) {
            @SuppressWarnings("unchecked")
            List<SqlNode> contents = (List<SqlNode>) SystemMetaObject.forObject(node).getValue("contents");
            return contents.stream().allMatch(PreparedEngineWrites::onlyText);
        }
        return false;
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

        /** Per statement id: whether its text is fixed (decided once). */
        private final Map<String, Boolean> fixed = new ConcurrentHashMap<>();

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            Object statement = invocation.proceed();
            MappedStatement mapped = mappedStatement(invocation.getTarget());
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
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("MyBatis " + type.getSimpleName() + " has no field " + name, e);
            }
        }

        @Override
        public void setProperties(Properties properties) {
            // none
        }
    }
}
