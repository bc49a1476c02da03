package nl.homepair.complaints.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link FreshCaseFileFilter} after the engine's authentication filters (see security.ApiAuthenticationConfig). */
@Configuration
public class FreshCaseFileConfig {

    @Bean
    FilterRegistrationBean<Filter> freshCaseFile(TaskCaseFile caseFile, IdentityService identityService, ObjectMapper json,
                                                 HandlerGroups handlerGroups) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new FreshCaseFileFilter(caseFile, identityService, json, handlerGroups));
        registration.setName("fresh-case-file");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
