package nl.homepair.complaints.complaint;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nl.homepair.complaints.cluster.ClusterSettings;
import nl.homepair.complaints.cluster.SharedKey;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The measures against a user that a decision holds, as one comparable text, so that the
 * model can tell whether a revised decision changed them (then the affected user gets a new
 * statement of reasons, DSA art. 17): {@code ${decisionMeasures.againstUser(execution) != measuresBefore}}.
 */
@Component("decisionMeasures")
public class DecisionMeasures {

    static final String KEY_SETTING = "measure-fingerprint-key";

    private final SharedKey key;

    /** With the cluster's key for the fingerprint of whom the measures hit (made by the first node that needs it). */
    @Autowired
    public DecisionMeasures(ClusterSettings settings) {
        this.key = settings.hmacKey(KEY_SETTING);
    }

    /** With this key (tests of the models without the application). */
    public DecisionMeasures(Supplier<byte[]> key) {
        this.key = new SharedKey(key);
    }

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
            // nor advice on next steps, which the revised decision's mail would otherwise repeat
            if (scope.hasVariable(NEXT_STEPS_ADVICE)) {
                scope.setVariable(NEXT_STEPS_ADVICE, null);
            }
        }
    }

    /** The advice on next steps of a (partly) well-founded decision (R8, §3), in the decision mail. */
    public static final String NEXT_STEPS_ADVICE = "nextStepsAdvice";

    /** Whether a (partly) well-founded verdict comes with a measure or advice on next steps, as §3 promises. */
    public static boolean measureOrAdvice(VariableScope scope) {
        Object advice = scope.getVariable(NEXT_STEPS_ADVICE);
        return (advice instanceof String text && !text.isBlank()) || java.util.Arrays.stream(Measure.values())
                .anyMatch(m -> m.tickedIn(scope));
    }

    /**
     * The measures against a user, and with any, whom they hit and why (DSA art. 17): a revision that keeps a warning
     * but puts it on another user (the first was the wrong one), or on other facts or another ground of the terms, is
     * a new decision for the user it now hits. Whom and why are kept as a keyed fingerprint, so that the process
     * variable that holds the value before a revision ({@code measuresBefore}) names no one.
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
        return what + " #" + fingerprint(text(scope, "affectedUserEmail").toLowerCase(Locale.ROOT),
                text(scope, "measureFacts"), text(scope, "termsGround"));
    }

    /**
     * Remembers, when a revision or a review begins, the measures against a user as they stand ({@code measuresBefore})
     * and, with one, whom it hit ({@code affectedUserEmailBefore}, {@code affectedUserNameBefore}): the user a new
     * statement replaces the earlier one for, or who is told the measure no longer applies to them.
     */
    public void rememberBefore(VariableScope scope) {
        String before = againstUser(scope);
        scope.setVariable("measuresBefore", before);
        if (!before.isEmpty()) {
            scope.setVariable("affectedUserEmailBefore", text(scope, "affectedUserEmail"));
            scope.setVariable("affectedUserNameBefore", text(scope, "affectedUserName"));
        }
    }

    /**
     * Whether the measure the user had before a revision no longer applies to them: the revision put it on another
     * user (or on no one named) while they had one. They are told so ({@code maatregel-opgeheven}); the user it now
     * hits gets a first statement of reasons. A revision that lifts every measure tells the same user in its statement.
     */
    public boolean movedAwayFrom(VariableScope scope) {
        if (!(scope.getVariable("measuresBefore") instanceof String before) || before.isEmpty()
                || !(scope.getVariable("affectedUserEmailBefore") instanceof String earlier) || earlier.isBlank()) {
            return false;
        }
        return !earlier.strip().equalsIgnoreCase(text(scope, "affectedUserEmail"));
    }

    /**
     * Whether a statement of reasons now replaces one the same user had before: only then does it say so, and count a
     * suspension from the earlier one's start. A revision that puts the measure on another user (the first was the
     * wrong one) gives that user a first statement. A revision begun before the earlier user was remembered: as before.
     */
    public boolean replacesEarlierStatement(VariableScope scope) {
        return scope.getVariable("measuresBefore") instanceof String before && !before.isEmpty() && !movedAwayFrom(scope);
    }

    /** A variable's text as a person means it: spaces and line breaks do not make another decision. */
    private static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? "" : value.toString().replaceAll("\\s+", " ").strip();
    }

    /**
     * Keyed with the cluster's secret (HMAC-SHA256), so that whoever reads {@code measuresBefore} in a case's history
     * cannot test a guessed address against it.
     */
    private String fingerprint(String... parts) {
        return HexFormat.of().formatHex(key.sign(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
