package nl.homepair.complaints.complaint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import nl.homepair.complaints.text.PlainText;
import org.springframework.stereotype.Component;

/**
 * The complainant's other cases (R3, R14): a follow-up mail without a usable reference ("hier de foto's"), a letter typed
 * in while its mail was read, or a second complaint of the same person becomes a case of its own, and whoever triages or
 * assesses it saw nothing of the first. The triage and assessment forms and the case page name the other cases of the
 * same address (also an address this case had before a correction), newest first, with their state and what they are
 * about: a follow-up is closed as a duplicate of its case, a second complaint read with the first. Only cases the reader
 * may see (R12): a case of another team stays unnamed.
 */
@Component
public class ComplainantsOtherCases {

    /** How many other cases a form or page names; the rest are found by searching for the address. */
    public static final int SHOWN = 5;

    /** How many are read at most (an address with hundreds of cases, a platform's test account, reads no further). */
    static final int READ = 50;

    /** One other case, as a form or page names it. */
    public record OtherCase(String reference, String received, String state, String about) {
    }

    /** The other cases shown, and whether there are more than those. */
    public record Found(List<OtherCase> shown, boolean more, String searchLink) {

        public boolean none() {
            return shown.isEmpty();
        }
    }

    private final jakarta.persistence.EntityManager entities;

    public ComplainantsOtherCases(jakarta.persistence.EntityManager entities) {
        this.entities = entities;
    }

    /** The other cases of the complainant of {@code complaint} that {@code visible} lets the reader see. */
    public Found of(Complaint complaint, Predicate<Complaint> visible) {
        String search = "/zaken?zoek=" + URLEncoder.encode(complaint.getEmail() == null ? complaint.getReference()
                : complaint.getEmail(), StandardCharsets.UTF_8) + "&afgesloten=true";
        if (complaint.getEmail() == null || complaint.getAnonymisedAt() != null) {
            return new Found(List.of(), false, search);
        }
        List<String> addresses = new ArrayList<>();
        addresses.add(complaint.getEmail().strip().toUpperCase(Locale.ROOT));
        complaint.getEarlierEmails().forEach(earlier -> addresses.add(earlier.toUpperCase(Locale.ROOT)));
        // upper(...): the expression PostgreSQL's index on the address is made on (migration 31)
        List<Complaint> others = new ArrayList<>(entities.createQuery("select c from Complaint c where upper(c.email) in :addresses"
                        + " and c.id <> :id and c.anonymisedAt is null order by c.receivedAt desc", Complaint.class)
                .setParameter("addresses", addresses).setParameter("id", complaint.getId())
                .setMaxResults(READ).getResultList());
        // and the cases whose address was corrected away from one of these (a letter typed in with the old address from
        // its letterhead): few cases have an earlier address, so the unindexed match reads little
        StringBuilder earlier = new StringBuilder();
        for (int i = 0; i < addresses.size(); i++) {
            earlier.append(i == 0 ? "" : " or ").append("lower(c.earlierEmails) like :a").append(i).append(" escape '\\'");
        }
        jakarta.persistence.TypedQuery<Complaint> corrected = entities.createQuery("select c from Complaint c where"
                + " c.earlierEmails is not null and c.id <> :id and c.anonymisedAt is null and (" + earlier + ")", Complaint.class)
                .setParameter("id", complaint.getId()).setMaxResults(READ);
        for (int i = 0; i < addresses.size(); i++) {
            corrected.setParameter("a" + i, PlainText.likeContaining(addresses.get(i).toLowerCase(Locale.ROOT)));
        }
        corrected.getResultList().stream()
                .filter(c -> !others.contains(c) && addresses.stream().anyMatch(c::isComplainantAddress))
                .forEach(others::add);
        others.sort(java.util.Comparator.comparing(Complaint::getReceivedAt).reversed());
        List<Complaint> seen = others.stream().filter(visible).limit(SHOWN + 1L).toList();
        return new Found(seen.stream().limit(SHOWN).map(ComplainantsOtherCases::described).toList(), seen.size() > SHOWN,
                search);
    }

    private static OtherCase described(Complaint c) {
        String state = c.getStatus() == ComplaintStatus.CLOSED && c.getOutcome() != null
                ? "afgesloten: " + c.getOutcome().label().toLowerCase(Locale.ROOT)
                : c.getStatus().label().toLowerCase(Locale.ROOT);
        String subject = c.getSubject() == null ? "" : c.getSubject().shortLabel().toLowerCase(Locale.ROOT) + ": ";
        return new OtherCase(c.getReference(), DutchDates.day(c.getReceivedAt()), state,
                subject + PlainText.shortened(c.getDescription() == null ? "" : c.getDescription().strip().replaceAll("\\s+", " "), 120));
    }

    /** The other cases as a form's Markdown text shows them, each a link to its case page. */
    public static String markdown(Found found) {
        if (found.none()) {
            return "Geen andere zaken van dit e-mailadres.";
        }
        String list = found.shown().stream().map(o -> "- [" + o.reference() + "](/zaken/" + o.reference() + "), ontvangen "
                        + o.received() + ", " + MarkdownText.escape(o.state() + ". " + o.about()))
                .collect(Collectors.joining("\n"));
        return list + (found.more() ? "\n\nEn meer: [zoek op het e-mailadres](" + found.searchLink() + ")." : "");
    }
}
