package nl.homepair.complaints.complaint;

import java.util.Arrays;
import java.util.List;

/**
 * A measure the handler can take on a (partly) well-founded complaint (R8). Each is a
 * checkbox of the decision form and a Boolean process variable named {@link #key()}; the
 * ones against a user lead to a statement of reasons (DSA art. 17), routed by the
 * condition of {@code Flow_MeasureAgainstUser}.
 */
public enum Measure {
    WARNING("measureWarning", "Waarschuwing aan een gebruiker", true),
    SUSPENSION("measureSuspension", "Tijdelijke schorsing van een gebruiker", true),
    REMOVAL("measureRemoval", "Verwijdering van een gebruiker van het platform", true),
    COMPENSATION_ADVICE("measureCompensationAdvice", "Advies over vergoeding", false),
    INTERNAL_IMPROVEMENT("measureInternalImprovement", "Interne verbetering bij HomePair", false);

    private final String key;
    private final String label;
    private final boolean againstUser;

    Measure(String key, String label, boolean againstUser) {
        this.key = key;
        this.label = label;
        this.againstUser = againstUser;
    }

    /** The form field and process variable. */
    public String key() {
        return key;
    }

    /** Dutch, as the decision form shows it. */
    public String label() {
        return label;
    }

    /** Whether the measure hits the other party, which then gets a statement of reasons. */
    public boolean againstUser() {
        return againstUser;
    }

    public static List<Measure> againstAUser() {
        return Arrays.stream(values()).filter(Measure::againstUser).toList();
    }

    /** Whether this measure's box is ticked in the scope's variables ({@link #ticked}). */
    public boolean tickedIn(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ticked(scope.getVariable(key));
    }

    /** Whether a form's box is ticked: {@code true}, also as the text a client of the engine's REST API may send. */
    public static boolean ticked(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
