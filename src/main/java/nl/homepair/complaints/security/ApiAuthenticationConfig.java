package nl.homepair.complaints.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No anonymous door: the engine REST API and the application's own API both require
 * HTTP Basic credentials of an engine user (401 with WWW-Authenticate otherwise). Both
 * filters set the engine's current authentication, so engine authorizations apply.
 */
@Configuration
public class ApiAuthenticationConfig {

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> applicationApiAuthentication(IdentityService identityService) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter(identityService));
        registration.setName("application-api-authentication");
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
