package nl.homepair.complaints.mail;

/**
 * Jakarta Mail 2.1 looks up its {@code StreamProvider} for every body part, multipart and
 * header block it creates, and without a system property that lookup is a ServiceLoader
 * scan of the class path: inside the Spring Boot jar it opens every nested jar's
 * {@code META-INF/services}, a fifth of a node's CPU in the timer storm (sending, and the
 * mail catcher parsing what it receives). Naming the implementation in the system property
 * turns the lookup into a loaded-class lookup (jakartaee/mail-api#699, #861).
 */
public final class MailStreams {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {
    }

    /** Names Angus Mail's provider, unless one is named already or Angus Mail is not on the class path. */
    public static void nameTheProvider() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException e) {
            // another implementation: its own ServiceLoader entry is found, slowly
        }
    }
}
