package nl.homepair.complaints.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The yearly summary a platform publishes on its complaint handling for business users
 * (Regulation (EU) 2019/1150, art. 11(4)): the number of complaints, their main types, the
 * average time to handle them and their aggregated outcome. Business users here are the
 * professionals (vakprofessionals); all complainants are shown beside them.
 */
public record TransparencySummary(int year, Report professionals, Report all) {

    /** The published row of the cases that stopped without an outcome, for whatever reason. */
    static final String ENDED_WITHOUT_OUTCOME = "ENDED_WITHOUT_OUTCOME";

    /** Stops without an outcome whose reason is nobody's business but the complainant's and ours. */
    private static final Set<String> MERGED = Set.of(ReportOutcome.STOPPED_BY_ERASURE.name(), ReportOutcome.PROCESS_ENDED.name());

    public List<Report.Count> professionalOutcomes() {
        return published(professionals.outcomes());
    }

    public List<Report.Count> allOutcomes() {
        return published(all.outcomes());
    }

    /**
     * The outcomes as published: a case stopped because its data was erased on request and one whose process was ended
     * are one row, "Beëindigd zonder uitkomst". With one professional's complaint in a year, a row of its own told
     * everyone who knew of that complaint that its complainant had asked for erasure (R13); the internal figures keep
     * the two apart.
     */
    static List<Report.Count> published(List<Report.Count> outcomes) {
        List<Report.Count> published = new ArrayList<>();
        long merged = 0;
        Double share = null;
        int at = -1;
        for (Report.Count outcome : outcomes) {
            if (MERGED.contains(outcome.code())) {
                merged += outcome.count();
                if (outcome.percentage() != null) {
                    share = (share == null ? 0 : share) + outcome.percentage();
                }
                at = at < 0 ? published.size() : at;
            } else {
                published.add(outcome);
            }
        }
        if (at >= 0) {
            published.add(at, new Report.Count(ENDED_WITHOUT_OUTCOME, "Beëindigd zonder uitkomst", merged,
                    share == null ? null : Math.round(share * 10) / 10.0));
        }
        return published;
    }
}
