package nl.homepair.complaints.casework;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The staff pages' links open Tasklist of the engine the application runs, not always "default". */
class CaseworkLinksTest {

    @Test
    void theLinksNameTheApplicationsEngineAndSortByDeadline() {
        CaseworkLinks links = new CaseworkLinks("klachten zuid");

        assertThat(links.tasklist()).startsWith("/camunda/app/tasklist/klachten%20zuid/#/?sorting=")
                .contains("dueDate").contains("created");
        assertThat(links.task("4f2a")).isEqualTo(links.tasklist() + "&task=4f2a");
    }
}
