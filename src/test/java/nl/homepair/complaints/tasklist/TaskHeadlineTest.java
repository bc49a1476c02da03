package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import nl.homepair.complaints.complaint.Complaint;
import org.junit.jupiter.api.Test;

/** A task's name in Tasklist: its step, the case's reference and the complainant. */
class TaskHeadlineTest {

    @Test
    void aTaskWithoutANameStillGetsTheCaseInItsHeadline() {
        Complaint complaint = mock(Complaint.class);
        when(complaint.getReference()).thenReturn("KL-2026-000042");
        when(complaint.getName()).thenReturn("Jan Jansen");

        assertThat(TaskHeadline.headline("Eerste beoordeling", complaint)).isEqualTo("Eerste beoordeling KL-2026-000042 - Jan Jansen");
        // a model deployed before the deploy check asked for a name: no NullPointerException when the task is made
        assertThat(TaskHeadline.headline(null, complaint)).isEqualTo("Taak KL-2026-000042 - Jan Jansen");
        assertThat(TaskHeadline.headline("  ", complaint)).isEqualTo("Taak KL-2026-000042 - Jan Jansen");
    }
}
