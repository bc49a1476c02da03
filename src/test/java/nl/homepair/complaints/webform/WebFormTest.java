package nl.homepair.complaints.webform;

import static nl.homepair.complaints.TestComplaints.PNG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.Evidence;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.webform.WebFormClient.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/** The public web form over HTTP, as a browser without JavaScript would use it. */
class WebFormTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">(KL-\\d{4}-\\d{6})<");

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    SubmissionRateLimiter rateLimiter;
    @Autowired
    ComplaintsPerAddress perAddress;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext webServer;

    /** Like a browser: redirects are followed only by a request of its own. */
    private TestRestTemplate http;
    private WebFormClient client;

    @BeforeEach
    void forgetEarlierSubmissions() {
        rateLimiter.clear();
        perAddress.clear();
        http = rest.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
        client = new WebFormClient(rest, "");
    }

    @Test
    void aValidSubmissionIsRegisteredFromTheWebFormWithItsEvidenceAndItsReferenceIsShownOnce() {
        Session session = client.open();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("receivedAt", "2020-01-01T10:00:00+01:00"); // never taken from the form
        Instant before = Instant.now().minusSeconds(5);

        ResponseEntity<String> response = client.post(session, fields, Map.of("screenshot.png", PNG));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(response.getHeaders().getLocation().toString()).endsWith("/klacht/ontvangen");
        assertThat(response.getHeaders().getLocation().getQuery()).isNull();

        ResponseEntity<String> confirmation = client.get(session, "/klacht/ontvangen");
        assertThat(confirmation.getStatusCode()).isEqualTo(HttpStatus.OK);
        Matcher reference = REFERENCE.matcher(confirmation.getBody());
        assertThat(reference.find()).isTrue();
        assertThat(confirmation.getBody()).contains("<title>Klacht ontvangen – HomePair</title>", "Je klacht is ontvangen",
                "ontvangstbevestiging per e-mail");

        transactions.executeWithoutResult(tx -> {
            Complaint complaint = complaints.findByReference(reference.group(1)).orElseThrow();
            assertThat(complaint.getChannel()).isEqualTo(IntakeChannel.WEB_FORM);
            assertThat(complaint.getRegisteredBy()).isNull();
            assertThat(complaint.getName()).isEqualTo("Jan Jansen");
            assertThat(complaint.getRole()).isEqualTo(ComplainantRole.CLIENT);
            assertThat(complaint.getSubject()).isEqualTo(ComplaintSubject.JOB_HANDLING);
            assertThat(complaint.getDescription()).isEqualTo("De schilder kwam twee keer niet opdagen; één keer zonder bericht.");
            assertThat(complaint.getChatSummary()).isEqualTo("Schilder zegde beide keren af zonder reden.");
            assertThat(complaint.getReceivedAt()).isAfter(before);
            assertThat(complaint.getProcessInstanceId()).isNotNull();
            assertThat(complaint.getEvidence()).extracting(Evidence::getFileName, Evidence::getContentType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("screenshot.png", "image/png"));
        });

        // a reload shows nothing about any complaint
        ResponseEntity<String> reload = client.get(session, "/klacht/ontvangen");
        assertThat(reload.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reload.getBody()).doesNotContain(reference.group(1)).doesNotContainPattern("KL-\\d{4}-\\d{6}");
    }

    @Test
    void theFormPagesCarrySecurityHeadersAndALaxHttpOnlySessionCookie() {
        ResponseEntity<String> page = http.getForEntity("/klacht", String.class);

        HttpHeaders headers = page.getHeaders();
        assertThat(headers.getFirst("Content-Security-Policy"))
                .contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getCacheControl()).isEqualTo("no-store");
        assertThat(headers.get(HttpHeaders.SET_COOKIE)).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith(FormTokens.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .contains("Path=/klacht"));
        assertThat(page.getBody()).doesNotContain("<script", "style=\"");
        assertThat(page.getBody()).contains("<html lang=\"nl\"", "name=\"viewport\"", "Opdrachtgever", "Vakprofessional",
                "Andere gebruiker", ComplaintSubject.CONDUCT.label(), "HomePair-chat",
                "accept=\"application/pdf,image/png,image/jpeg,image/gif,image/webp\"", "type=\"email\"", "type=\"date\"",
                "10.000");
        assertThat(page.getBody().replaceAll("\\s+", " ")).contains("Hoogstens 5 bestanden van elk hoogstens 10 MB");

        ResponseEntity<String> css = http.getForEntity("/webform.css", String.class);
        assertThat(css.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(css.getHeaders().getContentType().toString()).startsWith("text/css");
    }

    /**
     * A refused file is described to a screen reader with the advice under it, and what was typed stays; a phone's HEIC
     * photo is named as a photo in a format we cannot open.
     */
    @Test
    void aRefusedFileIsDescribedWithItsAdviceAndAHeicPhotoIsNamedAsSuch() {
        Session session = client.open();
        byte[] heic = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'};
        ResponseEntity<String> page = client.post(session, WebFormClient.validFields(), Map.of("IMG_0042.heic", heic));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody())
                .containsPattern("<input id=\"evidence\"[^>]*aria-describedby=\"evidence-hint evidence-error evidence-advice[ \"]")
                .contains("id=\"evidence-advice\"", "IMG_0042.heic", "is een foto in HEIC-formaat");
    }

    /** An address ending in a slash leads to the form; a wrong one to a Dutch page with the way back, not Spring's English. */
    @Test
    void aTrailingSlashLeadsToTheFormAndAWrongAddressToADutchPage() {
        for (String path : List.of("/klacht/", "/klacht/bericht/")) {
            ResponseEntity<String> slash = http.getForEntity(path, String.class);
            assertThat(slash.getStatusCode()).as(path).isEqualTo(HttpStatus.FOUND);
            assertThat(slash.getHeaders().getLocation().getPath()).isEqualTo(path.substring(0, path.length() - 1));
        }
        HttpHeaders browser = new HttpHeaders();
        browser.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> wrong = http.exchange("/klacht/verzenden", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(browser), String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrong.getBody()).contains("<html lang=\"nl\"", "Pagina niet gevonden", "href=\"/klacht\"")
                .doesNotContain("Whitelabel", "Exception", "trace");
    }

    @Test
    void missingFieldsAreNamedNextToEachFieldTheValuesAreKeptAndNothingIsStored() {
        Session session = client.open();
        long before = complaints.count();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("name", "   ");
        fields.put("email", "geen-adres");
        fields.remove("role");
        fields.put("jobDate", "2999-01-01");

        ResponseEntity<String> response = client.post(session, fields, Map.of("factuur.png", PNG));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String html = response.getBody();
        assertThat(html).contains("<title>Fout: klacht indienen – HomePair</title>", "Er is een probleem",
                "Vul je volledige naam in.", "Vul een geldig e-mailadres in", "Kies wie je bent.",
                "De datum van de opdracht ligt in de toekomst.");
        // summary links to the fields; each message is tied to its field
        assertThat(html).contains("href=\"#name\"", "href=\"#email\"", "href=\"#role-CLIENT\"", "href=\"#jobDate\"");
        assertThat(html).containsPattern("id=\"name-error\"")
                .containsPattern("<input id=\"name\"[^>]*aria-describedby=\"name-error\"[^>]*aria-invalid=\"true\"")
                .containsPattern("<input id=\"email\"[^>]*aria-describedby=\"email-hint email-error\"[^>]*aria-invalid=\"true\"")
                .containsPattern("<fieldset[^>]*aria-describedby=\"role-error\"");
        // what was typed is still there, except the files, which must be chosen again
        assertThat(html).contains("value=\"geen-adres\"", "value=\"OPD-4711\"", "value=\"JOB_HANDLING\" checked",
                ">De schilder kwam twee keer niet opdagen; één keer zonder bericht.</textarea>",
                "Kies je bestanden opnieuw");
        assertThat(html).doesNotContainPattern("<input id=\"description\"[^>]*aria-invalid");
        assertThat(complaints.count()).isEqualTo(before);
    }

    /**
     * A character no one sees (a vertical tab pasted from a document, a reading-direction override) is refused; the
     * message names the field (the summary may list several) and where the first one is, as neither a reader nor a
     * screen reader can find it.
     */
    @Test
    void anUnseenCharacterIsRefusedWithTheFieldAndThePlaceNamed() {
        Session session = client.open();
        long before = complaints.count();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("description", "De schilder kwam niet.\r\nIk belde hem op 3 mei\u000B en hij nam niet op.");
        fields.put("jobReference", "OPD-\u202E4711");

        ResponseEntity<String> response = client.post(session, fields, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(
                "Het veld ‘Omschrijving van je klacht’ bevat tekens die niet in tekst horen (zoals stuurtekens), het eerste"
                        + " in regel 2, na „…belde hem op 3 mei”. Verwijder ze, of typ dat stuk opnieuw.",
                "Het veld ‘Referentie van de opdracht’ bevat onzichtbare tekens (zoals tekens die de leesrichting"
                        + " omdraaien), het eerste na „OPD-”. Typ het opnieuw.",
                "href=\"#description\"", "href=\"#jobReference\"");
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void aPostWithoutTheFormsTokenIsRefusedAndNothingIsStored() {
        Session session = client.open();
        long before = complaints.count();

        ResponseEntity<String> missing = client.post(session, null, WebFormClient.validFields(), Map.of());
        ResponseEntity<String> wrong = client.post(session, "niet-het-token", WebFormClient.validFields(), Map.of());
        ResponseEntity<String> otherSession = client.post(null, session.token(), WebFormClient.validFields(), Map.of());
        ResponseEntity<String> otherBrowsers = client.post(session, client.open().token(), WebFormClient.validFields(), Map.of());
        String[] parts = session.token().split("\\.");
        ResponseEntity<String> madeLonger = client.post(session, parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2],
                WebFormClient.validFields(), Map.of());

        for (ResponseEntity<String> response : List.of(missing, wrong, otherSession, otherBrowsers, madeLonger)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            // nothing stored, and what was typed comes back in the form, to check and send again
            assertThat(response.getBody()).contains("er is niets opgeslagen", "<form", "name=\"_csrf\"",
                    "De schilder kwam twee keer niet opdagen");
            assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        }
        assertThat(otherSession.getBody()).contains("sta dan cookies toe");
        // another site's page gets our form back empty: its values (an e-mail address of its own) are not shown ready to send
        ResponseEntity<String> forged = client.postFrom("cross-site", null, null, WebFormClient.validFields(), Map.of());
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forged.getBody()).contains("<form", "Vul het formulier opnieuw in").doesNotContain("De schilder kwam", "jan@example.nl");
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void theSixthComplaintFromOneAddressWithinTenMinutesIsRefusedWith429() {
        long before = complaints.count();
        Session fifth = null;
        Map<String, String> fields = WebFormClient.validFields();
        for (int i = 0; i < 5; i++) {
            // each time a freshly opened form: one form sent twice counts once (see below); each for another person,
            // as one address gets at most three a day
            fifth = client.open();
            fields.put("email", "netwerk" + i + "@example.nl");
            assertThat(client.post(fifth, fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        }

        ResponseEntity<String> sixth = client.post(client.open(), Map.of("email", "netwerk6@example.nl").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        () -> new java.util.HashMap<>(WebFormClient.validFields()))), Map.of());

        assertThat(sixth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(sixth.getBody()).contains("Er is niets opgeslagen", "minuten opnieuw", "<form",
                "De schilder kwam twee keer niet opdagen");
        assertThat(Long.parseLong(sixth.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isBetween(1L, Duration.ofMinutes(10).toSeconds());
        assertThat(complaints.count()).isEqualTo(before + 5);
        // the fifth sent again (Back and send): the first's confirmation, not "er is niets opgeslagen" at the limit
        ResponseEntity<String> again = client.post(client.reopen(fifth), fields, Map.of());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(again.getHeaders().getLocation().toString()).endsWith("/klacht/ontvangen");
        assertThat(complaints.count()).isEqualTo(before + 5);
    }

    /**
     * Each complaint may store 5 files of 10 MB: the 10-minute limit alone let one address store some 36 GB a day. After
     * the day's complaints with files (10), a complaint with files is refused with what was typed and where the files can
     * go; one without files is still taken.
     */
    @Test
    void afterTheDaysComplaintsWithFilesAComplaintWithFilesIsRefused() {
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("email", "bijlagen0@example.nl");
        assertThat(client.post(client.open(), fields, Map.of("foto.png", PNG)).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        // the test client's network, as the form counted it, and nine more of its complaints with files today
        String counted = jdbc.queryForObject("select throttle_key from web_form_files", String.class);
        for (int i = 0; i < 9; i++) {
            jdbc.update("insert into web_form_files (throttle_key, submitted_at) values (?, ?)", counted,
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(20 + i));
        }
        long before = complaints.count();
        fields.put("email", "bijlagen1@example.nl");
        ResponseEntity<String> withFiles = client.post(client.open(), fields, Map.of("foto.png", PNG));
        assertThat(withFiles.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(withFiles.getBody()).contains("vandaag al veel klachten met bijlagen", "Er is niets opgeslagen",
                "Verstuur je klacht zonder bijlagen", "De schilder kwam twee keer niet opdagen");
        assertThat(complaints.count()).isEqualTo(before);
        assertThat(client.post(client.open(), fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(complaints.count()).isEqualTo(before + 1);
    }

    /**
     * Every complaint from the form sends our acknowledgement to the address typed in it: one address gets at most
     * three a day, so that a stranger cannot have HomePair mail someone else by the hundred (from network after
     * network). The fourth is refused with what was typed; the third sent again is still its confirmation.
     */
    @Test
    void theFourthComplaintForOneAddressWithinADayIsRefused() {
        long before = complaints.count();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("email", "Slachtoffer@Example.nl");
        Session third = null;
        for (int i = 0; i < 3; i++) {
            rateLimiter.clear(); // each from another network
            third = client.open();
            fields.put("description", "Klacht nummer " + (i + 1) + ": de schilder kwam niet opdagen.");
            assertThat(client.post(third, fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        }
        rateLimiter.clear();
        // the same mailbox, written otherwise
        fields.put("email", " slachtoffer+vier@example.nl");
        // a stranger's probe whether this person complained, with a form that would register nothing: the form's own
        // errors, not the address's day (which would tell, for free, that they complained three times)
        fields.put("description", "");
        ResponseEntity<String> probe = client.post(client.open(), fields, Map.of());
        assertThat(probe.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(probe.getBody()).doesNotContain("in de afgelopen 24 uur");
        fields.put("description", "Klacht nummer 4: de schilder kwam niet opdagen.");

        ResponseEntity<String> fourth = client.post(client.open(), fields, Map.of());

        assertThat(fourth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(fourth.getBody()).contains("Met dit e-mailadres zijn in de afgelopen 24 uur al 3 klachten",
                "Er is niets opgeslagen", "antwoord dan op de", "over 24 uur", "<form", "Klacht nummer 4");
        assertThat(Long.parseLong(fourth.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        assertThat(complaints.count()).isEqualTo(before + 3);
        // the third sent again (Back and send): its confirmation
        fields.put("email", "Slachtoffer@Example.nl");
        fields.put("description", "Klacht nummer 3: de schilder kwam niet opdagen.");
        assertThat(client.post(client.reopen(third), fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        // another address is another person
        fields.put("email", "iemand-anders@example.nl");
        assertThat(client.post(client.open(), fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(complaints.count()).isEqualTo(before + 4);
    }

    @Test
    void htmlAndScriptTypedIntoTheFormAreShownAsText() {
        Session session = client.open();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("name", "<script>alert('naam')</script>");
        fields.put("email", "\"><img src=x onerror=alert(1)>");
        fields.put("description", "</textarea><b>vet</b>");

        ResponseEntity<String> response = client.post(session, fields, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String html = response.getBody();
        assertThat(html).doesNotContain("<script", "<img", "<b>vet</b>");
        assertThat(html).contains("value=\"&lt;script&gt;alert(&#39;naam&#39;)&lt;/script&gt;\"",
                "value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"", "&lt;/textarea&gt;&lt;b&gt;vet&lt;/b&gt;");
    }

    @Test
    void aBrokenOrTooLargeUploadGivesTheFormBackWithAMessage() {
        Session session = client.open();
        long before = complaints.count();

        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, session.cookie());
        headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=grens"));
        ResponseEntity<String> broken = http.exchange("/klacht", HttpMethod.POST,
                new HttpEntity<>("--grens\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nJan", headers), String.class);

        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody()).contains("Je formulier kon niet worden gelezen", "<form", "name=\"_csrf\"");

        // one file over the limit (a phone video): named on its field, and what was typed stays in the form
        ResponseEntity<String> oneTooLarge = client.post(session, WebFormClient.validFields(),
                Map.of("video.png", new byte[21 * 1024 * 1024]));

        assertThat(oneTooLarge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(oneTooLarge.getBody()).contains("video.png", "10 MB", "De schilder kwam twee keer niet opdagen");

        // more than any request may hold: refused before it is read
        ResponseEntity<String> tooLarge = client.post(session, WebFormClient.validFields(), Map.of("video.png", new byte[60 * 1024 * 1024]));

        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody()).contains("te groot om te versturen", "<form", "name=\"_csrf\"");
        assertThat(tooLarge.getHeaders().getFirst("Content-Security-Policy")).isNotNull();
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void sendingTheSameFormTwiceRegistersOneComplaintAndShowsItsReferenceBothTimes() {
        Session session = client.open();
        long before = complaints.count();

        ResponseEntity<String> first = client.post(session, WebFormClient.validFields(), Map.of());
        String firstReference = REFERENCE.matcher(client.get(session, "/klacht/ontvangen").getBody()).results()
                .findFirst().orElseThrow().group(1);
        ResponseEntity<String> again = client.post(session, WebFormClient.validFields(), Map.of()); // a double click or a resent POST

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(client.get(session, "/klacht/ontvangen").getBody()).contains(firstReference);
        assertThat(complaints.count()).isEqualTo(before + 1);

        // Back after the confirmation (or after an answer that never arrived), the next form, the same complaint
        ResponseEntity<String> afterBack = client.post(client.reopen(session), WebFormClient.validFields(), Map.of());
        assertThat(afterBack.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(client.get(session, "/klacht/ontvangen").getBody()).contains(firstReference);
        assertThat(complaints.count()).isEqualTo(before + 1);
    }

    /**
     * The answer to the post never arrived (a train tunnel): the browser has no session, goes Back (a fresh form, the
     * files not chosen again) and sends again. The same complaint, its reference shown, not a second case; sent again
     * with another photo, the confirmation says that photo was not added and how to send it.
     */
    @Test
    void sendingAgainAfterAnAnswerThatNeverArrivedShowsTheFirstComplaint() {
        Session browser = client.open();
        Map<String, String> fields = WebFormClient.validFields();
        fields.put("description", "De tegelzetter kwam niet; het antwoord op mijn formulier kwam ook niet.");
        long before = complaints.count();
        assertThat(client.post(browser.copy(), fields, Map.of("foto.png", PNG)).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        String reference = complaints.findAll().stream().filter(c -> c.getDescription().startsWith("De tegelzetter kwam niet"))
                .findFirst().orElseThrow().getReference();

        Session lost = client.reopen(browser.withoutCookie("JSESSIONID"));
        assertThat(client.post(lost, fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        String confirmation = client.get(lost, "/klacht/ontvangen").getBody();
        assertThat(confirmation).contains(reference, "jan@example.nl", "Klopt dit e-mailadres niet")
                .doesNotContain("niet aan toegevoegd");
        assertThat(complaints.count()).isEqualTo(before + 1);

        Session withAnotherPhoto = client.reopen(browser.withoutCookie("JSESSIONID"));
        assertThat(client.post(withAnotherPhoto, fields, Map.of("andere.png", nl.homepair.complaints.TestComplaints.png(64))).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(client.get(withAnotherPhoto, "/klacht/ontvangen").getBody()).contains(reference,
                "De bestanden die je\n      nu meestuurde, zijn er niet aan toegevoegd");
        assertThat(complaints.count()).isEqualTo(before + 1);

        // another browser with the same words is someone else's complaint
        assertThat(client.post(client.open(), fields, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(complaints.count()).isEqualTo(before + 2);
    }

    /**
     * Anyone may open the form as often as they like: a view begins no session (each would be kept in memory for
     * half an hour, so a stranger's loop of page views could fill a node's memory). A session begins with a
     * registered complaint, which the rate limit bounds.
     */
    @Test
    void viewingTheFormBeginsNoSession() {
        org.apache.catalina.Manager sessions = ((org.apache.catalina.Context) ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer)
                webServer.getWebServer()).getTomcat().getHost().findChildren()[0]).getManager();
        int before = sessions.getActiveSessions();

        for (int i = 0; i < 200; i++) {
            ResponseEntity<String> page = http.getForEntity("/klacht", String.class);
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        }
        Session session = client.open();
        assertThat(client.post(session, Map.of("name", ""), Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(sessions.getActiveSessions()).isEqualTo(before);

        assertThat(client.post(session, WebFormClient.validFields(), Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(session.hasCookie("JSESSIONID")).isTrue();
        assertThat(sessions.getActiveSessions()).isEqualTo(before + 1);
    }

    /** A double click: the second post leaves before the first one's answer (and its session) reached the browser. */
    @Test
    void twoPostsOfOneFormAtOnceRegisterOneComplaint() throws Exception {
        Session first = client.open();
        Session second = first.copy();
        long before = complaints.count();

        java.util.concurrent.ExecutorService clicks = java.util.concurrent.Executors.newFixedThreadPool(2);
        var one = clicks.submit(() -> client.post(first, WebFormClient.validFields(), Map.of()));
        var two = clicks.submit(() -> client.post(second, WebFormClient.validFields(), Map.of()));
        assertThat(one.get().getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(two.get().getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        clicks.shutdown();

        assertThat(complaints.count()).isEqualTo(before + 1);
        String reference = REFERENCE.matcher(client.get(first, "/klacht/ontvangen").getBody()).results().findFirst().orElseThrow().group(1);
        assertThat(client.get(second, "/klacht/ontvangen").getBody()).contains(reference);
    }

    @Test
    void aDifferentComplaintFromAnOlderTabOfTheSameSessionIsRegisteredToo() {
        Session session = client.open();
        long before = complaints.count();
        assertThat(client.post(session, WebFormClient.validFields(), Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        Map<String, String> other = WebFormClient.validFields();
        other.put("description", "Een heel andere klacht over de helpdesk.");

        assertThat(client.post(session, other, Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);

        assertThat(complaints.count()).isEqualTo(before + 2);
    }

    @Test
    void theConfirmationPageWithoutASubmissionShowsNoReference() {
        ResponseEntity<String> page = http.getForEntity("/klacht/ontvangen", String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Klachtformulier").doesNotContainPattern("KL-\\d{4}-\\d{6}");
    }
}
