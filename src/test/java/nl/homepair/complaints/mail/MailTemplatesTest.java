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
                {"<html><head><title> </title></head><body><p>Eigen tekst</p></body></html>", "Eigen tekst"}}) {
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
        MailTemplates withFolder = new MailTemplates(properties("file:" + folder + "/"), context);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withFolder.render("besluit", Map.of("complaint", Map.of())))
                .as("a text the folder does not have is not the manager's").isInstanceOf(RuntimeException.class);
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
    }

    /** The closing mail never says no objection came when a mail after the decision was read and judged no objection. */
    @Test
    void theClosingMailSaysWhatBecameOfAMailJudgedNoObjection() {
        MailTemplates templates = new MailTemplates(properties(MailTemplates.BUILT_IN), context);
        Map<String, Object> values = new java.util.HashMap<>(Map.of("reference", "KL-2026-000001",
                "complaint", Map.of("name", "Jan Jansen"), "dispute", Map.of("name", "De Geschillencommissie",
                        "url", "https://www.degeschillencommissie.nl")));
        RenderedMail none = templates.render("afsluiting", values);
        assertThat(none.text()).contains("we hebben geen bezwaar van je ontvangen").doesNotContain("bij je klacht bewaard");
        values.put("mailJudgedNoObjection", true);
        RenderedMail judged = templates.render("afsluiting", values);
        assertThat(judged.text()).contains("Je e-mail na het besluit hebben we gelezen en bij je klacht bewaard")
                .doesNotContain("geen bezwaar van je ontvangen");
        assertThat(judged.html()).contains("bij\n  je klacht bewaard").doesNotContain("geen bezwaar van je ontvangen");
    }

    private static MailProperties properties(String templateLocation) {
        return new MailProperties("HomePair <klachten@homepair.nl>", "contact@homepair.nl", "teamleiders@homepair.nl",
                "klachtenteam@homepair.nl", "directie@homepair.nl", templateLocation, java.util.Map.of());
    }
}
