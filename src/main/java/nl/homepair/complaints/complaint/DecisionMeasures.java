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

    public String againstUser(VariableScope scope) {
        String measures = Measure.againstAUser().stream()
                .filter(m -> Boolean.TRUE.equals(scope.getVariable(m.key())))
                .map(Measure::key)
                .collect(Collectors.joining(","));
        Object duration = scope.getVariable("suspensionDuration");
        return Boolean.TRUE.equals(scope.getVariable(Measure.SUSPENSION.key())) && duration != null
                ? measures + " (" + duration.toString().strip() + ")" : measures;
    }
}
