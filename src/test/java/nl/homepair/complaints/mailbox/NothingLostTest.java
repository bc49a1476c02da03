package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;

/** R2/R14 through the real mailbox: what a complainant mails about a case is never lost. */
class NothingLostTest extends MailboxTestSupport {

    @Test
    void aLatePhotoBecomesEvidenceOfTheCaseWithATimelineEntry() throws Exception {
        Complaint complaint = decidedCase("Fenna Foto", "fenna@example.nl");
        int before = evidenceOf(complaint);

        receive(mail("fenna@example.nl", "Nog een foto " + complaint.getReference(), "Hierbij nog een foto van de schade.",
                Map.of("schade.png", PNG)));

        assertThat(evidenceOf(complaint)).isEqualTo(before + 1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.equals("Bewijsstuk toegevoegd uit de e-mail: schade.png"))
                .anyMatch(s -> s.contains("Hierbij nog een foto van de schade."));
    }

    @Test
    void aRefusedObjectionKeepsItsTextAndFilesOnTheCase() throws Exception {
        String reference = submitted("Rutger Te Vroeg", "rutger@example.nl");
        Complaint complaint = complaints.findByReference(reference).orElseThrow();

        receive(mail("rutger@example.nl", "Bezwaar " + reference, "Ik maak bezwaar: de klusser liegt, zie de foto.",
                Map.of("bewijs.png", PNG)));

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Ik maak bezwaar: de klusser liegt, zie de foto."))
                .anyMatch(s -> s.startsWith("Bezwaar per e-mail niet in behandeling genomen"));
        assertThat(evidenceOf(complaint)).isEqualTo(1);
        // the answer says what happened to the mail: kept with the complaint, not taken up as an objection
        assertThat(mailsTo("rutger@example.nl")).anyMatch(m -> text(m).contains("nog geen besluit")
                && text(m).contains("bij je klacht bewaard") && !text(m).contains("kunnen hem niet in behandeling nemen:\n"));
    }

    @Test
    void aMailFromAnotherAddressKeepsItsTextAndFilesInTheHandlersTask() throws Exception {
        Complaint complaint = decidedCase("Gijs Echt", "gijs@example.nl");
        int before = timelineOf(complaint).size();

        receive(mail("Andere Partij <klusser@example.org>", "Re: " + complaint.getReference(),
                "Ik ben de klusser en wil mijn kant vertellen.", Map.of("offerte.png", PNG)));

        assertThat(timelineOf(complaint)).hasSize(before);
        assertThat(evidenceOf(complaint)).isZero();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), "mailText").toString()).contains("mijn kant vertellen");
        assertThat(taskService.getVariable(task.getId(), "mailAttachments").toString()).contains("offerte\\.png");
        FileValue file = taskService.getVariableTyped(task.getId(), "mailAttachment1");
        assertThat(file.getFilename()).isEqualTo("offerte.png");
        assertThat(file.getValue().readAllBytes()).isEqualTo(PNG);
    }
}
