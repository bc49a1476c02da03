package nl.homepair.complaints.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;

/** The board reads its cases; casework on a case is for those who handle it, also when a director handles for a team. */
class CaseAccessTest {

    private final ComplaintRepository complaints = mock(ComplaintRepository.class);
    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final HandlerGroups handlerGroups = mock(HandlerGroups.class);
    private final CaseGroups caseGroups = mock(CaseGroups.class);
    private final CaseAccess access = new CaseAccess(complaints, currentUser, handlerGroups, caseGroups,
            mock(TaskService.class, RETURNS_DEEP_STUBS), mock(RuntimeService.class));

    private Complaint objectionCase(boolean handledByTheTeam) {
        Complaint complaint = mock(Complaint.class);
        when(complaint.getId()).thenReturn(7L);
        when(complaint.getReference()).thenReturn("KL-2026-000007");
        when(complaint.getObjectionReceivedAt()).thenReturn(Instant.parse("2026-06-01T10:00:00Z"));
        when(complaints.findByReference("KL-2026-000007")).thenReturn(Optional.of(complaint));
        when(handlerGroups.includes("gedrag")).thenReturn(true);
        when(caseGroups.involves(anyLong(), anyCollection())).thenReturn(handledByTheTeam);
        when(currentUser.id()).thenReturn(Optional.of("dirk"));
        return complaint;
    }

    @Test
    void aDirectorWhoHandlesForOneTeamDoesCaseworkOnlyOnThatTeamsCases() {
        when(currentUser.groups()).thenReturn(List.of(Groups.DIRECTORS, "gedrag"));
        Complaint otherTeams = objectionCase(false);

        assertThat(access.forStaff("KL-2026-000007")).as("the board reads it").isSameAs(otherTeams);
        assertThat(access.doesCaseworkOn(otherTeams)).isFalse();
        assertThatThrownBy(() -> access.forCasework("KL-2026-000007")).isInstanceOf(CaseRefused.class)
                .hasMessageContaining(CaseAccess.OTHER_TEAM);
        // nor through the steps a form starts: a letter's objection, a set-aside mail put with the case
        assertThat(access.staffMayAct(otherTeams)).isFalse();

        when(caseGroups.involves(anyLong(), anyCollection())).thenReturn(true);
        assertThat(access.forCasework("KL-2026-000007")).isSameAs(otherTeams);
        assertThat(access.staffMayAct(otherTeams)).isTrue();
    }

    @Test
    void aDirectorAloneReadsAndIsToldSo() {
        when(currentUser.groups()).thenReturn(List.of(Groups.DIRECTORS));
        objectionCase(false);
        assertThatThrownBy(() -> access.forCasework("KL-2026-000007")).isInstanceOf(CaseRefused.class)
                .hasMessageContaining("De directie beoordeelt bezwaren");
        assertThat(access.staffMayAct(access.forStaff("KL-2026-000007"))).isFalse();
    }
}
