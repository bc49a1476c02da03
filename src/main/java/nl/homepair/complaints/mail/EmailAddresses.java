package nl.homepair.complaints.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/** The one check of an e-mail address, for input and for recipients alike. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]");

    private EmailAddresses() {
    }

    /**
     * The bare address a stored one reaches ("jan@voorbeeld.nl" for "jan@voorbeeld.nl(2)" or "<jan@voorbeeld.nl>", which
     * were taken before only the bare address was), or the address itself; null when it is no address at all.
     */
    public static String bare(String address) {
        if (address == null || LINE_BREAK.matcher(address).find()) {
            return null;
        }
        if (isValid(address)) {
            return address.trim();
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            return isValid(parsed.getAddress()) ? parsed.getAddress() : null;
        } catch (AddressException e) {
            return null;
        }
    }

    /** A single plain address (no display name, no line breaks that could inject headers). */
    public static boolean isValid(String address) {
        if (address == null || address.length() > MAX_LENGTH || LINE_BREAK.matcher(address).find()
                || !SHAPE.matcher(address.trim()).matches()) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            parsed.validate();
            // "jan@voorbeeld.nl(2)" or "<jan@voorbeeld.nl>" reach the same mailbox as "jan@voorbeeld.nl" but would be
            // counted, compared and found as another address
            return parsed.getPersonal() == null && address.trim().equals(parsed.getAddress());
        } catch (AddressException e) {
            return false;
        }
    }
}
