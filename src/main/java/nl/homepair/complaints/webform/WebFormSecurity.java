package nl.homepair.complaints.webform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the public pages: no script at all (the pages need none), styles
 * only from this site, no framing (clickjacking), no type sniffing, no referrer to other
 * sites, and nothing kept in a shared computer's cache.
 */
@Configuration
public class WebFormSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    FilterRegistrationBean<Filter> webFormSecurityHeaders() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setName("web-form-security-headers");
        registration.addUrlPatterns("/klacht", "/klacht/*", "/webform.css");
        return registration;
    }

    static class SecurityHeaders extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
            if (!request.getRequestURI().endsWith(".css")) {
                // the form carries a session token, the confirmation a reference number
                response.setHeader("Cache-Control", "no-store");
            }
            chain.doFilter(request, response);
        }
    }
}
