package nl.homepair.complaints.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.text.CamundaText;
import org.junit.jupiter.api.Test;

/** What the board reads as the motivation of an objection a handler judged: the message, and the handler's words whole. */
class JudgedObjectionMotivationTest {

    @Test
    void theHandlersWordsStayWholeAndTheMessageIsCutForThem() {
        String notes = "De klager belde: de lekkage is niet verholpen, zie de foto's in de bijlage.";
        String message = "Eerste bericht. " + "En nog meer tekst over de schilder. ".repeat(150);

        String motivation = AcceptJudgedObjectionDelegate.motivation(message, notes);

        assertThat(motivation).hasSizeLessThanOrEqualTo(CamundaText.MAX).startsWith("Eerste bericht.")
                .endsWith("Volgens de behandelaar: " + notes).contains("het hele bericht staat op de tijdlijn");
        assertThat(AcceptJudgedObjectionDelegate.motivation("Zie de foto.", " ")).isEqualTo("Zie de foto.");
        assertThat(AcceptJudgedObjectionDelegate.motivation("Zie de foto.", notes))
                .isEqualTo("Zie de foto.\n\nVolgens de behandelaar: " + notes);
    }
}
