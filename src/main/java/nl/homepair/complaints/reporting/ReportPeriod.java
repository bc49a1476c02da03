package nl.homepair.complaints.reporting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The period a caller asks for: {@code from} and {@code to} as YYYY-MM-DD, by default this year so far. */
record ReportPeriod(LocalDate from, LocalDate to) {

    static final int MAX_YEARS = 10;

    static ReportPeriod of(String from, String to) {
        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate();
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = day(from, today.withDayOfYear(1), "from", errors);
        LocalDate end = day(to, today, "to", errors);
        if (errors.isEmpty() && end.isBefore(start)) {
            errors.add(new FieldError("to", "De einddatum ligt voor de begindatum."));
        } else if (errors.isEmpty() && start.plusYears(MAX_YEARS).isBefore(end)) {
            // a week per bar and per CSV section: a century of weeks helps nobody
            errors.add(new FieldError("to", "Kies een periode van hoogstens " + MAX_YEARS + " jaar."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        return new ReportPeriod(start, end);
    }

    /** A calendar year, for the transparency summary. */
    static ReportPeriod year(int year) {
        if (year < 2000 || year > 2999) {
            throw new InvalidSubmissionException(List.of(new FieldError("year", "Geef een jaar, bijvoorbeeld 2026.")));
        }
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    private static LocalDate day(String value, LocalDate fallback, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31."));
            return fallback;
        }
    }
}
