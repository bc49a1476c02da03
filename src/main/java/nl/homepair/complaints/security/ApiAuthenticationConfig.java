package nl.homepair.complaints.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * No anonymous door: the engine REST API and the application's own API both require
 * HTTP Basic credentials of an engine user (401 with WWW-Authenticate otherwise). Both
 * filters set the engine's current authentication, so engine authorizations apply.
 * {@link EngineDoorFilter} runs first on the engine's doors: it checks passwords with
 * the throttle and closes what the engine's authorizations leave open.
 */
@Configuration
public class ApiAuthenticationConfig {

    static final int ENGINE_DOOR_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<Filter> engineDoor(PasswordCheck passwords, org.camunda.bpm.engine.IdentityService identity,
                                              HandlerGroups handlerGroups) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EngineDoorFilter(passwords, identity,
                handlerGroups));
        registration.setName("engine-door");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(ENGINE_DOOR_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(ENGINE_DOOR_ORDER + 1);
        return registration;
    }

    /** The staff pages: the web applications' login (see {@link WebappSessionFilter}). */
    @Bean
    FilterRegistrationBean<Filter> staffPagesAuthentication(@Value("${camunda.bpm.process-engine-name:default}") String engine,
                                                            CamundaBpmProperties camunda) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new WebappSessionFilter(engine,
                loginCacheTimeToLive(camunda)));
        registration.setName("staff-pages-authentication");
        registration.addUrlPatterns("/zaken", "/zaken/*");
        return registration;
    }

    /** The application's own staff pages: the web applications' session, or HTTP Basic. */
    @Bean
    FilterRegistrationBean<Filter> staffPageAuthentication(PasswordCheck passwords,
                                                           @Value("${camunda.bpm.process-engine-name:default}") String engine,
                                                           CamundaBpmProperties camunda) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new StaffPageFilter(passwords, engine,
                loginCacheTimeToLive(camunda)));
        registration.setName("staff-page-authentication");
        registration.addUrlPatterns(STAFF_PAGES);
        return registration;
    }

    /** How long the web applications trust a login's groups before reading them again (0: until logout). */
    static long loginCacheTimeToLive(CamundaBpmProperties camunda) {
        var cache = camunda.getWebapp().getAuth().getCache();
        return cache.isTtlEnabled() ? cache.getTimeToLive() : 0;
    }

    /** Pages for staff outside the Camunda web applications. */
    public static final String[] STAFF_PAGES = {"/rapportage", "/rapportage/*"};

    @Bean
    FilterRegistrationBean<Filter> applicationApiAuthentication(PasswordCheck passwords) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter(passwords));
        registration.setName("application-api-authentication");
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
