package nl.homepair.complaints.complaint;

import java.util.stream.Stream;

/**
 * A coded answer a user task stores in a process variable (e.g. {@code verdict =
 * "WELL_FOUNDED"}), with the Dutch words the timeline and the case file show. The codes
 * are the values of the forms' radio buttons and of the gateways' conditions;
 * {@code ModelReferencesTest} checks that forms and models use exactly these.
 */
public interface CodedOutcome {

    /** The code as stored in the process variable and compared in the model. */
    String name();

    /** Dutch, for people. */
    String label();

    /** Whether a person chooses this code on the task's form; a code the application records itself is not offered. */
    default boolean chosenByAPerson() {
        return true;
    }

    /** The Dutch words for a code recorded by any task; the code itself when it is unknown. */
    static String labelOf(Object code) {
        if (code == null) {
            return "";
        }
        return Stream.of(AssessmentOutcome.values(), MediationOutcome.values(), Verdict.values(),
                        BoardDecision.values(), AcknowledgementAction.values(), ObjectionJudgement.values(), TriageOutcome.values(),
                        MeasureReviewOutcome.values())
                .flatMap(Stream::of)
                .filter(outcome -> outcome.name().equals(code.toString()))
                .map(CodedOutcome::label)
                .findFirst()
                .orElse(code.toString());
    }
}
