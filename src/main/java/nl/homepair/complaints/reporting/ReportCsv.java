package nl.homepair.complaints.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The report as CSV for a spreadsheet, in Dutch: semicolons and decimal commas, as Dutch
 * Excel opens them. One row per figure: section, code, description, value, percentage.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(Report r) {
        StringBuilder csv = new StringBuilder("sectie;code;omschrijving;waarde;percentage\r\n");
        row(csv, "periode", "FROM", "Ontvangen vanaf", r.period().from().toString(), null);
        row(csv, "periode", "TO", "Ontvangen tot en met", r.period().to().toString(), null);
        row(csv, "totaal", "RECEIVED", "Ontvangen zaken", Long.toString(r.received()), null);
        row(csv, "totaal", "COMPLAINTS", "Klachten (zonder 'geen klacht')", Long.toString(r.complaints()), null);
        counts(csv, "rol", r.byRole());
        counts(csv, "onderwerp", r.bySubject());
        counts(csv, "kanaal", r.byChannel());
        counts(csv, "uitkomst", r.outcomes());
        share(csv, "ACKNOWLEDGED_WITHIN_2", "Ontvangst bevestigd binnen 2 werkdagen", r.acknowledgedWithin2());
        share(csv, "ASSESSED_WITHIN_5", "Eerste beoordeling binnen 5 werkdagen (wachttijd op de klager niet meegeteld)",
                r.assessedWithin5());
        duration(csv, "ACKNOWLEDGEMENT", "tot de ontvangstbevestiging", r.durations().acknowledgement());
        duration(csv, "FIRST_ASSESSMENT", "tot de eerste beoordeling (zonder wachttijd)", r.durations().firstAssessment());
        duration(csv, "DECISION", "tot het besluit", r.durations().decision());
        duration(csv, "CLOSING", "tot het afsluiten", r.durations().closing());
        duration(csv, "HANDLING", "behandeltijd (tot het besluit, zonder besluit tot het afsluiten)", r.durations().handling());
        Report.Escalations e = r.escalations();
        row(csv, "bezwaar", "OBJECTIONS", "Bezwaren bij de directie", Long.toString(e.objections()), null);
        counts(csv, "besluit directie", e.boardDecisions());
        row(csv, "bezwaar", "AFFECTED_USER_OBJECTIONS", "Bezwaren van betrokken gebruikers tegen een maatregel",
                Long.toString(e.affectedUserObjections()), null);
        counts(csv, "besluit over maatregel", e.measureReviews());
        row(csv, "bezwaar", "DISPUTE_REFERRALS", "Voorgelegd aan onafhankelijke geschiloplossing",
                Long.toString(e.disputeReferrals()), null);
        for (Report.Week week : r.weeks()) {
            // a week cut by the period says which of its days count: the same week in two periods' files is two parts
            String section = "week van " + week.monday() + week.cutNote(LocalDate::toString);
            counts(csv, section, week.byChannel());
            share(csv, section, "ACKNOWLEDGED_WITHIN_2", "Ontvangst bevestigd binnen 2 werkdagen", week.acknowledgedWithin2());
            share(csv, section, "ASSESSED_WITHIN_5", "Eerste beoordeling binnen 5 werkdagen", week.assessedWithin5());
        }
        for (Report.OpenStep step : r.open()) {
            row(csv, "open nu", step.code(), step.label(), Long.toString(step.open()), null);
            row(csv, "te laat nu", step.code(), step.label(), Long.toString(step.late()), null);
        }
        return csv.toString();
    }

    private static void counts(StringBuilder csv, String section, List<Report.Count> counts) {
        for (Report.Count c : counts) {
            row(csv, section, c.code(), c.label(), Long.toString(c.count()), c.percentage());
        }
    }

    private static void share(StringBuilder csv, String code, String label, Report.Share share) {
        share(csv, "termijn", code, label, share);
    }

    private static void share(StringBuilder csv, String section, String code, String label, Report.Share share) {
        row(csv, section, code + "_MEASURED", label + ": gemeten zaken", Long.toString(share.measured()), null);
        row(csv, section, code, label, Long.toString(share.within()), share.percentage());
    }

    private static void duration(StringBuilder csv, String code, String label, Report.Duration d) {
        row(csv, "werkdagen", code + "_CASES", "Zaken " + label, Long.toString(d.cases()), null);
        row(csv, "werkdagen", code + "_MEDIAN", "Mediaan " + label, number(d.median()), null);
        row(csv, "werkdagen", code + "_P90", "90e percentiel " + label, number(d.p90()), null);
        row(csv, "werkdagen", code + "_AVERAGE", "Gemiddelde " + label, decimal(d.average()), null);
    }

    private static void row(StringBuilder csv, String section, String code, String label, String value, Double percentage) {
        csv.append(cell(section)).append(';').append(cell(code)).append(';').append(cell(label)).append(';')
                .append(cell(value)).append(';').append(decimal(percentage)).append("\r\n");
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    static String decimal(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    /** Our own labels only, but quoted when they hold a separator or a quote. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(";") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
