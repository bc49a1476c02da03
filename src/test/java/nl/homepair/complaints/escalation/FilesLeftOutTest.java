package nl.homepair.complaints.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import nl.homepair.complaints.text.CamundaText;
import org.junit.jupiter.api.Test;

/** The files left out of the affected user's objection, as their acknowledgement lists them: whole lines only. */
class FilesLeftOutTest {

    @Test
    void aListTooLongForTheEngineEndsWithHowManyMoreNotWithAHalfLine() {
        String line = "Bijlage \"" + "x".repeat(180) + ".heic\" niet opgenomen: dit soort bestand nemen we niet op.";
        String listed = AffectedUserObjectionService.wholeLines(Collections.nCopies(30, line));

        assertThat(listed.length()).isLessThanOrEqualTo(CamundaText.MAX);
        List<String> lines = listed.lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line::equals);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("En nog " + (30 - (lines.size() - 1)) + " bijlagen.");
        assertThat(AffectedUserObjectionService.wholeLines(List.of("a", "b"))).isEqualTo("a\nb");
    }
}
