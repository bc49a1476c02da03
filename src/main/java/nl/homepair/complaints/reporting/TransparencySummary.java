package nl.homepair.complaints.reporting;

/**
 * The yearly summary a platform publishes on its complaint handling for business users
 * (Regulation (EU) 2019/1150, art. 11(4)): the number of complaints, their main types, the
 * average time to handle them and their aggregated outcome. Business users here are the
 * professionals (vakprofessionals); all complainants are shown beside them.
 */
public record TransparencySummary(int year, Report professionals, Report all) {
}
