package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.StaticApplicationContext;

/**
 * A manager changes mail texts without a release in a folder of their own ({@code MAIL_TEMPLATES}): a text the folder
 * has is that one, and a text it lacks (one a later release brought, or one nobody changed) is the built-in one.
 */
class MailTemplatesTest {

    @TempDir
    Path folder;
    private final StaticApplicationContext context = new StaticApplicationContext();

    @BeforeEach
    void start() {
        context.refresh();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aTextTheFolderHasIsTheManagersAndOneItLacksIsTheBuiltInOne() throws Exception {
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.html"),
                "<html><head><title>Eigen onderwerp over [[${about}]]</title></head><body><p>Eigen tekst</p></body></html>",
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.txt"), "Eigen tekst over [(${about})]", StandardCharsets.UTF_8);
        MailTemplates templates = new MailTemplates(properties("file:" + folder + "/"), context);
        MailTemplates builtIn = new MailTemplates(properties(MailTemplates.BUILT_IN), context);

        RenderedMail own = templates.render("chatbericht-na-afsluiting", Map.of("about", "klacht KL-2026-000001"));
        assertThat(own.subject()).isEqualTo("Eigen onderwerp over klacht KL-2026-000001");
        assertThat(own.text()).isEqualTo("Eigen tekst over klacht KL-2026-000001");

        assertThat(templates.exists("mailbox-vol")).isTrue();
        Map<String, Object> full = Map.of("limit", 50, "waiting", 3, "contactAddress", "contact@homepair.nl");
        assertThat(templates.render("mailbox-vol", full)).isEqualTo(builtIn.render("mailbox-vol", full));
        assertThat(templates.exists("bestaat-niet")).isFalse();
    }

    /**
     * A declaration of inadmissibility says how and until when to object; a case still on a model version from before
     * that (no objection window) is told what it was told then, not a date that does not exist.
     */
    @Test
    void theInadmissibilityMailNamesTheObjectionWindowOnlyWhenTheCaseHasOne() {
        MailTemplates builtIn = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "assessmentNotes", "Een webwinkel buiten HomePair.",
                "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat()));
        RenderedMail before = builtIn.render("niet-ontvankelijk", values);
        assertThat(before.text()).contains("Laat het ons dan weten").doesNotContain("bezwaar");
        assertThat(before.html()).contains("Laat het ons dan weten").doesNotContain("bezwaar");

        values.put("objectionDeadline", java.util.Date.from(java.time.Instant.parse("2026-12-04T22:59:59Z")));
        RenderedMail now = builtIn.render("niet-ontvankelijk", values);
        for (String text : new String[] {now.text(), now.html()}) {
            assertThat(text).contains("gemotiveerd bezwaar indienen bij de", "4 december 2026",
                    "alsnog een besluit over de inhoud").doesNotContain("Laat het ons dan weten");
        }
    }

    /**
     * The complainant told that the board changed the measure after the user's objection reads that our judgement of
     * the complaint stands only when their own objection is not with the board or upheld (then they hear of it apart).
     */
    @Test
    void theComplainantHearsOfTheirOwnObjectionApartWhenTheMeasureChanges() {
        MailTemplates builtIn = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        // as the case's entity has them: every property, null when not set
        Map<String, Object> complaint = new java.util.HashMap<>(Map.of("name", "Jan Jansen"));
        complaint.put("objectionReceivedAt", null);
        complaint.put("objectionDeadline", null);
        complaint.put("boardDecision", null);
        complaint.put("status", nl.homepair.complaints.complaint.ComplaintStatus.IN_OBJECTION);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "complaint", complaint,
                "measureReviewOutcome", "MEASURE_LIFTED", "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat()));
        RenderedMail without = builtIn.render("maatregel-herzien-klager", values);
        for (String text : new String[] {without.text(), without.html()}) {
            assertThat(text).contains("ons oordeel over je klacht zelf blijft").doesNotContain("hoor je apart");
        }
        complaint.put("objectionReceivedAt", java.time.Instant.parse("2026-12-01T10:00:00Z"));
        for (nl.homepair.complaints.complaint.BoardDecision decision : new nl.homepair.complaints.complaint.BoardDecision[] {
                null, nl.homepair.complaints.complaint.BoardDecision.UPHELD}) {
            complaint.put("boardDecision", decision);
            RenderedMail pending = builtIn.render("maatregel-herzien-klager", values);
            for (String text : new String[] {pending.text(), pending.html()}) {
                assertThat(text).as(String.valueOf(decision)).contains("over je eigen bezwaar tegen ons besluit hoor je apart")
                        .doesNotContain("blijft zoals we het je schreven");
            }
        }
        complaint.put("boardDecision", nl.homepair.complaints.complaint.BoardDecision.REJECTED);
        assertThat(builtIn.render("maatregel-herzien-klager", values).text()).contains("ons oordeel over je klacht zelf blijft");
        // upheld, revised and closed: nothing more comes about their objection
        complaint.put("boardDecision", nl.homepair.complaints.complaint.BoardDecision.UPHELD);
        complaint.put("status", nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);
        assertThat(builtIn.render("maatregel-herzien-klager", values).text()).contains("ons oordeel over je klacht zelf blijft");
    }

    /**
     * A manager's text that cannot be written (a typo in an expression, a value the mail does not have, a lost subject)
     * does not stop the mail: it leaves with the built-in text. A built-in text that fails still fails (nothing to fall
     * back on, and a missing value there is a bug, not an edit).
     */
    @Test
    void aManagersTextThatCannotBeWrittenSendsTheBuiltInOne() throws Exception {
        Map<String, Object> values = Map.of("about", "klacht KL-2026-000001", "complaint", Map.of("name", "Jan Jansen"));
        MailTemplates builtIn = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        RenderedMail expected = builtIn.render("chatbericht-na-afsluiting", values);
        String goodHtml = "<html><head><title>Eigen onderwerp</title></head><body><p>Eigen tekst</p></body></html>";
        for (String[] broken : new String[][] {
                {goodHtml, "Beste [(${complaint.nmae})], eigen tekst"}, // a value the mail does not have
                {goodHtml, "Beste [(${complaint.name)], eigen tekst"}, // an expression not closed
                {"<html><head></head><body><p>Eigen tekst</p></body></html>", "Eigen tekst"}, // no subject
                {"<html><head><title> </title></head><body><p>Eigen tekst</p></body></html>", "Eigen tekst"},
                {goodHtml, "Beste ${complaint.name}, eigen tekst"}, // an expression Thymeleaf leaves as text in a .txt
                {"<html><head><title>Eigen onderwerp</title></head><body><p>Uw dossier: ${about}</p></body></html>",
                        "Eigen tekst"}, // … and as plain text in the .html
                {goodHtml, "Beste [(${complaint.name})], over [(${abuot})]"}, // a name the mail does not have: shown as nothing
                {"<html><head><title th:text=\"|Eigen onderwerp ${refrence}|\">t</title></head><body><p>Eigen tekst</p></body></html>",
                        "Eigen tekst"}}) { // … or "null" in the subject
            Files.writeString(folder.resolve("chatbericht-na-afsluiting.html"), broken[0], StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("chatbericht-na-afsluiting.txt"), broken[1], StandardCharsets.UTF_8);
            MailTemplates templates = new MailTemplates(properties("file:" + folder + "/"), context);
            assertThat(templates.render("chatbericht-na-afsluiting", values)).as(broken[1]).isEqualTo(expected);
        }
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.html"), goodHtml, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.txt"), "Beste [(${complaint.name})]", StandardCharsets.UTF_8);
        assertThat(new MailTemplates(properties("file:" + folder + "/"), context).render("chatbericht-na-afsluiting", values)
                .text()).isEqualTo("Beste Jan Jansen");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builtIn.render("besluit", Map.of("complaint", Map.of())))
                .isInstanceOf(RuntimeException.class);
        // a text of the manager's own (no built-in one) that cannot be written fails with its own error, not "not found"
        Files.writeString(folder.resolve("eigen-tekst.html"), goodHtml, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("eigen-tekst.txt"), "Beste [(${complaint.nmae})]", StandardCharsets.UTF_8);
        MailTemplates ownText = new MailTemplates(properties("file:" + folder + "/"), context);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ownText.render("eigen-tekst", values))
                .hasStackTraceContaining("nmae");
        // … and one that reads a name the mail does not have goes as it is (a mail beats none; the log says which name)
        Files.writeString(folder.resolve("eigen-tekst.txt"), "Beste [(${complaint.name})][(${abuot})]", StandardCharsets.UTF_8);
        assertThat(new MailTemplates(properties("file:" + folder + "/"), context).render("eigen-tekst", values).text())
                .isEqualTo("Beste Jan Jansen");
        // a name the built-in text reads may be missing from a mail's values (it reads it only when it is there)
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.txt"), "Beste [(${complaint.name})][# th:if=\"${about}\"], over [(${about})][/]",
                StandardCharsets.UTF_8);
        assertThat(new MailTemplates(properties("file:" + folder + "/"), context).render("chatbericht-na-afsluiting",
                Map.of("complaint", Map.of("name", "Jan Jansen"))).text()).isEqualTo("Beste Jan Jansen");
        // and so may a value some cases have (a form's field, here the mediation's outcome), read only when it is there
        Files.writeString(folder.resolve("chatbericht-na-afsluiting.txt"),
                "Beste [(${complaint.name})][# th:if=\"${mediationOutcome}\"], na de bemiddeling[/]", StandardCharsets.UTF_8);
        assertThat(new MailTemplates(properties("file:" + folder + "/"), context).render("chatbericht-na-afsluiting",
                Map.of("complaint", Map.of("name", "Jan Jansen"))).text()).isEqualTo("Beste Jan Jansen");
        MailTemplates withFolder = new MailTemplates(properties("file:" + folder + "/"), context);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withFolder.render("besluit", Map.of("complaint", Map.of())))
                .as("a text the folder does not have is not the manager's").isInstanceOf(RuntimeException.class);
    }

    /** The names a text reads: not a property, a utility, a method, a string, or what the text declares itself. */
    @Test
    void theNamesATextReadsAreItsTopLevelValues() {
        assertThat(MailTemplates.valueNames("<title th:text=\"|Klacht ${reference}|\">t</title><p th:text=\"${fmt.date((a ?: b))}\">x</p>"
                + "<p th:if=\"${c != null and c.after(d)} ? 'ja' : e\">x</p><li th:each=\"g, s : ${groups}\" th:text=\"${g.name + s.index}\">"
                + "<p th:with=\"x=${y}, z=${#strings.trim(w)}\" th:text=\"${x + z + 'tekst met woorden'}\">"
                + "<!-- ${commentaar} --> [(${#dates.format(f)})] [(${T(java.lang.Math).max(h, 1)})]"))
                .containsExactly("a", "b", "c", "d", "f", "fmt", "groups", "h", "reference", "w", "y");
    }

    /** Every built-in text writes its values where Thymeleaf reads them; the check knows each way of writing one. */
    @Test
    void noBuiltInTextShowsAnExpressionAsText() throws Exception {
        for (org.springframework.core.io.Resource text : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources(MailTemplates.BUILT_IN + "*.*")) {
            String source = text.getContentAsString(StandardCharsets.UTF_8);
            assertThat(MailTemplates.literalExpression(source, text.getFilename().endsWith(".html"))).as(text.getFilename()).isEmpty();
        }
        assertThat(MailTemplates.literalExpression("<p th:text=\"${a}\">x</p> [[${b}]] <title th:text=\"|Klacht ${c}|\">t</title>", true))
                .isEmpty();
        assertThat(MailTemplates.literalExpression("[# th:if=\"${a}\"]ja[/] [(${b})]", false)).isEmpty();
        assertThat(MailTemplates.literalExpression("Uw dossier: ${reference}.", false)).contains("${reference}");
        // comments and attributes holding a ] are not text
        assertThat(MailTemplates.literalExpression("<!-- waarden: ${reference} --><p th:text=\"${a}\">x</p>", true)).isEmpty();
        assertThat(MailTemplates.literalExpression("/*[- ${x} -]*/ [# th:if=\"${list[0] == 1}\" th:text=\"${a}\"/]", false))
                .isEmpty();
    }

    /**
     * A section of a built-in mail (*Bezwaar maken*, *Motivering*) begins with a heading, not a bold line: a screen
     * reader's user jumps to it instead of listening through the motivation first.
     */
    @Test
    void aBuiltInMailsSectionsBeginWithHeadings() throws Exception {
        int headings = 0;
        for (org.springframework.core.io.Resource text : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources(MailTemplates.BUILT_IN + "*.html")) {
            String source = text.getContentAsString(StandardCharsets.UTF_8);
            assertThat(source).as(text.getFilename()).doesNotContainPattern("<p>\\s*<(strong|b)>[^<]*</(strong|b)>\\s*</p>");
            headings += source.split("<h2", -1).length - 1;
        }
        assertThat(headings).as("the decisions' and statements' sections").isGreaterThanOrEqualTo(16);
    }

    /**
     * The board's reminder and the mail about a new objection name the date promised to the objector (the complainant,
     * or the user a measure was taken against), and say the board's own term had passed, when that date is later.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "herinnering-bezwaar, directie-nieuw-bezwaar, objection, De klager moet uiterlijk maandag 14 december 2026 het besluit",
        "herinnering-bezwaar-maatregel, directie-nieuw-bezwaar-maatregel, measure, De gebruiker moet uiterlijk maandag 14 december 2026 horen"
    })
    void theBoardsReminderNamesTheDatePromisedToTheObjector(String reminder, String newObjection, String of, String promisedLine) {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        java.util.Date term = java.util.Date.from(java.time.Instant.parse("2026-12-01T22:59:00Z"));
        java.util.Date promised = java.util.Date.from(java.time.Instant.parse("2026-12-14T22:59:00Z"));
        boolean measure = of.equals("measure");
        String termName = measure ? "measureReviewDue" : "objectionReviewDue";
        String promisedName = measure ? "measureReviewAnswerDue" : "objectionAnswerDue";
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "fmt", new DutchFormat(),
                measure ? "measureObjectionReceivedAt" : "objectionReceivedAt",
                java.util.Date.from(java.time.Instant.parse("2026-11-17T09:00:00Z")), termName, term, promisedName, promised));
        for (String mail : java.util.List.of(reminder, newObjection)) {
            RenderedMail late = templates.render(mail, values);
            assertThat(late.text()).as(mail).contains(promisedLine,
                    "De termijn van de directie (uiterlijk dinsdag 1 december 2026) was al voorbij");
            assertThat(late.html()).as(mail).contains("maandag 14 december 2026");
        }
        assertThat(templates.render(reminder, values).subject()).endsWith("verloopt maandag 14 december 2026");
        values.put(promisedName, term);
        assertThat(templates.render(reminder, values).text()).contains("uiterlijk dinsdag 1 december 2026")
                .doesNotContain("was al voorbij");
    }

    /** Files a mail never uses, as they are named, are said in the log at start-up. */
    @Test
    void filesNoMailUsesAreNamed() {
        assertThat(MailTemplates.misnamed(java.util.List.of("besluit.html", "besluit.txt", "Besluit.html", "afsluiting.html.txt",
                "eigen-tekst.html", "eigen-tekst.txt", "herinnering.html", "storing.html"), "storing"::equals))
                .satisfiesExactly(
                        problem -> assertThat(problem).startsWith("Besluit.html is never used"),
                        problem -> assertThat(problem).startsWith("afsluiting.html.txt is never used"),
                        problem -> assertThat(problem).startsWith("herinnering.html is never used without herinnering.txt"));
    }

    /** A folder that is not there (a typo, a path without {@code file:}) stops the start, instead of every text built in. */
    @Test
    void aFolderThatIsNotThereStopsTheStartWithItsName() {
        for (String wrong : new String[] {"file:" + folder + "/bestaat-niet/", "/etc/homepair/mail/"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MailTemplates(properties(wrong), context))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAIL_TEMPLATES").hasMessageContaining(wrong);
        }
        assertThat(new MailTemplates(properties("file:" + folder + "/"), context).exists("besluit")).isTrue();
    }

    /** The complainant never got mediation's end date: the mail says when we meant to finish, not that they were told. */
    @Test
    void theMediationDelayMailSaysWhenWeMeantToFinishIt() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        RenderedMail mail = templates.render("bemiddeling-vertraagd", Map.of("reference", "KL-2026-000001", "complaint",
                Map.of("name", "Jan Jansen"), "fmt", new DutchFormat(), "contactAddress", "contact@homepair.nl",
                "deadline", java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"))));
        assertThat(mail.subject()).isEqualTo("De bemiddeling over je klacht KL-2026-000001 duurt langer dan gepland");
        assertThat(mail.text()).contains("Beste Jan Jansen", "uiterlijk dinsdag 8 december 2026 afronden",
                "nemen wij een besluit").doesNotContain("zou lopen");
        assertThat(mail.html()).contains("uiterlijk", "dinsdag 8 december 2026", "afronden");

        RenderedMail decision = templates.render("besluit-vertraagd", Map.of("reference", "KL-2026-000001", "complaint",
                Map.of("name", "Jan Jansen"), "fmt", new DutchFormat(), "contactAddress", "contact@homepair.nl",
                "deadline", java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"))));
        assertThat(decision.subject()).isEqualTo("Het besluit over je klacht KL-2026-000001 duurt langer dan gepland");
        assertThat(decision.text()).contains("Beste Jan Jansen", "uiterlijk dinsdag 8 december 2026 een besluit nemen",
                "met voorrang", "als je het er niet mee eens bent");
        assertThat(decision.html()).contains("dinsdag 8 december 2026", "met voorrang");

        RenderedMail failed = templates.render("bemiddeling-mislukt", Map.of("reference", "KL-2026-000001", "complaint",
                Map.of("name", "Jan Jansen"), "fmt", new DutchFormat(), "contactAddress", "contact@homepair.nl",
                "decisionDue", java.util.Date.from(java.time.Instant.parse("2026-12-15T22:59:00Z"))));
        assertThat(failed.subject()).isEqualTo("De bemiddeling over je klacht KL-2026-000001 is niet gelukt; wij nemen een besluit");
        assertThat(failed.text()).contains("niet tot een oplossing geleid", "uiterlijk dinsdag 15 december 2026");
    }

    /**
     * The delay mail names the date the complainant was given, and, when a wait for their information moved it, the
     * date it moved to: it said they had been told a date they never were.
     */
    @Test
    void theDelayMailSaysHowTheDateMovedWhileWeWaitedForInformation() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        java.util.Date promised = java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"));
        java.util.Date moved = java.util.Date.from(java.time.Instant.parse("2026-12-15T22:59:00Z"));
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "complaint",
                Map.of("name", "Jan Jansen"), "fmt", new DutchFormat(), "contactAddress", "contact@homepair.nl",
                "assessmentAnswerDue", promised, "deadline", moved));
        RenderedMail afterAWait = templates.render("beoordeling-vertraagd", values);
        assertThat(afterAWait.text()).contains("uiterlijk dinsdag 8 december 2026 zou horen",
                "schoof die datum op naar dinsdag 15 december 2026. Ook dat is niet gelukt");
        assertThat(afterAWait.html()).contains("schoof die datum op naar");

        values.put("deadline", promised);
        RenderedMail asPromised = templates.render("beoordeling-vertraagd", values);
        assertThat(asPromised.text()).contains("uiterlijk dinsdag 8 december 2026 zou horen", "Dat is niet gelukt")
                .doesNotContain("schoof");
        assertThat(asPromised.html()).doesNotContain("schoof");

        // asked after the promise had lapsed: the date moved by the wait lies before the answer came, and was never one
        // the complainant could have waited for
        values.put("deadline", moved);
        values.put("informationReceivedAt", java.util.Date.from(java.time.Instant.parse("2026-12-16T09:00:00Z")));
        RenderedMail movedIntoThePast = templates.render("beoordeling-vertraagd", values);
        assertThat(movedIntoThePast.text()).contains("uiterlijk dinsdag 8 december 2026 zou horen", "Dat is niet gelukt")
                .doesNotContain("schoof");
        assertThat(movedIntoThePast.html()).doesNotContain("schoof");
    }

    /** The closing mail never says no objection came when a mail after the decision was read and judged no objection. */
    @Test
    void theClosingMailSaysWhatBecameOfAMailJudgedNoObjection() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "dispute", Map.of("name", "De Geschillencommissie",
                        "url", "https://www.degeschillencommissie.nl")));
        RenderedMail none = templates.render("afsluiting", values);
        assertThat(none.text()).contains("binnen die termijn hebben we geen bezwaar van je ontvangen").doesNotContain("bij je klacht bewaard");
        values.put("mailJudgedNoObjection", true);
        RenderedMail judged = templates.render("afsluiting", values);
        assertThat(judged.text()).contains("Je bericht na het besluit hebben we gelezen en bij je klacht bewaard")
                .doesNotContain("geen bezwaar van je ontvangen");
        assertThat(judged.html()).contains("bij\n  je klacht bewaard").doesNotContain("geen bezwaar van je ontvangen");
    }

    /** A message judged no objection after the window closed: the mail does not offer to object until a day gone by. */
    @Test
    void theNoObjectionMailOffersTheWindowOnlyWhileItRuns() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "possibleObjectionReceivedAt", java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(3)))));
        // far from now either way: another test may have left the engine's clock moved by weeks
        values.put("objectionDeadline", java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(3650))));
        RenderedMail open = templates.render("geen-bezwaar", values);
        assertThat(open.text()).contains("Wil je wel bezwaar maken tegen het besluit? Dat kan tot en met").doesNotContain("liep tot en met");
        values.put("objectionDeadline", java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(3650))));
        RenderedMail passed = templates.render("geen-bezwaar", values);
        assertThat(passed.text()).contains("De termijn om bezwaar te maken liep tot en met").doesNotContain("Dat kan tot en met");
        assertThat(passed.html()).contains("liep tot en met").doesNotContain("Dat kan tot en met");
    }

    /** R6: the next steps say until when mediation runs, or by when the decision comes. */
    @Test
    void theNextStepsNameTheirDate() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        java.util.Date tuesday = java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"));
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "assessmentNotes", "We bemiddelen.", "assessmentOutcome", "MEDIATION", "mediationDue", tuesday));
        RenderedMail mediation = templates.render("vervolgstappen", values);
        assertThat(mediation.text()).contains("via de HomePair-chat, tot uiterlijk dinsdag 8 december 2026")
                .doesNotContain("Je hoort ons besluit");
        assertThat(mediation.html()).contains("tot uiterlijk <strong>dinsdag 8 december 2026</strong>");
        // where the conversation is, as the other party hears it: the chat's reference, or that a message of ours waits
        assertThat(mediation.text()).contains("We starten het gesprek in de HomePair-chat", "Reageer bij voorkeur in de chat");
        values.put("chatConversationReference", "CHAT-4711");
        assertThat(templates.render("vervolgstappen", values).text())
                .contains("Je vindt het gesprek in de HomePair-chat onder referentie CHAT-4711.")
                .doesNotContain("We starten het gesprek");
        assertThat(templates.render("vervolgstappen", values).html()).contains("<strong>CHAT-4711</strong>");
        values.put("assessmentOutcome", "DIRECT_DECISION");
        values.remove("mediationDue");
        values.put("decisionDue", tuesday);
        RenderedMail decision = templates.render("vervolgstappen", values);
        assertThat(decision.text()).contains("Je hoort ons besluit over je klacht uiterlijk dinsdag 8 december 2026")
                .doesNotContain("HomePair-chat, tot");
    }

    /**
     * After a mail server outage the acknowledgement can leave after the assessment's own mail (its retries are hourly,
     * the assessment's half-hourly): it then promises no assessment that is done, but points to that mail.
     */
    @Test
    void anAcknowledgementAfterTheAssessmentPromisesNoAssessment() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        java.util.Date tuesday = java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"));
        Map<String, Object> complaint = new java.util.HashMap<>(Map.of("name", "Jan Jansen", "receivedAt",
                java.time.Instant.parse("2026-12-01T09:00:00Z")));
        complaint.put("filesLeftOut", null);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "complaint", complaint,
                "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(), "assessmentDue", tuesday));
        assertThat(templates.render("ontvangstbevestiging", values).text())
                .contains("Uiterlijk dinsdag 8 december 2026 laten we je weten").doesNotContain("al beoordeeld");
        for (Map.Entry<String, Object> assessed : Map.<String, Object>of("assessmentOutcome", "MEDIATION",
                "informationRequestedAt", new java.util.Date()).entrySet()) {
            Map<String, Object> after = new java.util.HashMap<>(values);
            after.put(assessed.getKey(), assessed.getValue());
            RenderedMail mail = templates.render("ontvangstbevestiging", after);
            assertThat(mail.text()).as(assessed.getKey()).contains("Intussen hebben we je klacht al beoordeeld")
                    .doesNotContain("Uiterlijk dinsdag", "beoordeelt je klacht");
            assertThat(mail.html()).as(assessed.getKey()).contains("Intussen hebben we je klacht")
                    .doesNotContain("Uiterlijk", "beoordeelt");
        }
    }

    /**
     * The board's "upheld" mail and the revision go side by side; after an outage the revised decision can leave
     * first: the upheld mail then promises no date for it. After an inadmissibility its subject says what its text does.
     */
    @Test
    void anUpheldObjectionMailAfterTheRevisionPointsToIt() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "complaint",
                Map.of("name", "Jan Jansen"), "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "boardMotivation", "Het besluit moet opnieuw.", "revisionDue",
                java.util.Date.from(java.time.Instant.parse("2026-12-08T22:59:00Z"))));
        RenderedMail before = templates.render("bezwaar-gegrond-herziening", values);
        assertThat(before.subject()).isEqualTo("Je bezwaar over klacht KL-2026-000001 is gegrond; we herzien ons besluit");
        assertThat(before.text()).contains("Je ontvangt het herziene besluit uiterlijk dinsdag 8 december 2026.");
        values.put("revisedDecision", "Je klacht is gegrond.");
        RenderedMail after = templates.render("bezwaar-gegrond-herziening", values);
        assertThat(after.text()).contains("Het herziene besluit krijg je in een aparte e-mail.").doesNotContain("uiterlijk");
        assertThat(after.html()).contains("Het\n  herziene besluit krijg je in een aparte e-mail.".replace("\\n", "\n"))
                .doesNotContain("uiterlijk");
        values.put("assessmentOutcome", "INADMISSIBLE");
        RenderedMail inadmissible = templates.render("bezwaar-gegrond-herziening", values);
        assertThat(inadmissible.subject())
                .isEqualTo("Je bezwaar over klacht KL-2026-000001 is gegrond; we nemen je klacht alsnog in behandeling");
        assertThat(inadmissible.text()).contains("Ons besluit over de inhoud van je klacht krijg je in een aparte e-mail.");
        values.remove("revisedDecision");
        assertThat(templates.render("bezwaar-gegrond-herziening", values).text())
                .contains("Je ontvangt ons besluit over de inhoud van je klacht uiterlijk dinsdag 8 december 2026.");
    }

    /** DSA art. 17(3)(a): a suspension says from when; a changed one counts from the first, not from the new statement. */
    @Test
    void aSuspensionSaysFromWhenAndAChangedOneKeepsItsStart() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001", "affectedUserName", "Schilder",
                "measureSuspension", true, "suspensionDuration", "twee weken", "measureFacts", "Drie keer niet gekomen.",
                "termsGround", "Artikel 7.", "fmt", new DutchFormat(), "contactAddress", "contact@homepair.nl",
                "objectionDeadline", java.util.Date.from(java.time.Instant.parse("2027-06-08T21:59:00Z")),
                "dispute", Map.of("name", "De Geschillencommissie", "url", "https://www.degeschillencommissie.nl")));
        RenderedMail first = templates.render("verklaring-van-redenen", values);
        assertThat(first.text()).contains("schorsing van je account op het HomePair-platform, vanaf de datum van deze e-mail (duur: twee weken)");
        assertThat(first.html()).contains("vanaf de datum van deze e-mail");
        values.put("measuresBefore", "measureSuspension (vier weken) #0a1b2c3d");
        values.put("statementReplacesEarlier", true);
        RenderedMail changed = templates.render("verklaring-van-redenen", values);
        assertThat(changed.text()).contains("gerekend vanaf het begin van de eerdere schorsing (duur: twee weken)",
                "Deze verklaring vervangt de vorige").doesNotContain("vanaf de datum van deze e-mail");
        assertThat(changed.html()).contains("gerekend vanaf het begin van de eerdere schorsing", "vervangt de vorige");
        // the revision put the suspension on another user: their first statement, their suspension from now
        values.put("statementReplacesEarlier", false);
        RenderedMail another = templates.render("verklaring-van-redenen", values);
        assertThat(another.text()).contains("vanaf de datum van deze e-mail").doesNotContain("eerdere schorsing", "vervangt de vorige");
        assertThat(another.html()).contains("vanaf de datum van deze e-mail").doesNotContain("eerdere schorsing", "vervangt de vorige");
    }

    /** The user a revision moved the measure away from hears it no longer applies, and nothing of the case or the other user. */
    @Test
    void theUserAMeasureWasMovedAwayFromHearsItNoLongerApplies() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "affectedUserNameBefore", "Schildersbedrijf Verf", "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "affectedUserName", "Schilder Kwast", "measureFacts", "Drie keer niet gekomen."));
        RenderedMail mail = templates.render("maatregel-opgeheven", values);
        assertThat(mail.subject()).isEqualTo("De maatregel in zaak KL-2026-000001 geldt niet meer voor jou");
        assertThat(mail.text()).contains("Beste Schildersbedrijf Verf", "geldt niet meer voor jou", "Je hoeft niets te doen")
                .doesNotContain("Schilder Kwast", "Drie keer");
        assertThat(mail.html()).contains("Schildersbedrijf Verf", "geldt niet meer voor jou").doesNotContain("Schilder Kwast");
        values.put("affectedUserNameBefore", "");
        assertThat(templates.render("maatregel-opgeheven", values).text()).startsWith("Beste gebruiker van HomePair,");
    }

    /** A late first decision after an upheld objection to the inadmissibility is no late "herzien besluit". */
    @Test
    void aLateDecisionAfterAnInadmissibilityIsNotCalledARevision() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "revisionDue", java.util.Date.from(java.time.Instant.parse("2026-12-04T22:59:59Z"))));
        assertThat(templates.render("herziening-vertraagd", values).text()).contains("het herziene besluit");
        values.put("assessmentOutcome", "INADMISSIBLE");
        RenderedMail late = templates.render("herziening-vertraagd", values);
        assertThat(late.subject()).isEqualTo("Ons besluit over klacht KL-2026-000001 laat op zich wachten");
        assertThat(late.text()).contains("ons besluit over de inhoud van klacht", "4 december 2026").doesNotContain("herzien");
        assertThat(late.html()).contains("ons besluit over de inhoud van klacht").doesNotContain("herziene besluit");
    }

    /** The other party of a mediation hears that the complaint was withdrawn, with no verdict implied. */
    @Test
    void theOtherPartyHearsOfAWithdrawal() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        RenderedMail mail = templates.render("klacht-ingetrokken-andere-partij", Map.of("reference", "KL-2026-000001",
                "otherPartyName", "Schildersbedrijf Verf", "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat()));
        assertThat(mail.subject()).isEqualTo("De klacht KL-2026-000001 is ingetrokken");
        assertThat(mail.text()).contains("Beste Schildersbedrijf Verf", "door de klager ingetrokken",
                "Over de klacht is geen oordeel gegeven");
        assertThat(mail.html()).contains("Schildersbedrijf Verf", "geen oordeel");
        // after a mediation that failed, the mediation did not end with the withdrawal
        RenderedMail failed = templates.render("klacht-ingetrokken-andere-partij", Map.of("reference", "KL-2026-000001",
                "otherPartyName", "Schildersbedrijf Verf", "contactAddress", "contact@homepair.nl", "fmt", new DutchFormat(),
                "mediationOutcome", "NOT_RESOLVED"));
        assertThat(failed.text()).contains("De bemiddeling was al afgerond zonder oplossing").doesNotContain("daarmee beëindigd");
        assertThat(failed.html()).contains("al afgerond").doesNotContain("daarmee beëindigd");
    }

    /** "Vermeld het referentienummer": the mail that asks for it names it, as every other mail does. */
    @Test
    void theMailThatTurnsDownAnObjectionNamesTheReferenceItAsksFor() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        RenderedMail mail = templates.render("bericht-niet-verwerkt", Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "contactAddress", "contact@homepair.nl",
                "reason", "Bezwaar is niet meer mogelijk: de bezwaartermijn liep tot en met 3 november 2026."));
        assertThat(mail.text()).contains("vermeld het referentienummer KL-2026-000001 in het onderwerp");
        assertThat(mail.html()).contains("vermeld het referentienummer <strong>KL-2026-000001</strong> in het onderwerp");
    }

    private static MailProperties properties(String templateLocation) {
        return new MailProperties("HomePair <klachten@homepair.nl>", "contact@homepair.nl", "teamleiders@homepair.nl",
                "klachtenteam@homepair.nl", "directie@homepair.nl", templateLocation, java.util.Map.of());
    }
}
