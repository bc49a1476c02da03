package nl.homepair.complaints.mail;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where mails go and where their templates live ({@code homepair.mail.*}).
 *
 * @param from              sender of every mail
 * @param contactAddress    the contact mailbox that complainants write to (R3)
 * @param teamLeadAddress   mailbox of the team leads (alerts and escalations)
 * @param handlersAddress   mailbox of the complaint handlers (reminders)
 * @param directorsAddress  mailbox of the board (objection reminders)
 * @param templateLocation  folder of the Dutch mail templates; point it at a folder
 *                          outside the jar (e.g. {@code file:/etc/homepair/mail/}) to let
 *                          a manager change texts without a release
 * @param groupAddresses    mailbox per group of handlers ({@code homepair.mail.group-addresses.gedrag:
 *                          gedrag@homepair.nl}): a reminder or escalation "to the handlers" about a task
 *                          of such a group goes there instead of to {@code handlersAddress}
 */
@ConfigurationProperties("homepair.mail")
public record MailProperties(String from, String contactAddress, String teamLeadAddress, String handlersAddress,
                             String directorsAddress, String templateLocation, Map<String, String> groupAddresses) {

    public MailProperties {
        // the defaults and the environment variables that set them are in application.yaml
        require("from", from);
        require("contact-address", contactAddress);
        require("team-lead-address", teamLeadAddress);
        require("handlers-address", handlersAddress);
        require("directors-address", directorsAddress);
        require("template-location", templateLocation);
        // one plain address each, checked now: a typo in MAIL_TEAM_LEADS stops the start instead
        // of every alert and escalation failing later, when nobody reads the log
        requireSender(from);
        requireAddress("contact-address", contactAddress);
        requireAddress("team-lead-address", teamLeadAddress);
        requireAddress("handlers-address", handlersAddress);
        requireAddress("directors-address", directorsAddress);
        // kept without the spaces an env file may leave around them: the addresses are compared
        // with a sender's (our own mails coming back, a complainant giving ours)
        contactAddress = contactAddress.strip();
        teamLeadAddress = teamLeadAddress.strip();
        handlersAddress = handlersAddress.strip();
        directorsAddress = directorsAddress.strip();
        Map<String, String> byGroup = new TreeMap<>();
        (groupAddresses == null ? Map.<String, String>of() : groupAddresses).forEach((group, address) -> {
            requireAddress("group-addresses." + group, address);
            byGroup.put(group, address.strip());
        });
        groupAddresses = Collections.unmodifiableMap(byGroup);
    }

    /** The mailbox of the first of these groups that has one, else the handlers' own. */
    public String handlersAddressOf(Collection<String> groups) {
        return groups.stream().map(groupAddresses::get).filter(Objects::nonNull).findFirst().orElse(handlersAddress);
    }

    private static void requireAddress(String name, String value) {
        if (!EmailAddresses.isValid(value)) {
            throw new IllegalArgumentException("homepair.mail." + name + " must be one e-mail address such as "
                    + "teamleiders@homepair.nl, not '" + value + "'");
        }
    }

    /**
     * The sender may carry a name ({@code HomePair Klachten <klachten@homepair.nl>}); a typo in it (a missing
     * {@code >}) failed every mail at its first try, each step then an incident, and the incident alert too.
     */
    private static void requireSender(String from) {
        try {
            jakarta.mail.internet.InternetAddress[] parsed = jakarta.mail.internet.InternetAddress.parseHeader(from.strip(), true);
            if (parsed.length == 1 && EmailAddresses.isValid(parsed[0].getAddress())) {
                return;
            }
        } catch (jakarta.mail.internet.AddressException e) {
            // refused below
        }
        throw new IllegalArgumentException("homepair.mail.from (MAIL_FROM) must be one sender such as "
                + "'HomePair Klachten <klachten@homepair.nl>' or klachten@homepair.nl, not '" + from + "'");
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("homepair.mail." + name + " must be set");
        }
    }
}
