package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * Both staff-page filters take the caller from the web applications' login of the engine the
 * application runs ({@code camunda.bpm.process-engine-name}), not of an engine named "default".
 */
class WebappLoginTest {

    private static MockHttpServletRequest loggedInTo(String engine, String user, List<String> groups) {
        UserAuthentication login = new UserAuthentication(user, engine);
        login.setGroupIds(groups);
        Authentications authentications = new Authentications();
        authentications.addOrReplace(login);
        MockHttpSession session = new MockHttpSession();
        AuthenticationUtil.updateSession(session, authentications);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/zaken/KL-2026-000001");
        request.setSession(session);
        return request;
    }

    @Test
    void theCasePagesKnowTheHandlerLoggedInToTheApplicationsOwnEngine() throws Exception {
        MockHttpServletRequest request = loggedInTo("klachten", "behandelaar", List.of("handlers"));
        MockFilterChain chain = new MockFilterChain();

        new WebappSessionFilter("klachten", 0).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        Authentication caller = (Authentication) request.getAttribute(CurrentUser.REQUEST_ATTRIBUTE);
        assertThat(caller.getUserId()).isEqualTo("behandelaar");
        assertThat(caller.getGroupIds()).containsExactly("handlers");
    }

    @Test
    void aLoginToAnotherEngineIsNoLoginAndTheBrowserGoesToThisEnginesTasklistLogin() throws Exception {
        MockHttpServletRequest request = loggedInTo("default", "behandelaar", List.of("handlers"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = new MockFilterChain();

        new WebappSessionFilter("klachten", 0).doFilter(request, response, chain);

        assertThat(((MockFilterChain) chain).getRequest()).isNull();
        assertThat(response.getRedirectedUrl()).isEqualTo("/camunda/app/tasklist/klachten/#/login");
    }

    @Test
    void theFiguresPageKnowsTheSameLogin() throws Exception {
        MockHttpServletRequest request = loggedInTo("klachten", "teamleider", List.of("teamleads"));
        request.setRequestURI("/rapportage");
        MockFilterChain chain = new MockFilterChain();

        new StaffPageFilter(null, "klachten", 0).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(((Authentication) request.getAttribute(CurrentUser.REQUEST_ATTRIBUTE)).getUserId()).isEqualTo("teamleider");
    }
}
