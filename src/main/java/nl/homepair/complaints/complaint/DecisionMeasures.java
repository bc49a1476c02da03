package nl.homepair.complaints.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
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

    /**
     * The measures against a user, and with any, whom they hit and why (DSA art. 17): a revision that keeps a warning
     * but puts it on another user (the first was the wrong one), or on other facts or another ground of the terms, is
     * a new decision for the user it now hits. Whom and why are kept as a fingerprint, so that the process variable
     * that holds the value before a revision ({@code measuresBefore}) names no one.
     */
    public String againstUser(VariableScope scope) {
        String measures = Measure.againstAUser().stream()
                .filter(m -> Boolean.TRUE.equals(scope.getVariable(m.key())))
                .map(Measure::key)
                .collect(Collectors.joining(","));
        if (measures.isEmpty()) {
            return measures;
        }
        Object duration = scope.getVariable(ComplaintProcess.VAR_SUSPENSION_DURATION);
        String what = Boolean.TRUE.equals(scope.getVariable(Measure.SUSPENSION.key())) && duration != null
                ? measures + " (" + duration.toString().strip() + ")" : measures;
        return what + " #" + fingerprint(String.valueOf(scope.getVariable("affectedUserEmail")).strip().toLowerCase(Locale.ROOT),
                String.valueOf(scope.getVariable("measureFacts")).strip(), String.valueOf(scope.getVariable("termsGround")).strip());
    }

    private static String fingerprint(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
