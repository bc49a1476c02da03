package nl.homepair.complaints.reporting;

/** How the pages write figures: Dutch decimal commas, a dash for "no figure". */
public final class ReportFormat {

    static final String NONE = "–";

    public String percent(Double value) {
        return value == null ? NONE : ReportCsv.decimal(value) + "%";
    }

    public String decimal(Double value) {
        return value == null ? NONE : ReportCsv.decimal(value);
    }

    public String number(Integer value) {
        return value == null ? NONE : value.toString();
    }

    /** A week of a chart's table by its Monday: "5 januari 2026". */
    public String week(java.time.LocalDate monday) {
        return nl.homepair.complaints.text.DutchDates.day(monday);
    }

    /** The week's Monday; a week the period cuts says which of its days count. */
    public String week(Report.Week week) {
        return week(week.monday()) + week.cutNote(nl.homepair.complaints.text.DutchDates::day);
    }

    public String share(Report.Share share) {
        return share.measured() == 0 ? "geen zaken" : share.within() + " van " + share.measured();
    }
}
