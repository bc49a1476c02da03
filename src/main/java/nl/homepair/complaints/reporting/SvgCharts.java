package nl.homepair.complaints.reporting;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.text.DutchDates;
import org.springframework.web.util.HtmlUtils;

/**
 * The page's charts as inline SVG, drawn on the server: no script, no library, nothing from
 * another site (the page's Content-Security-Policy allows none). Colours are attributes, not
 * styles, for the same reason. Each chart has a title for screen readers; the page shows the
 * same figures in tables beside it.
 */
final class SvgCharts {

    static final String[] CHANNEL_COLOURS = {"#2f6db5", "#e08a1e", "#3a9a4a", "#8a5cb8", "#888888"};
    static final String ACKNOWLEDGEMENT_COLOUR = "#2f6db5";
    static final String ASSESSMENT_COLOUR = "#3a9a4a";
    static final String OUTCOME_COLOUR = "#5b7fa8";
    static final String ON_TIME_COLOUR = "#8cbf8c";
    static final String LATE_COLOUR = "#c8372d";

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", DutchDates.DUTCH);
    private static final String FONT = " font-family=\"sans-serif\" font-size=\"11\" fill=\"#333\"";

    private SvgCharts() {
    }

    /** Complaints received per week, stacked by channel. */
    static String casesPerWeek(List<Report.Week> weeks) {
        int width = 760;
        int height = 280;
        int left = 44;
        int right = 10;
        int top = 34;
        int bottom = 40;
        long max = Math.max(1, weeks.stream().mapToLong(Report.Week::received).max().orElse(0));
        long step = niceStep(max);
        long ceiling = ((max + step - 1) / step) * step;
        StringBuilder svg = open("chart-cases-per-week", "Klachten per week, per kanaal", width, height);
        double plotHeight = height - top - bottom;
        for (long tick = 0; tick <= ceiling; tick += step) {
            double y = top + plotHeight - plotHeight * tick / ceiling;
            gridLine(svg, left, width - right, y);
            text(svg, left - 6, y + 4, "end", Long.toString(tick));
        }
        double slot = (double) (width - left - right) / Math.max(1, weeks.size());
        double bar = Math.max(2, slot * 0.7);
        int labelEvery = Math.max(1, (int) Math.ceil(weeks.size() / 12.0));
        for (int i = 0; i < weeks.size(); i++) {
            Report.Week week = weeks.get(i);
            double x = left + i * slot + (slot - bar) / 2;
            double y = top + plotHeight;
            List<Report.Count> channels = week.byChannel();
            for (int c = 0; c < channels.size(); c++) {
                long count = channels.get(c).count();
                if (count == 0) {
                    continue;
                }
                double h = plotHeight * count / ceiling;
                y -= h;
                rect(svg, x, y, bar, h, CHANNEL_COLOURS[c % CHANNEL_COLOURS.length],
                        weekName(week) + ", " + channels.get(c).label() + ": " + count);
            }
            if (i % labelEvery == 0) {
                text(svg, x + bar / 2, height - bottom + 16, "middle", weekLabel(week));
            }
        }
        List<Report.Count> legend = weeks.isEmpty() ? List.of() : weeks.get(0).byChannel();
        double x = left;
        for (int c = 0; c < legend.size(); c++) {
            legendItem(svg, x, 14, CHANNEL_COLOURS[c % CHANNEL_COLOURS.length], legend.get(c).label());
            x += legendWidth(legend.get(c).label());
        }
        return close(svg);
    }

    /** A week on the axis: its Monday, with an asterisk when the period cuts it (its title says which days count). */
    private static String weekLabel(Report.Week week) {
        return WEEK.format(week.monday()) + (week.partial() ? "*" : "");
    }

    /** A week in a bar's title: its Monday, and for a week the period cuts, which of its days count. */
    private static String weekName(Report.Week week) {
        return WEEK.format(week.monday()) + week.cutNote(WEEK::format);
    }

    /** Per week, the share of complaints acknowledged within 2 and assessed within 5 working days. */
    static String termsPerWeek(List<Report.Week> weeks) {
        int width = 760;
        int height = 280;
        int left = 44;
        int right = 10;
        int top = 34;
        int bottom = 40;
        StringBuilder svg = open("chart-terms-per-week", "Termijnen gehaald per week", width, height);
        double plotHeight = height - top - bottom;
        for (int tick = 0; tick <= 100; tick += 25) {
            double y = top + plotHeight - plotHeight * tick / 100;
            gridLine(svg, left, width - right, y);
            text(svg, left - 6, y + 4, "end", tick + "%");
        }
        double slot = (double) (width - left - right) / Math.max(1, weeks.size());
        double bar = Math.max(1, slot * 0.35);
        int labelEvery = Math.max(1, (int) Math.ceil(weeks.size() / 12.0));
        for (int i = 0; i < weeks.size(); i++) {
            Report.Week week = weeks.get(i);
            double x = left + i * slot + slot * 0.15;
            shareBar(svg, x, top, plotHeight, bar, week.acknowledgedWithin2(), ACKNOWLEDGEMENT_COLOUR,
                    weekName(week) + ", ontvangst bevestigd binnen 2 werkdagen");
            shareBar(svg, x + bar, top, plotHeight, bar, week.assessedWithin5(), ASSESSMENT_COLOUR,
                    weekName(week) + ", eerste beoordeling binnen 5 werkdagen");
            if (i % labelEvery == 0) {
                text(svg, x + bar, height - bottom + 16, "middle", weekLabel(week));
            }
        }
        legendItem(svg, left, 14, ACKNOWLEDGEMENT_COLOUR, "Ontvangst bevestigd binnen 2 werkdagen");
        legendItem(svg, left + legendWidth("Ontvangst bevestigd binnen 2 werkdagen"), 14, ASSESSMENT_COLOUR,
                "Eerste beoordeling binnen 5 werkdagen");
        return close(svg);
    }

    /** Where the cases of the period ended, as shares of the complaints. */
    static String outcomes(List<Report.Count> outcomes) {
        int rowHeight = 24;
        int labelWidth = 250;
        int width = 760;
        int height = 10 + outcomes.size() * rowHeight;
        StringBuilder svg = open("chart-outcomes", "Uitkomsten van de ontvangen zaken", width, height);
        double barMax = width - labelWidth - 70;
        for (int i = 0; i < outcomes.size(); i++) {
            Report.Count outcome = outcomes.get(i);
            double y = 5 + i * rowHeight;
            double share = outcome.percentage() == null ? 0 : outcome.percentage();
            text(svg, labelWidth - 8, y + 15, "end", outcome.label());
            rect(svg, labelWidth, y + 3, Math.max(share > 0 ? 1 : 0, barMax * share / 100), rowHeight - 8,
                    OUTCOME_COLOUR, outcome.label() + ": " + outcome.count());
            // what was no complaint has a count, no share of the complaints
            text(svg, labelWidth + barMax * share / 100 + 6, y + 15, "start", outcome.percentage() == null
                    ? Long.toString(outcome.count()) : ReportCsv.decimal(outcome.percentage()) + "% (" + outcome.count() + ")");
        }
        return close(svg);
    }

    /** Open cases per step now, the late part in red. */
    static String openCases(List<Report.OpenStep> steps) {
        int rowHeight = 26;
        int labelWidth = 250;
        int width = 760;
        int top = 28;
        int height = top + 6 + steps.size() * rowHeight;
        StringBuilder svg = open("chart-open-cases", "Open zaken per stap, waarvan te laat", width, height);
        long max = Math.max(1, steps.stream().mapToLong(Report.OpenStep::open).max().orElse(0));
        double barMax = width - labelWidth - 110;
        for (int i = 0; i < steps.size(); i++) {
            Report.OpenStep step = steps.get(i);
            double y = top + i * rowHeight;
            text(svg, labelWidth - 8, y + 16, "end", step.label());
            double onTime = barMax * (step.open() - step.late()) / max;
            double late = barMax * step.late() / max;
            rect(svg, labelWidth, y + 4, onTime, rowHeight - 8, ON_TIME_COLOUR,
                    step.label() + ": " + (step.open() - step.late()) + " op tijd");
            rect(svg, labelWidth + onTime, y + 4, late, rowHeight - 8, LATE_COLOUR,
                    step.label() + ": " + step.late() + " te laat");
            text(svg, labelWidth + onTime + late + 6, y + 16, "start",
                    step.open() + " open" + (step.late() > 0 ? ", " + step.late() + " te laat" : ""));
        }
        legendItem(svg, labelWidth, 14, ON_TIME_COLOUR, "Op tijd");
        legendItem(svg, labelWidth + 120, 14, LATE_COLOUR, "Te laat (taak over de termijn)");
        return close(svg);
    }

    // ------------------------------------------------------------------------------------------ drawing

    private static void shareBar(StringBuilder svg, double x, double top, double plotHeight, double width,
                                 Report.Share share, String colour, String what) {
        if (share.percentage() == null) {
            return;
        }
        double h = plotHeight * share.percentage() / 100;
        rect(svg, x, top + plotHeight - h, width, Math.max(h, 1), colour,
                what + ": " + ReportCsv.decimal(share.percentage()) + "% (" + share.within() + " van " + share.measured() + ")");
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\"><title id=\"").append(id)
                .append("-title\">").append(escape(title)).append("</title>");
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>").toString();
    }

    private static void gridLine(StringBuilder svg, double x1, double x2, double y) {
        svg.append("<line x1=\"").append(n(x1)).append("\" x2=\"").append(n(x2)).append("\" y1=\"").append(n(y))
                .append("\" y2=\"").append(n(y)).append("\" stroke=\"#ddd\" stroke-width=\"1\"/>");
    }

    private static void rect(StringBuilder svg, double x, double y, double width, double height, String colour, String tip) {
        if (width <= 0 || height <= 0) {
            return;
        }
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"").append(colour).append("\"><title>")
                .append(escape(tip)).append("</title></rect>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append('"').append(FONT).append('>').append(escape(text)).append("</text>");
    }

    private static void legendItem(StringBuilder svg, double x, double y, String colour, String label) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y - 9)).append("\" width=\"10\" height=\"10\" fill=\"")
                .append(colour).append("\"/>");
        text(svg, x + 14, y, "start", label);
    }

    /** Room for a legend entry: the swatch, the text at about 6 pixels a letter (11px sans-serif), a gap. */
    private static double legendWidth(String label) {
        return 14 + label.length() * 6.2 + 18;
    }

    /** 1, 2 or 5 times a power of ten, so that about five gridlines fit. */
    static long niceStep(long max) {
        long raw = Math.max(1, (long) Math.ceil(max / 5.0));
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    static String weekLabel(LocalDate monday) {
        return WEEK.format(monday);
    }
}
