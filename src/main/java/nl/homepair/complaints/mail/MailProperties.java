package nl.homepair.complaints.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where mails go and where their templates live ({@code homepair.mail.*}).
 *
 * @param from              sender of every mail
 * @param teamLeadAddress   mailbox of the team leads (alerts and escalations)
 * @param handlersAddress   mailbox of the complaint handlers (reminders)
 * @param templateLocation  folder of the Dutch mail templates; point it at a folder
 *                          outside the jar (e.g. {@code file:/etc/homepair/mail/}) to let
 *                          a manager change texts without a release
 */
@ConfigurationProperties("homepair.mail")
public record MailProperties(String from, String teamLeadAddress, String handlersAddress, String templateLocation) {

    public MailProperties {
        from = from == null ? "HomePair Klachten <klachten@homepair.nl>" : from;
        teamLeadAddress = teamLeadAddress == null ? "teamleiders@homepair.nl" : teamLeadAddress;
        handlersAddress = handlersAddress == null ? "klachtenteam@homepair.nl" : handlersAddress;
        templateLocation = templateLocation == null ? "classpath:/templates/mail/" : templateLocation;
    }
}
