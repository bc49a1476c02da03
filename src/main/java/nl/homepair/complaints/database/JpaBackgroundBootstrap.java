package nl.homepair.complaints.database;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.repository.Repository;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Builds Hibernate's entity manager factory on a thread of its own while the main thread goes
 * on with the process engine (issue 16, start-up).
 *
 * <p>Both are seconds of CPU at start-up and neither needs the other until the engine's first
 * transaction, which waits for the factory. On two cores they overlap. Spring Data's
 * repositories need the finished factory, so they are declared lazy
 * ({@code spring.data.jpa.repositories.bootstrap-mode: deferred} in application.yaml) and
 * created here once every other singleton is, still before the web server opens. Spring
 * Data's own deferred initialisation comes after the web server has opened: requests that
 * arrived meanwhile got no answer (CrashRecoveryIT posted for 8 s without one 201).
 *
 * <p>Spring Boot does the same by itself only when the context has exactly one
 * {@code AsyncTaskExecutor} or one named {@code applicationTaskExecutor}; here that would be
 * the scheduler's single thread, by accident. The thread is named here instead.
 */
@Configuration(proxyBeanMethods = false)
public class JpaBackgroundBootstrap {

    static final String THREAD_PREFIX = "jpa-bootstrap-";

    @Bean
    static BeanPostProcessor entityManagerFactoryInBackground() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                    factory.setBootstrapExecutor(new SimpleAsyncTaskExecutor(THREAD_PREFIX));
                }
                return bean;
            }
        };
    }

    /** Every repository, created once all other singletons are, before the web server starts. */
    @Bean
    static SmartInitializingSingleton repositoriesBeforeTheWebServer(ListableBeanFactory beans) {
        return () -> beans.getBeansOfType(Repository.class);
    }
}
