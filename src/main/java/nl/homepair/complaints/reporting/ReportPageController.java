package nl.homepair.complaints.reporting;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import nl.homepair.complaints.web.StaffPage;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The figures as a Dutch page for team leads, directors and administrators, at
 * {@code /rapportage}: logged in to Tasklist or Cockpit is enough (see {@code StaffPageFilter}).
 * Also the CSV download and the yearly transparency summary as a printable page and PDF.
 */
@Controller
@StaffPage
@RequestMapping("/rapportage")
public class ReportPageController {

    static final String PAGE = "reporting/rapportage";
    static final String SUMMARY = "reporting/transparantie";
    static final String REFUSED = "reporting/geweigerd";

    private final ReportService reports;
    private final ReportAccess access;
    private final SummaryPdf pdf;
    private final nl.homepair.complaints.sla.WorkingDayCalendar calendar;

    public ReportPageController(ReportService reports, ReportAccess access, SummaryPdf pdf,
                                nl.homepair.complaints.sla.WorkingDayCalendar calendar) {
        this.calendar = calendar;
        this.reports = reports;
        this.access = access;
        this.pdf = pdf;
    }

    @GetMapping
    public ModelAndView page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             HttpServletResponse response) {
        ModelAndView refused = refused();
        if (refused != null) {
            return refused;
        }
        ReportPeriod period;
        String problem = null;
        try {
            period = ReportPeriod.of(from, to);
        } catch (InvalidSubmissionException e) {
            problem = e.errors().get(0).message();
            period = ReportPeriod.of(null, null);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        Report report = reports.report(period.from(), period.to());
        ModelAndView page = new ModelAndView(PAGE);
        page.addObject("fmt", new ReportFormat());
        page.addObject("report", report);
        page.addObject("problem", problem);
        page.addObject("fromText", DutchDates.day(report.period().from()));
        page.addObject("toText", DutchDates.day(report.period().to()));
        page.addObject("generatedText", DutchDates.moment(report.generatedAt()));
        page.addObject("casesPerWeek", SvgCharts.casesPerWeek(report.weeks()));
        page.addObject("termsPerWeek", SvgCharts.termsPerWeek(report.weeks()));
        page.addObject("outcomesChart", SvgCharts.outcomes(report.outcomes()));
        page.addObject("openChart", SvgCharts.openCases(report.open()));
        page.addObject("years", years());
        page.addObject("lastYear", thisYear() - 1);
        page.addObject("openNow", report.open().stream().mapToLong(Report.OpenStep::open).sum());
        page.addObject("lateNow", report.open().stream().mapToLong(Report.OpenStep::late).sum());
        page.addObject("durationRows", List.of(
                new DurationRow("Tot de ontvangstbevestiging", report.durations().acknowledgement()),
                new DurationRow("Tot de eerste beoordeling (zonder wachttijd op de klager)", report.durations().firstAssessment()),
                new DurationRow("Tot het besluit", report.durations().decision()),
                new DurationRow("Tot het afsluiten", report.durations().closing()),
                new DurationRow("Behandeltijd (tot het besluit, zonder besluit tot het afsluiten)", report.durations().handling())));
        return page;
    }

    @GetMapping("/export.csv")
    public ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        access.require();
        ReportPeriod period = ReportPeriod.of(from, to);
        return ReportController.csvDownload(reports.report(period.from(), period.to()));
    }

    @GetMapping("/transparantie")
    public ModelAndView summary(@RequestParam(name = "jaar", required = false) Integer year) {
        ModelAndView refused = refused();
        if (refused != null) {
            return refused;
        }
        ModelAndView page = new ModelAndView(SUMMARY);
        page.addAllObjects(summaryModel(year));
        page.addObject("pdf", false);
        return page;
    }

    @GetMapping("/transparantie.pdf")
    public ResponseEntity<byte[]> summaryPdf(@RequestParam(name = "jaar", required = false) Integer year) {
        access.require();
        Map<String, Object> model = summaryModel(year);
        TransparencySummary summary = (TransparencySummary) model.get("summary");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("transparantieverslag-klachten-" + summary.year() + ".pdf").build().toString())
                .body(pdf.render(SUMMARY, model));
    }

    /**
     * The summary of a year that is over; the current year's is an interim figure up to today, and says so (a yearly
     * report of four months would be published as the year's); a year still to come has nothing to report.
     */
    private Map<String, Object> summaryModel(Integer year) {
        int chosen = year == null ? thisYear() - 1 : year;
        if (chosen > thisYear()) {
            throw new InvalidSubmissionException(List.of(new FieldError("jaar",
                    "Het jaar " + chosen + " is nog niet begonnen: kies een jaar dat voorbij is.")));
        }
        ReportPeriod period = ReportPeriod.year(chosen);
        TransparencySummary summary = new TransparencySummary(period.from().getYear(),
                reports.report(period.from(), period.to(), ComplainantRole.PROFESSIONAL),
                reports.report(period.from(), period.to()));
        boolean yearIsOver = chosen < thisYear();
        return Map.of("summary", summary, "fmt", new ReportFormat(),
                "generatedText", DutchDates.day(summary.all().generatedAt()),
                "periodEndText", yearIsOver ? DutchDates.day(period.to()) : DutchDates.day(summary.all().generatedAt()),
                "yearIsOver", yearIsOver,
                "workingDaysText", calendar.inDutch(summary.year()),
                "professionalOutcomes", summary.professionalOutcomes(),
                "allOutcomes", summary.allOutcomes());
    }

    /** A year that cannot be reported (still to come, or no year at all): a page that says so, not the API's JSON. */
    @org.springframework.web.bind.annotation.ExceptionHandler(InvalidSubmissionException.class)
    public ModelAndView invalid(InvalidSubmissionException invalid) {
        ModelAndView page = new ModelAndView(REFUSED, HttpStatus.BAD_REQUEST);
        page.addObject("heading", "Dit verslag is er niet");
        page.addObject("message", invalid.errors().get(0).message());
        return page;
    }

    /** The refusal page for anyone but team leads, directors and administrators; null for them. */
    private ModelAndView refused() {
        try {
            access.require();
            return null;
        } catch (ResponseStatusException e) {
            ModelAndView page = new ModelAndView(REFUSED, HttpStatus.FORBIDDEN);
            page.addObject("message", ReportAccess.REFUSAL);
            return page;
        }
    }

    /** One row of the table of working days. */
    public record DurationRow(String label, Report.Duration duration) {
    }

    private static int thisYear() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DutchDates.ZONE).getYear();
    }

    private static List<Integer> years() {
        int year = thisYear();
        return IntStream.rangeClosed(0, 5).mapToObj(i -> year - i).toList();
    }
}
