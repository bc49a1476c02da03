package nl.homepair.complaints.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How many anonymous multipart requests (a complaint with its files on the web form, or a post to any path that asks
 * no login) this node reads at once: the servlet container writes each to a temporary file before any check of ours
 * (the web form's token is inside the body), up to {@code UploadLimits}' request size. Unbounded, a stranger's slow
 * parallel uploads of the largest size would fill the disk beside the database and hold every worker thread. At most
 * {@code homepair.intake.uploads-at-once} at a time on the node, and two per client network; beyond that the answer
 * is 429 with a Retry-After, before a byte of the body is read. Paths behind a login (the API, the engine, the web
 * applications, the staff pages) are not counted: a caller without valid credentials is refused there before the
 * body is read, and the platform's server posts many complaints with files at once from one address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UploadsAtOnce extends OncePerRequestFilter {

    static final int PER_CLIENT = 2;
    static final String MESSAGE = "Er worden nu te veel bestanden tegelijk verstuurd. Er is niets opgeslagen; probeer het over"
            + " een minuut opnieuw.";

    private final Semaphore node;
    private final ConcurrentHashMap<String, AtomicInteger> clients = new ConcurrentHashMap<>();

    public UploadsAtOnce(@Value("${homepair.intake.uploads-at-once:8}") int atOnce) {
        this.node = new Semaphore(Math.max(1, atOnce));
    }

    /**
     * Paths that refuse a caller without valid credentials before reading the body. Of the web applications only the
     * four APIs their security rules guard (not their login): the rest of {@code /camunda/} (scripts, styles, any
     * unknown path) is served by Spring MVC, which reads a multipart body before it finds there is nothing to post to.
     */
    static final List<String> BEHIND_A_LOGIN = List.of("/api/", "/engine-rest/", "/camunda/api/engine/",
            "/camunda/api/cockpit/", "/camunda/api/tasklist/", "/camunda/api/admin/", "/zaken/", "/rapportage/");

    /** Exactly these paths, and what lies below them (not {@code /zakenx}, which no login filter covers). */
    static final List<String> BEHIND_A_LOGIN_EXACTLY = List.of("/zaken", "/rapportage");

    /** Below the web applications' API, the login itself takes no login. */
    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/";

    /**
     * A body this small (a complaint typed on the web form without files: three texts of at most 10,000 characters) is
     * read in memory and quickly, never into a temporary file: not counted, so that complainants behind one address (a
     * household, an office, a mobile carrier) are not refused while someone nearby uploads a large photo slowly. A body
     * of unknown length (chunked) is counted.
     */
    static final long SMALL_BODY = 256 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return true;
        }
        long length = request.getContentLengthLong();
        if (length >= 0 && length <= SMALL_BODY) {
            return true;
        }
        String path = RequestPaths.mapped(request);
        return !path.startsWith(WEBAPP_LOGIN)
                && (BEHIND_A_LOGIN.stream().anyMatch(path::startsWith) || BEHIND_A_LOGIN_EXACTLY.contains(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = ClientAddresses.network(request.getRemoteAddr());
        AtomicInteger ofClient = clients.computeIfAbsent(client, c -> new AtomicInteger());
        if (ofClient.incrementAndGet() > PER_CLIENT) {
            release(client, ofClient);
            refuse(request, response);
            return;
        }
        if (!node.tryAcquire()) {
            release(client, ofClient);
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            node.release();
            release(client, ofClient);
        }
    }

    private void release(String client, AtomicInteger ofClient) {
        if (ofClient.decrementAndGet() <= 0) {
            clients.remove(client, ofClient);
        }
    }

    /** The web form's complainant gets a page in Dutch that says what to do; any other caller the message as text. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        response.setHeader(HttpHeaders.CONNECTION, "close"); // the body that follows is not read
        String path = RequestPaths.mapped(request);
        if (path.startsWith("/klacht")) {
            boolean message = path.startsWith("/klacht/bericht");
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            String page = message
                    ? PAGE.formatted("bericht over je klacht", "je bericht is nog niet ontvangen", "/klacht/bericht",
                            "het formulier voor een bericht opnieuw openen", "als antwoord op onze e-mail over je klacht")
                    : PAGE.formatted("klacht indienen", "je klacht is nog niet ontvangen", "/klacht",
                            "het formulier opnieuw openen", "als antwoord op de ontvangstbevestiging");
            response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(MESSAGE.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The web form's refusal: 1 what was being sent, 2 that it was not received, 3 the form's path, 4 its link, 5 later how. */
    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="nl">
            <head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Even wachten: %1$s</title><link rel="stylesheet" href="/webform.css"></head>
            <body><main class="page">
            <h1>Even wachten, en dan opnieuw versturen</h1>
            <p>Er worden nu te veel bestanden tegelijk verstuurd. Er is niets opgeslagen: %2$s.</p>
            <p>Ga terug naar je formulier (met de terugknop of het terugveeggebaar van je browser) en verstuur het over een
              minuut opnieuw. Is wat je had ingevuld daar weg, dan kun je ook <a href="%3$s">%4$s</a>.
              Je foto's kun je ook later sturen, %5$s.</p>
            </main></body>
            </html>
            """;
}
