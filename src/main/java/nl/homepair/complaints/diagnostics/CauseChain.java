package nl.homepair.complaints.diagnostics;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An exception and its causes in one log line: class names and messages, so that a
 * failure can be diagnosed from the log alone (issue 11), without the personal data a
 * database message may quote. H2 quotes the offending value in single quotes, PostgreSQL
 * in {@code Key (column)=(value)} and {@code Failing row contains (…)}; those parts are
 * left out, the rest (constraint, column, SQL state) stays. So are e-mail addresses, which a
 * mail server's refusal names ({@code 550 5.1.1 <jan@voorbeeld.nl> unknown}): a log is kept
 * outside the case and outlives its erasure (R13).
 */
public final class CauseChain {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_MESSAGE = 400;
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'");
    /** A value an expression could not convert, as JUEL quotes it. */
    private static final Pattern COERCED = Pattern.compile("(?i)(coerce\\s+)'(?:[^']|'')*'");
    /** Quoted text with a space or a line in it: a value, not an element id or a key. */
    private static final Pattern QUOTED_WORDS = Pattern.compile(
            "(?<![\\p{L}\\d])'(?=\\S)(?:[^']|'')*?\\s(?:[^']|'')*?(?<=\\S)'(?![\\p{L}\\d])");
    /** A value as the FEEL engine writes it in its messages. */
    private static final Pattern FEEL_VALUE = Pattern.compile("\\b(ValString|ValNumber|ValDate|ValDateTime|ValLocalDateTime)\\((?:[^()]|\\([^()]*\\))*\\)");
    private static final Pattern KEY_VALUE = Pattern.compile("\\)=\\((?:[^()]|\\([^()]*\\))*\\)");
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[\\p{L}\\d.!#$%&*+/=?^_`{|}~-]+@[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)+");
    private static final Pattern FAILING_ROW = Pattern.compile("(?s)Failing row contains \\(.*?\\)(?=\\.?\\s*$|\\.?\\s*\\n)");

    private CauseChain() {
    }

    /** E.g. {@code a.B: message <- c.D: message (SQLState 23505)}. */
    public static String of(Throwable e) {
        return causes(e).map(CauseChain::describe).collect(Collectors.joining(" <- "));
    }

    private static String describe(Throwable cause) {
        StringBuilder one = new StringBuilder(cause.getClass().getName());
        String message = cause.getMessage();
        if (message != null && !message.isBlank()) {
            one.append(": ").append(redact(message));
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            one.append(" (SQLState ").append(sql.getSQLState()).append(')');
        }
        return one.toString();
    }

    /** The exception and its causes, each once, at most {@value #MAX_DEPTH} (a chain may loop). */
    public static Stream<Throwable> causes(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(e, cause -> cause != null && seen.add(cause), Throwable::getCause).limit(MAX_DEPTH);
    }

    static String redact(String message) {
        String safe = withoutPersonalData(message, true).replaceAll("\\s+", " ").trim();
        return safe.length() > MAX_MESSAGE ? safe.substring(0, MAX_MESSAGE) + "…" : safe;
    }

    /**
     * A message without the e-mail addresses and database values it may quote; {@code quotedValues} also leaves out
     * every text in single quotes (how H2 quotes a value, but also how the engine names an element).
     */
    private static String withoutPersonalData(String message, boolean quotedValues) {
        String safe = MAIL_ADDRESS.matcher(message).replaceAll("…@…");
        if (quotedValues) {
            safe = QUOTED.matcher(safe).replaceAll("'…'");
        } else {
            // an expression that failed on a variable's value quotes the value ("Cannot coerce 'Jansen Klussen B.V.' of
            // class java.lang.String to int", FEEL's ValString(…)); an element id the engine quotes has no space
            safe = COERCED.matcher(safe).replaceAll("$1'…'");
            safe = QUOTED_WORDS.matcher(safe).replaceAll("'…'");
            safe = FEEL_VALUE.matcher(safe).replaceAll("$1(…)");
        }
        safe = KEY_VALUE.matcher(safe).replaceAll(")=(…)");
        return FAILING_ROW.matcher(safe).replaceAll("Failing row contains (…)");
    }

    /**
     * What a failed job keeps of its failure, for Cockpit's incidents and the job's stack trace, which team leads and
     * managers read (R12: managers see where cases wait, not what they hold; R13: an incident outlives the case's
     * erasure in the engine's history): the message without e-mail addresses, database values and the values an
     * expression failed on (a manager could otherwise write a step that fails on purpose on a name, and read it). The
     * engine's own messages keep the element ids they quote, unless a database refusal is among the causes (H2 quotes
     * the values of a row the same way).
     */
    public static String forJob(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? null : withoutPersonalData(message, fromTheDatabase(failure));
    }

    /** The stack trace of a failed job as {@link Throwable#printStackTrace()} writes it, with messages as {@link #forJob}. */
    public static String stackTraceForJob(Throwable failure) {
        boolean database = fromTheDatabase(failure);
        StringBuilder trace = new StringBuilder();
        causes(failure).forEach(cause -> {
            if (cause != failure) {
                trace.append("Caused by: ");
            }
            trace.append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                trace.append(": ").append(withoutPersonalData(cause.getMessage(), database));
            }
            trace.append('\n');
            for (StackTraceElement frame : cause.getStackTrace()) {
                trace.append("\tat ").append(frame).append('\n');
            }
        });
        return trace.toString();
    }

    private static boolean fromTheDatabase(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof SQLException);
    }
}
