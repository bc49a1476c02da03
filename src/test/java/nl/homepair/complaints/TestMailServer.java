package nl.homepair.complaints;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * One real SMTP/IMAP server (GreenMail) for the whole test run, on free ports chosen at
 * start, so that the cached Spring context keeps talking to it and parallel builds on
 * one machine do not collide. Tests purge it before each test.
 */
public final class TestMailServer {

    public static final GreenMail GREEN_MAIL;
    public static final ServerSetup SMTP;
    public static final ServerSetup IMAP;

    static {
        SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        IMAP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        GREEN_MAIL = new GreenMail(new ServerSetup[] {SMTP, IMAP});
        GREEN_MAIL.start();
        Runtime.getRuntime().addShutdownHook(new Thread(GREEN_MAIL::stop));
    }

    private TestMailServer() {
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
