package nl.homepair.complaints.reporting;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures (R16) for other programs: {@code GET /api/reports?from=&to=} as JSON and
 * {@code GET /api/reports.csv?from=&to=} as a spreadsheet, for team leads, directors and
 * administrators (HTTP Basic, as all of /api).
 */
@RestController
public class ReportController {

    private final ReportService reports;
    private final ReportAccess access;

    public ReportController(ReportService reports, ReportAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    public Report report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        access.require();
        ReportPeriod period = ReportPeriod.of(from, to);
        return reports.report(period.from(), period.to());
    }

    @GetMapping(path = "/api/reports.csv")
    public ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        access.require();
        ReportPeriod period = ReportPeriod.of(from, to);
        return csvDownload(reports.report(period.from(), period.to()));
    }

    static ResponseEntity<byte[]> csvDownload(Report report) {
        // a byte order mark, so that Excel reads the Dutch labels as UTF-8
        byte[] body = ("\uFEFF" + ReportCsv.of(report)).getBytes(StandardCharsets.UTF_8);
        String name = "klachten-" + report.period().from() + "-" + report.period().to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
