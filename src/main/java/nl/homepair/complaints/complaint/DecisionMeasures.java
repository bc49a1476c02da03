package nl.homepair.complaints.complaint;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The measures against a user that a decision holds, as one comparable text, so that the
 * model can tell whether a revised decision changed them (then the affected user gets a new
 * statement of reasons, DSA art. 17): {@code ${decisionMeasures.againstUser(execution) != measuresBefore}}.
 */
@Component("decisionMeasures")
public class DecisionMeasures {

    /** The affected user's objection was upheld in full: no measure against them remains. */
    public void liftAll(VariableScope scope) {
        Measure.againstAUser().forEach(m -> scope.setVariable(m.key(), false));
    }

    /**
     * A decision revised to unfounded takes no measure: the form hides the measures then, and a
     * hidden field is not submitted, so the first decision's values would otherwise stay
     * ({@code ${decisionMeasures.noneIfUnfounded(execution)}} at the revision's end).
     */
    public void noneIfUnfounded(VariableScope scope) {
        if (Verdict.UNFOUNDED.name().equals(scope.getVariable(ComplaintProcess.VAR_VERDICT))) {
            for (Measure measure : Measure.values()) {
                scope.setVariable(measure.key(), false);
            }
        }
    }

    public String againstUser(VariableScope scope) {
        String measures = Measure.againstAUser().stream()
                .filter(m -> Boolean.TRUE.equals(scope.getVariable(m.key())))
                .map(Measure::key)
                .collect(Collectors.joining(","));
        Object duration = scope.getVariable(ComplaintProcess.VAR_SUSPENSION_DURATION);
        return Boolean.TRUE.equals(scope.getVariable(Measure.SUSPENSION.key())) && duration != null
                ? measures + " (" + duration.toString().strip() + ")" : measures;
    }
}
