package nl.homepair.complaints.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The figures of April 2029 (R16) on the history of {@link SeededHistory}, made through the
 * real procedure, every one worked out by hand. The reporting tests have their own
 * application (and so their own database), because the open cases are counted over the
 * whole database (see {@link SeededHistory#CONTEXT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = SeededHistory.CONTEXT)
class ReportFiguresTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    CaseFactsRepository facts;
    @Autowired
    ApplicationContext application;

    private SeededHistory history;
    private JsonNode report;

    @BeforeAll
    void playTheHistory() {
        history = SeededHistory.in(application, rest, taskService, this::runDueJobs);
        SeededHistory.at(14, 5);
        try {
            report = as("teamleider").getForObject("/api/reports?from=2029-04-01&to=2029-04-30", JsonNode.class);
        } finally {
            ClockUtil.reset();
        }
    }

    @BeforeEach
    void readTheReportOnMonday14May() {
        SeededHistory.at(14, 5);
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void countsComplaintsByRoleSubjectAndChannel() {
        assertThat(report.get("period").toString()).isEqualTo("{\"from\":\"2029-04-01\",\"to\":\"2029-04-30\"}");
        assertThat(report.get("received").asLong()).isEqualTo(5);
        assertThat(report.get("complaints").asLong()).isEqualTo(5);
        assertThat(counts(report.get("byRole"))).containsExactly(
                Map.entry("CLIENT", "2 40.0"), Map.entry("PROFESSIONAL", "2 40.0"), Map.entry("OTHER_USER", "1 20.0"),
                Map.entry("UNCLASSIFIED", "0 0.0"));
        assertThat(counts(report.get("bySubject"))).containsExactly(
                Map.entry("SUPPORT", "2 40.0"), Map.entry("JOB_HANDLING", "2 40.0"), Map.entry("CONDUCT", "1 20.0"),
                Map.entry("UNCLASSIFIED", "0 0.0"));
        assertThat(counts(report.get("byChannel"))).containsExactly(
                Map.entry("API", "4 80.0"), Map.entry("STAFF", "1 20.0"), Map.entry("WEB_FORM", "0 0.0"),
                Map.entry("MAILBOX", "0 0.0"));
    }

    @Test
    void countsEveryCaseByWhereItEndedADecidedOneByItsVerdictAlsoWhenErasedInItsObjectionWindow() {
        assertThat(counts(report.get("outcomes"))).containsExactly(
                Map.entry("INADMISSIBLE", "1 20.0"), Map.entry("INCOMPLETE", "0 0.0"),
                Map.entry("RESOLVED_BY_MEDIATION", "1 20.0"), Map.entry("WITHDRAWN", "0 0.0"), Map.entry("WELL_FOUNDED", "0 0.0"),
                Map.entry("PARTLY_WELL_FOUNDED", "1 20.0"), Map.entry("UNFOUNDED", "1 20.0"),
                Map.entry("NOT_A_COMPLAINT", "0 null"), Map.entry("DUPLICATE", "0 null"), Map.entry("STOPPED_BY_ERASURE", "0 0.0"),
                Map.entry("PROCESS_ENDED", "0 0.0"), Map.entry("OPEN", "1 20.0"));
    }

    @Test
    void sharesOfTermsMetCountTheHolidayAndLeaveThePauseOut() {
        // acknowledged in 0, 0, 0, 0 and 3 working days (E, the late letter)
        assertThat(report.get("acknowledgedWithin2").toString()).isEqualTo("{\"within\":4,\"measured\":5,\"percentage\":80.0}");
        // first assessment in 1 (A), 5 (B, King's Day left out), 3 (C: 8 minus 5 paused), 2 (D), 4 (E)
        assertThat(report.get("assessedWithin5").toString()).isEqualTo("{\"within\":5,\"measured\":5,\"percentage\":100.0}");
    }

    @Test
    void mediansAndNinetiethPercentilesInWorkingDaysByNearestRank() {
        JsonNode durations = report.get("durations");
        // [0, 0, 0, 0, 3]: ranks 3 and 5
        assertThat(durations.get("acknowledgement").toString()).isEqualTo("{\"cases\":5,\"median\":0,\"p90\":3,\"average\":0.6}");
        // [1, 2, 3, 4, 5]
        assertThat(durations.get("firstAssessment").toString()).isEqualTo("{\"cases\":5,\"median\":3,\"p90\":5,\"average\":3.0}");
        // D in 4, C in 11 (the pause counts here); ranks 1 and 2
        assertThat(durations.get("decision").toString()).isEqualTo("{\"cases\":2,\"median\":4,\"p90\":11,\"average\":7.5}");
        // A in 3, C in 17 (King's Day and Ascension Day left out); B waits out its objection window (declared inadmissible),
        // D stopped and E open do not count
        assertThat(durations.get("closing").toString()).isEqualTo("{\"cases\":2,\"median\":3,\"p90\":17,\"average\":10.0}");
        // handled: A in 3 (closed without a decision), B in 5 (declared inadmissible: handled then), D in 4 and C in 11 (decided: the objection window
        // and the board's review after it are not the handling of the complaint; D erased after its decision counts)
        assertThat(durations.get("handling").toString()).isEqualTo("{\"cases\":4,\"median\":4,\"p90\":11,\"average\":5.8}");
    }

    @Test
    void countsObjectionsBoardOutcomesAffectedUsersAndReferrals() {
        JsonNode escalations = report.get("escalations");
        assertThat(escalations.get("objections").asLong()).isEqualTo(1);
        assertThat(counts(escalations.get("boardDecisions"))).containsExactly(
                Map.entry("UPHELD", "1 100.0"), Map.entry("REJECTED", "0 0.0"), Map.entry("WITHDRAWN", "0 0.0"));
        assertThat(escalations.get("affectedUserObjections").asLong()).isEqualTo(1);
        assertThat(counts(escalations.get("measureReviews"))).containsExactly(
                Map.entry("MEASURE_STANDS", "1 100.0"), Map.entry("MEASURE_CHANGED", "0 0.0"),
                Map.entry("MEASURE_LIFTED", "0 0.0"));
        assertThat(escalations.get("disputeReferrals").asLong()).isEqualTo(1);
    }

    @Test
    void weeksFromTheMondayOfTheFirstDay() {
        List<String> weeks = new ArrayList<>();
        for (JsonNode week : report.get("weeks")) {
            weeks.add(week.get("monday").asText() + " " + counts(week.get("byChannel")) + " "
                    + week.get("acknowledgedWithin2").get("within") + "/" + week.get("acknowledgedWithin2").get("measured") + " "
                    + week.get("assessedWithin5").get("within") + "/" + week.get("assessedWithin5").get("measured"));
        }
        assertThat(weeks).containsExactly(
                "2029-03-26 {API=0 null, STAFF=0 null, WEB_FORM=0 null, MAILBOX=0 null} 0/0 0/0",
                "2029-04-02 {API=0 null, STAFF=0 null, WEB_FORM=0 null, MAILBOX=0 null} 0/0 0/0",
                "2029-04-09 {API=0 0.0, STAFF=1 100.0, WEB_FORM=0 0.0, MAILBOX=0 0.0} 0/1 1/1",
                "2029-04-16 {API=3 100.0, STAFF=0 0.0, WEB_FORM=0 0.0, MAILBOX=0 0.0} 3/3 3/3",
                "2029-04-23 {API=1 100.0, STAFF=0 0.0, WEB_FORM=0 0.0, MAILBOX=0 0.0} 1/1 1/1",
                "2029-04-30 {API=0 null, STAFF=0 null, WEB_FORM=0 null, MAILBOX=0 null} 0/0 0/0");
        // April 2029 cuts its first and last week: each says which of its days count
        JsonNode first = report.get("weeks").get(0);
        assertThat(first.get("from").asText() + " " + first.get("to").asText()).isEqualTo("2029-04-01 2029-04-01");
        JsonNode whole = report.get("weeks").get(2);
        assertThat(whole.get("from").asText() + " " + whole.get("to").asText()).isEqualTo("2029-04-09 2029-04-15");
        JsonNode last = report.get("weeks").get(5);
        assertThat(last.get("from").asText() + " " + last.get("to").asText()).isEqualTo("2029-04-30 2029-04-30");
    }

    @Test
    void openCasesByStepWithTheLateOnes() {
        Map<String, String> open = new LinkedHashMap<>();
        for (JsonNode step : report.get("open")) {
            open.put(step.get("code").asText(), step.get("open").asLong() + " " + step.get("late").asLong());
        }
        // E waits for its decision, due Wed 2 May; B, declared inadmissible, waits out its objection window
        assertThat(open).containsExactly(
                Map.entry("REGISTERED", "0 0"), Map.entry("IN_ASSESSMENT", "0 0"), Map.entry("AWAITING_INFORMATION", "0 0"),
                Map.entry("IN_MEDIATION", "0 0"), Map.entry("AWAITING_DECISION", "1 1"), Map.entry("DECIDED", "1 0"),
                Map.entry("IN_OBJECTION", "0 0"));
    }

    @Test
    void theErasedCaseKeepsItsFactsAndNothingPersonal() {
        Complaint erased = complaints.findByReference(history.d).orElseThrow();
        assertThat(erased.getName()).isEqualTo(Complaint.ANONYMOUS);
        CaseFacts f = facts.findById(erased.getId()).orElseThrow();
        assertThat(f.isStoppedByErasure()).isTrue();
        assertThat(f.getAnonymisedAt()).isNotNull();
        assertThat(f.getDecisionDays()).isEqualTo(4);
        assertThat(f.getVerdict()).hasToString("UNFOUNDED");
        // the suspension of C is on its facts, from the decision and its revision
        CaseFacts c = facts.findById(complaints.findByReference(history.c).orElseThrow().getId()).orElseThrow();
        assertThat(c.isMeasureSuspension()).isTrue();
        assertThat(c.isMeasureWarning()).isFalse();
        assertThat(c.getInformationRequests()).isEqualTo(1);
        assertThat(c.getPausedDays()).isEqualTo(5);
        assertThat(c.getRevisedVerdict()).hasToString("PARTLY_WELL_FOUNDED");
    }

    @Test
    void aPeriodWithoutCasesHasNoSharesOrPercentiles() {
        JsonNode empty = as("directeur").getForObject("/api/reports?from=2029-06-01&to=2029-06-30", JsonNode.class);
        assertThat(empty.get("received").asLong()).isZero();
        assertThat(empty.get("acknowledgedWithin2").toString()).isEqualTo("{\"within\":0,\"measured\":0,\"percentage\":null}");
        assertThat(empty.get("durations").get("closing").toString())
                .isEqualTo("{\"cases\":0,\"median\":null,\"p90\":null,\"average\":null}");
    }

    @Test
    void theCsvHoldsTheSameFiguresForADutchSpreadsheet() {
        ResponseEntity<byte[]> csv = as("beheerder").getForEntity("/api/reports.csv?from=2029-04-01&to=2029-04-30", byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("klachten-2029-04-01-2029-04-30.csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFsectie;code;omschrijving;waarde;percentage\r\n")
                .contains("rol;PROFESSIONAL;Vakprofessional;2;40,0\r\n")
                .contains("termijn;ACKNOWLEDGED_WITHIN_2;Ontvangst bevestigd binnen 2 werkdagen;4;80,0\r\n")
                .contains("werkdagen;CLOSING_P90;90e percentiel tot het afsluiten;17;\r\n")
                .contains("werkdagen;CLOSING_AVERAGE;Gemiddelde tot het afsluiten;10,0;\r\n")
                .contains("werkdagen;HANDLING_MEDIAN;Mediaan behandeltijd (tot het besluit, zonder besluit tot het afsluiten);4;\r\n")
                .contains("te laat nu;AWAITING_DECISION;Wacht op besluit;1;\r\n")
                // the week the period cuts, apart from the whole one
                .contains("week van 2029-03-26 (alleen 2029-04-01 t/m 2029-04-01);")
                .contains("week van 2029-04-09;");
    }

    @Test
    void aBadPeriodIsABadRequestInDutch() {
        ResponseEntity<String> answer = as("teamleider").getForEntity("/api/reports?from=2029-05-01&to=2029-04-01", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("De einddatum ligt voor de begindatum.");
        assertThat(as("teamleider").getForEntity("/api/reports?from=1-4-2029", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("teamleider").getForEntity("/api/reports?from=1900-01-01&to=2029-04-01", String.class).getBody())
                .contains("Kies een periode van hoogstens 10 jaar.");
    }

    @Test
    void thePageShowsTheFiguresAndFourChartsWithoutAnyScript() {
        ResponseEntity<String> page = as("directeur").getForEntity("/rapportage?from=2029-04-01&to=2029-04-30", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
        Document html = Jsoup.parse(page.getBody());
        assertThat(html.select("h1").text()).isEqualTo("Klachten ontvangen van 1 april 2029 tot en met 30 april 2029");
        assertThat(html.select("svg.chart").eachAttr("id"))
                .containsExactly("chart-cases-per-week", "chart-terms-per-week", "chart-outcomes", "chart-open-cases");
        assertThat(html.select("script")).isEmpty();
        assertThat(html.select("#figure-complaints").text()).isEqualTo("5");
        assertThat(html.select("#figure-acknowledged").text()).isEqualTo("80,0%");
        assertThat(html.select("#figure-assessed").text()).isEqualTo("100,0%");
        assertThat(html.select("#table-durations tbody tr").eachText()).containsExactly(
                "Tot de ontvangstbevestiging 5 0 3 0,6",
                "Tot de eerste beoordeling (zonder wachttijd op de klager) 5 3 5 3,0",
                "Tot het besluit 2 4 11 7,5",
                "Tot het afsluiten 2 3 17 10,0",
                "Behandeltijd (tot het besluit, zonder besluit tot het afsluiten) 4 4 11 5,8");
        // the weekly bars: one case by staff in the week of 9 April, three over REST in the week of 16 April
        assertThat(html.select("#chart-cases-per-week rect title").eachText())
                .contains("9 apr., Geregistreerd door een medewerker: 1", "16 apr., REST-koppeling van het platform: 3");
        assertThat(html.select("#chart-open-cases rect title").eachText()).contains("Wacht op besluit: 1 te laat");
        // each chart's figures as a table too, for whoever cannot see the bars (a screen reader, a copy into a memo)
        assertThat(html.select("#table-cases-per-week thead th").eachText()).contains("Week van",
                "Geregistreerd door een medewerker", "REST-koppeling van het platform", "Samen");
        assertThat(html.select("#table-cases-per-week tbody tr").eachText())
                .anyMatch(row -> row.startsWith("9 april 2029 ") && row.endsWith(" 1"))
                .anyMatch(row -> row.startsWith("16 april 2029 ") && row.endsWith(" 3"));
        assertThat(html.select("#table-terms-per-week tbody tr").eachText())
                .anyMatch(row -> row.startsWith("16 april 2029 ") && row.contains(" van 3)"));
        assertThat(html.select("#table-open-cases tbody tr").eachText())
                .anyMatch(row -> row.startsWith("Wacht op besluit ") && row.endsWith(" 1"));
    }

    @Test
    void theTransparencySummaryShowsProfessionalsApartAsPageAndPdf() {
        ResponseEntity<String> page = as("beheerder").getForEntity("/rapportage/transparantie?jaar=2029", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        Document html = Jsoup.parse(page.getBody());
        assertThat(html.select("h1").text()).isEqualTo("Transparantieverslag klachtenafhandeling 2029");
        // read on 14 May 2029: an interim figure, and it says so
        assertThat(html.select("#period-end").text()).isEqualTo("14 mei 2029");
        assertThat(html.select("#interim").text()).contains("Tussenstand", "het jaar is nog niet om");
        assertThat(html.select("#no-business-complaints")).isEmpty();
        // B and D are professionals: B inadmissible, D stopped by erasure
        assertThat(html.select("#summary-count tbody tr").text()).isEqualTo("Klachten ingediend 2 5");
        assertThat(html.select("#summary-types tbody tr").eachText()).containsExactly(
                "Communicatie of ondersteuning door HomePair 1 (50,0%) 2 (40,0%)",
                "Afhandeling van een opdracht via HomePair 1 (50,0%) 2 (40,0%)",
                "Ongepast gedrag, misbruik of schending van de voorwaarden 0 (0,0%) 1 (20,0%)");
        assertThat(html.select("#summary-time tbody tr").eachText()).containsExactly(
                "Gemiddeld 4,5 5,8", "Mediaan 4 4", "Afgehandelde klachten waarover gerekend 2 4");
        // the working days as this application counts them (the test's calendar has no closing days)
        assertThat(html.select("#summary-time + p.hint").text()).isEqualTo("Werkdagen zijn maandag tot en met vrijdag,"
                + " zonder Nieuwjaarsdag, Goede Vrijdag, tweede paasdag, Koningsdag, Bevrijdingsdag (5 mei), Hemelvaartsdag,"
                + " tweede pinksterdag en eerste en tweede kerstdag.");
        assertThat(html.select("#summary-outcomes tbody tr").eachText()).contains(
                "Niet-ontvankelijk 1 1", "Deels gegrond 0 1", "Ongegrond 1 1", "Beëindigd zonder uitkomst 0 0",
                "Nog open 0 1");
        // a stop by erasure is not told apart in what is published (the internal page keeps it)
        assertThat(html.text()).doesNotContain("gewist", "Gestopt");

        ResponseEntity<byte[]> pdf = as("teamleider").getForEntity("/rapportage/transparantie.pdf?jaar=2029", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).hasToString("application/pdf");
        assertThat(pdf.getHeaders().getContentDisposition().getFilename()).isEqualTo("transparantieverslag-klachten-2029.pdf");
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Transparantieverslag klachtenafhandeling 2029", "Klachten ingediend 2 5",
                    "Gemiddeld 4,5 5,8");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A year that is over reports to its last day; one without complaints says so; a year to come is refused. */
    @Test
    void theTransparencySummaryOfAYearWithoutComplaintsSaysSoAndAYearToComeIsRefused() {
        Document empty = Jsoup.parse(as("beheerder").getForEntity("/rapportage/transparantie?jaar=2028", String.class).getBody());
        assertThat(empty.select("#period-end").text()).isEqualTo("31 december 2028");
        assertThat(empty.select("#interim")).isEmpty();
        assertThat(empty.select("#no-business-complaints").text())
                .isEqualTo("In 2028 hebben zakelijke gebruikers geen klachten ingediend en is er ook van andere klagers geen klacht binnengekomen.");
        assertThat(empty.select("#summary-count tbody tr").text()).isEqualTo("Klachten ingediend 0 0");

        ResponseEntity<String> future = as("beheerder").getForEntity("/rapportage/transparantie?jaar=2030", String.class);
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(future.getHeaders().getContentType().toString()).startsWith("text/html");
        Document refused = Jsoup.parse(future.getBody());
        assertThat(refused.select("h1").text()).isEqualTo("Dit verslag is er niet");
        assertThat(refused.select("main").text()).contains("Het jaar 2030 is nog niet begonnen", "Terug naar de rapportage");
    }

    /** code -> "count percentage", in the order of the answer. */
    private static Map<String, String> counts(JsonNode list) {
        Map<String, String> counts = new LinkedHashMap<>();
        for (JsonNode c : list) {
            counts.put(c.get("code").asText(), c.get("count").asLong() + " " + c.get("percentage").asText());
        }
        return counts;
    }
}
