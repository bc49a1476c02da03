package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.homepair.complaints.tasklist.FormFieldsOnly.FormKeys;
import org.junit.jupiter.api.Test;

/** What a Camunda Form writes and what it only shows, as Camunda Forms submits it. */
class FormFieldsOnlyFormKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFormWritesItsInputFieldsAndOnlyShowsItsReadOnlyOnes() throws Exception {
        FormKeys judge = FormKeys.of(JSON.readTree(Files.readString(Path.of("forms/judge-objection.form"))));

        assertThat(judge.writable("objectionJudgement")).isTrue();
        assertThat(judge.writable("possibleObjectionText")).isFalse();
        assertThat(judge.shown("possibleObjectionText")).isTrue();
        assertThat(judge.writable("complaintId")).isFalse();
        assertThat(judge.shown("complaintId")).isFalse();
    }

    /** A group or dynamic list with a path, and a dotted key, are submitted under their first part. */
    @Test
    void groupsListsAndDottedKeysWriteUnderTheirFirstPart() throws Exception {
        FormKeys form = FormKeys.of(JSON.readTree("""
                {"components": [
                  {"type": "group", "path": "adres", "components": [{"type": "textfield", "key": "straat"}]},
                  {"type": "dynamiclist", "path": "getuigen.lijst", "components": [{"type": "textfield", "key": "naam"}]},
                  {"type": "textfield", "key": "contact.telefoon"},
                  {"type": "textfield", "key": "kenmerk", "readonly": true}
                ]}"""));

        assertThat(form.writable("adres")).isTrue();
        assertThat(form.writable("getuigen")).isTrue();
        assertThat(form.writable("contact")).isTrue();
        assertThat(form.shown("kenmerk")).isTrue();
        assertThat(form.writable("kenmerk")).isFalse();
    }

    @Test
    void aFormThatIsNoCamundaFormKeepsOnlyTheCasesIdentityOutOfReach() throws Exception {
        FormKeys embedded = FormKeys.of(JSON.readTree("{\"html\": \"<form></form>\"}"));

        assertThat(embedded.writable("assessmentNotes")).isTrue();
        assertThat(embedded.writable("complaintId")).isFalse();
        assertThat(embedded.writable("reference")).isFalse();
    }
}
