package nl.homepair.complaints.mailbox;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.text.Sha256;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * What the application reads from one mail: sender, subject, text (plain, or text taken
 * safely from HTML: no markup, no scripts), attachments, and whether it was sent by a
 * machine (auto-reply, bounce) rather than a person.
 */
public record IncomingMail(String messageId, String senderName, String senderAddress, String subject, String text,
                           List<EvidenceUpload> attachments, Instant receivedAt, boolean automatic,
                           String authenticationFailure, String bouncedMessageId, String noReplyAnswersTo,
                           List<String> to, List<String> cc) {

    /**
     * Whether the mail names an address of {@code ours} only in Cc, none in To: written to someone else (the tradesperson: "Wanneer kom
     * je de kraan maken?", "Ik maak bezwaar tegen uw factuur") with us in copy. Not for a mail that names us nowhere (Bcc,
     * an alias that forwards to the mailbox): nothing tells then.
     */
    public boolean onlyCopiedTo(java.util.function.Predicate<String> ours) {
        return cc.stream().anyMatch(ours) && to.stream().noneMatch(ours);
    }

    /** Whether the receiving server says the sender's domain did not vouch for this mail (SPF, DKIM, DMARC). */
    public boolean authenticationFailed() {
        return authenticationFailure != null;
    }


    /** A mail that cannot be read; it goes to the folder for manual handling. */
    public static class UnreadableMailException extends Exception {
        public UnreadableMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Larger mails are not read into memory at all; a person looks at them. */
    static final int MAX_MAIL_BYTES = 80 * 1024 * 1024;

    public static IncomingMail read(MimeMessage message, Instant now) throws UnreadableMailException, ConnectionLost {
        return read(message, now, null);
    }

    /**
     * The connection to the mail server broke (or timed out) while the mail was read: nothing
     * is wrong with the mail, and the next poll reads it again. Not an {@link UnreadableMailException},
     * which would give a handler an empty task for a mail that is fine.
     */
    public static class ConnectionLost extends MessagingException {
        ConnectionLost(Exception cause) {
            super("de verbinding met de mailserver viel weg tijdens het lezen", cause);
        }
    }

    private static boolean connectionLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (cause instanceof jakarta.mail.FolderClosedException || cause instanceof jakarta.mail.StoreClosedException
                    || cause instanceof java.net.SocketException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.io.EOFException || name.equals("FolderClosedIOException")) {
                return true;
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause.getCause() && connectionLost(messaging.getNextException())) {
                return true;
            }
        }
        return false;
    }

    /** The addresses of a recipient header, or none when it is missing or cannot be read (never a reason to refuse a mail). */
    private static List<String> addresses(MimeMessage message, String header) {
        try {
            String value = message.getHeader(header, ",");
            if (value == null) {
                return List.of();
            }
            return java.util.Arrays.stream(InternetAddress.parseHeader(value, false))
                    .map(InternetAddress::getAddress).filter(java.util.Objects::nonNull).map(String::strip).toList();
        } catch (MessagingException | RuntimeException e) {
            return List.of();
        }
    }

    /** @param authservId the id of our receiving server in its Authentication-Results header, or null */
    public static IncomingMail read(MimeMessage message, Instant now, String authservId)
            throws UnreadableMailException, ConnectionLost {
        try {
            if (message.getSize() > MAX_MAIL_BYTES) {
                throw new UnreadableMailException("de e-mail is groter dan " + MAX_MAIL_BYTES / (1024 * 1024) + " MB", null);
            }
            Address[] from = message.getFrom();
            if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
                throw new UnreadableMailException("geen afzender", null);
            }
            String subject = headerText(message.getSubject());
            Contents contents = new Contents();
            contents.collect(message, 0);
            List<EvidenceUpload> attachments = contents.files();
            String text = contents.text();
            if (contents.unreadable()) {
                throw new UnreadableMailException("de e-mail is versleuteld (S/MIME of PGP) en kan niet worden gelezen;"
                        + " vraag de afzender haar onversleuteld te sturen", null);
            }
            Instant received = received(message, now);
            String personal = headerText(sender.getPersonal());
            String address = sender.getAddress() == null ? "" : sender.getAddress().strip();
            String answersTo = isNoReply(address) ? personReplyTo(message, address) : null;
            return new IncomingMail(messageId(message, address, subject, received), personal == null || personal.isBlank()
                    ? address.substring(0, Math.max(0, address.indexOf('@'))) : personal.strip(),
                    address, subject, normalise(text), attachments, received, isAutomatic(message, address, answersTo),
                    authenticationFailure(message.getHeader("Authentication-Results"), authservId, address),
                    bouncedMessageId(message, address, text), answersTo, addresses(message, "To"), addresses(message, "Cc"));
        } catch (MessagingException | IOException | RuntimeException e) {
            if (connectionLost(e)) {
                throw new ConnectionLost(e);
            }
            throw new UnreadableMailException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /**
     * Images embedded in the text (a {@code Content-ID}, not marked as attachment) smaller than
     * this are the sender's signature: a logo, social icons, Outlook's copies of the quoted
     * thread's images. They are no evidence and would take the places of real files.
     */
    static final int MIN_EMBEDDED_IMAGE_BYTES = 16 * 1024;

    /** Deeper than this, an HTML mail's elements are read as flat text (a crafted mail could nest thousands). */
    private static final int MAX_HTML_DEPTH = 200;

    /**
     * The text of an HTML-only mail as its reader sees it: a paragraph, a line break or a block is a new line (so
     * "Op 2 maart schreef u ..." stays a line of its own, not glued to the next), a quoted block ({@code
     * blockquote}, how mail programs quote) has its lines marked with {@code >}, as in a plain-text reply.
     */
    static String htmlText(String html) {
        StringBuilder out = new StringBuilder();
        appendText(Jsoup.parse(html).body(), out, 0);
        StringBuilder text = new StringBuilder();
        boolean blank = false;
        for (String line : out.toString().split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.equals(">")) {
                blank = text.length() > 0;
                continue;
            }
            if (blank) {
                text.append('\n');
                blank = false;
            }
            text.append(stripped).append('\n');
        }
        return text.toString().strip();
    }

    private static void appendText(Element element, StringBuilder out, int depth) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode textNode) {
                out.append(StringUtil.normaliseWhitespace(textNode.getWholeText()));
            } else if (child instanceof Element inner) {
                String tag = inner.normalName();
                if (Set.of("script", "style", "head", "title", "template").contains(tag)) {
                    continue;
                }
                if (tag.equals("br")) {
                    out.append('\n');
                } else if (depth >= MAX_HTML_DEPTH) {
                    newLine(out);
                    out.append(inner.wholeText());
                    newLine(out);
                } else if (tag.equals("blockquote")) {
                    StringBuilder quoted = new StringBuilder();
                    appendText(inner, quoted, depth + 1);
                    newLine(out);
                    for (String line : quoted.toString().strip().split("\n", -1)) {
                        out.append("> ").append(line.strip()).append('\n');
                    }
                } else if (tag.equals("pre")) {
                    newLine(out);
                    out.append(inner.wholeText().strip()); // its lines as written
                    newLine(out);
                } else {
                    boolean block = inner.isBlock();
                    if (block) {
                        newLine(out);
                    }
                    int start = out.length();
                    appendText(inner, out, depth + 1);
                    if (tag.equals("a")) {
                        linkAddress(inner, out.substring(start), out);
                    }
                    if (block) {
                        newLine(out);
                    }
                }
            }
        }
    }

    /**
     * A link's address after its words, when they do not show it: "de foto's staan <a href=…>hier</a>" would otherwise
     * lose where the evidence is (a WeTransfer or cloud link). Only web addresses; a mailto or a link whose words are the
     * address adds nothing.
     */
    private static void linkAddress(Element link, String words, StringBuilder out) {
        String href = link.attr("href").strip();
        if (!(href.startsWith("https://") || href.startsWith("http://")) || words.contains(href)
                || words.strip().equals(href.replaceFirst("^https?://", "").replaceFirst("/$", ""))) {
            return;
        }
        out.append(words.isBlank() ? href : " <" + href + ">");
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /**
     * What a mail holds: its text (the first plain part, else the first HTML part as text), the
     * text of mails forwarded as attachments, attachments, and embedded images. Attachments
     * come before embedded images, so a photo the sender attached is never pushed out by an
     * image in the text when only so many files are taken.
     */
    private static final class Contents {
        /** Real mail nests a few parts deep; forwarded mail in forwarded mail a few more. */
        private static final int MAX_DEPTH = 30;
        private final StringBuilder plain = new StringBuilder();
        private final StringBuilder html = new StringBuilder();
        private final StringBuilder forwarded = new StringBuilder();
        private final List<EvidenceUpload> attachments = new ArrayList<>();
        private final List<EvidenceUpload> embedded = new ArrayList<>();
        /** Whether a part was encrypted: its text and files cannot be read. */
        private boolean sealed;
        private final List<EvidenceUpload> sealedFiles = new ArrayList<>();

        /**
         * Whether an encrypted part hides what the mail says: nothing of the sender's own words or files can be read
         * beside it (a forwarded mail's heading is no word of theirs).
         */
        boolean unreadable() {
            return sealed && ownText().isBlank() && attachments.isEmpty() && embedded.isEmpty();
        }

        /** The sender's own words: the plain parts, else the first HTML part as text (no forwarded mail). */
        private String ownText() {
            return !plain.toString().isBlank() ? plain.toString() : htmlText(html.toString());
        }

        String text() {
            return ownText() + forwarded;
        }

        List<EvidenceUpload> files() {
            List<EvidenceUpload> files = new ArrayList<>(attachments);
            files.addAll(embedded);
            files.addAll(sealedFiles);
            return files;
        }

        void collect(Part part, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                // a crafted mail nested a thousand deep would otherwise end the poll itself (stack overflow)
                throw new MessagingException("de e-mail is dieper dan " + MAX_DEPTH + " delen genest");
            }
            if (SIGNATURES.stream().anyMatch(type -> isMimeType(part, type))) {
                return; // a digital signature or key beside the text (S/MIME, PGP): no evidence, and not a file refused
            }
            if (SEALED.stream().anyMatch(type -> isMimeType(part, type))) {
                // encrypted (or signed in a wrapping we do not open): nothing in it can be read; kept as a file, so that
                // it is named as left out (on the case, to the sender) and never counts as a mail without files
                sealed = true;
                String name = part.getFileName();
                sealedFiles.add(new EvidenceUpload(name == null ? "versleuteld-deel.p7m" : nameOf(name),
                        part.getInputStream().readAllBytes()));
                return;
            }
            String fileName = part.getFileName();
            boolean multipart = part.isMimeType("multipart/*");
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage inner) {
                // "forward as attachment": the forwarded mail's text joins the text, its files the files
                Contents contents = new Contents();
                contents.collect(inner, depth + 1);
                forwarded.append("\n\n---- Doorgestuurde e-mail ----\nVan: ").append(addresses(inner.getFrom()))
                        .append(inner.getSentDate() == null ? "" : "\nDatum: " + nl.homepair.complaints.text.DutchDates
                                .moment(inner.getSentDate().toInstant()))
                        .append(inner.getRecipients(Message.RecipientType.TO) == null ? ""
                                : "\nAan: " + addresses(inner.getRecipients(Message.RecipientType.TO)))
                        .append("\nOnderwerp: ").append(inner.getSubject() == null ? "" : headerText(inner.getSubject()))
                        .append("\n\n").append(contents.unreadable() ? "(versleuteld: niet te lezen)" : contents.text().strip());
                sealed |= contents.sealed;
                attachments.addAll(contents.attachments);
                attachments.addAll(contents.embedded);
                sealedFiles.addAll(contents.sealedFiles);
            } else if (!attachment && !multipart && part.isMimeType("image/*") && part instanceof MimePart mime
                    && mime.getContentID() != null) {
                byte[] bytes = part.getInputStream().readAllBytes();
                if (bytes.length >= MIN_EMBEDDED_IMAGE_BYTES) {
                    embedded.add(new EvidenceUpload(fileName == null ? "afbeelding" : nameOf(fileName), bytes));
                }
            } else if (attachment || (fileName != null && !multipart)) {
                String name = fileName == null ? "bijlage" : nameOf(fileName);
                attachments.add(new EvidenceUpload(name, part.getInputStream().readAllBytes()));
            } else if (multipart) {
                Multipart parts = (Multipart) part.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    collect(parts.getBodyPart(i), depth + 1);
                }
            } else if (part.isMimeType("text/plain")) {
                // every plain part that is no attachment: Apple Mail puts the text after an inline photo in a part
                // of its own ("Zie de foto:", the photo, "De keuken is ook beschadigd.")
                String text = textOf(part);
                if (!text.isBlank()) {
                    plain.append(plain.toString().isBlank() ? "" : "\n\n").append(text);
                }
            } else if (part.isMimeType("text/html") && html.toString().isBlank()) {
                html.setLength(0);
                html.append(textOf(part));
            }
        }

        /** The first address as a person reads it ("Schildersbedrijf Müller <info@…>", not its encoded form). */
        private static String addresses(Address[] from) {
            if (from == null || from.length == 0) {
                return "onbekend";
            }
            if (!(from[0] instanceof InternetAddress internet)) {
                return from[0].toString();
            }
            String personal = internet.getPersonal();
            return personal == null || personal.isBlank() ? String.valueOf(internet.getAddress())
                    : headerText(personal).strip() + " <" + internet.getAddress() + ">";
        }

        private static boolean isMimeType(Part part, String type) {
            try {
                return part.isMimeType(type);
            } catch (MessagingException e) {
                return false;
            }
        }
    }

    /** Parts that sign the mail or carry the sender's key: read by a mail program, not by a person. */
    private static final List<String> SIGNATURES = List.of("application/pkcs7-signature", "application/x-pkcs7-signature",
            "application/pgp-signature", "application/pgp-keys");

    /** Parts whose content is encrypted (S/MIME enveloped or opaque-signed data, PGP/MIME). */
    private static final List<String> SEALED = List.of("application/pkcs7-mime", "application/x-pkcs7-mime",
            "multipart/encrypted");

    private static final Set<String> LATIN_LABELS = Set.of("us-ascii", "ascii", "iso-8859-1", "latin1", "iso_8859-1",
            "windows-1252", "cp1252");

    /**
     * The text of a text part as its writer meant it. Mail programs often label Windows-1252 as
     * ISO-8859-1 or US-ASCII, or send UTF-8 with no label at all: read literally, the quotes,
     * dashes and euro sign become invisible control characters, for which the text would then
     * be refused. So a missing or Latin label gets UTF-8 when the bytes are valid UTF-8, and
     * Windows-1252 otherwise (as browsers read ISO-8859-1); any other label is used as given.
     */
    static String textOf(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (var in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String label = charsetOf(part.getContentType());
        if (label == null || LATIN_LABELS.contains(label) || label.equals("utf-8") || label.equals("utf8")) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, label != null && label.startsWith("utf") ? StandardCharsets.UTF_8 : WINDOWS_1252);
            }
        }
        try {
            return new String(bytes, Charset.forName(label));
        } catch (IllegalArgumentException unknown) { // also an illegal name ("unknown-8bit", "x-unknown")
            // most mail today is UTF-8: read so when the bytes are, as for a missing label
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, WINDOWS_1252);
            }
        }
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * A decoded header (subject, sender's name) as one line its writer meant: Windows-1252
     * labelled as ISO-8859-1 read as Windows-1252, as {@link #textOf} does for the text (the
     * dash in "Klacht – lekkage" is otherwise the control character U+0096), and any control
     * character (a NUL, a line break) a space, so the header can go into the case and into a
     * handler's task. Empty for null.
     */
    static String headerText(String decoded) {
        if (decoded == null) {
            return "";
        }
        String text = decoded;
        if (text.chars().anyMatch(c -> c >= 0x80 && c <= 0x9F) && text.chars().allMatch(c -> c <= 0xFF)) {
            text = new String(text.getBytes(StandardCharsets.ISO_8859_1), WINDOWS_1252);
        }
        // with the characters that turn the reading direction: a subject becomes the name of a task in Tasklist's list
        return text.replaceAll("[\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]", " ")
                .replaceAll(" {2,}", " ").strip();
    }

    /** An attachment's file name, decoded, without path, control characters or excessive length. */
    private static String nameOf(String fileName) throws java.io.UnsupportedEncodingException {
        return SubmissionValidator.safeFileName(headerText(MimeUtility.decodeText(fileName)));
    }

    private static String charsetOf(String contentType) {
        try {
            String charset = new ContentType(contentType).getParameter("charset");
            return charset == null || charset.isBlank() ? null
                    : charset.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The Message-ID of the mail a delivery report (RFC 3464, a bounce) is about: from the
     * returned headers or the returned message in the report; null for any other mail.
     */
    static String bouncedMessageId(MimeMessage message, String sender, String text) {
        String reported = bouncedMessageId(message);
        if (reported != null || !isMailerDaemon(sender)) {
            return reported;
        }
        // a bounce in plain text (qmail's "failure notice", older Exim): the returned message as an attachment, or its
        // headers quoted in the text
        try {
            if (message.isMimeType("multipart/report")) {
                return null; // a report that says delivery did not fail
            }
            String returned = returnedMessageId(message);
            if (returned != null) {
                return returned;
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // read the text instead
        }
        Matcher quoted = QUOTED_MESSAGE_ID.matcher(text == null ? "" : text);
        return quoted.find() ? quoted.group(1) : null;
    }

    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[ \t>]*Message-ID:\\s*(<[^>\\s]{3,250}>)");

    static boolean isMailerDaemon(String sender) {
        String local = sender.toLowerCase(Locale.ROOT);
        return local.startsWith("mailer-daemon@") || local.startsWith("postmaster@");
    }

    static String bouncedMessageId(MimeMessage message) {
        try {
            return message.isMimeType("multipart/report") && !onlyNotFailed(message) ? returnedMessageId(message) : null;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // a report we cannot read is ignored like any other automatic mail
        }
    }

    private static final Pattern ACTION = Pattern.compile("(?im)^\\s*Action\\s*:\\s*([a-z]+)");

    /**
     * Whether the report's delivery status (RFC 3464) says of no recipient that delivery failed:
     * "delayed" (Exchange's "delivery delayed", the mail is still on its way), "delivered",
     * "relayed". Such a report is no bounce; a report without a readable status counts as one.
     */
    private static boolean onlyNotFailed(Part part) throws MessagingException, IOException {
        List<String> actions = new ArrayList<>();
        collectActions(part, actions, 0);
        return !actions.isEmpty() && !actions.contains("failed");
    }

    private static void collectActions(Part part, List<String> actions, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectActions(multipart.getBodyPart(i), actions, depth + 1);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            try (var in = part.getInputStream()) {
                Matcher action = ACTION.matcher(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
                while (action.find()) {
                    actions.add(action.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static String returnedMessageId(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String id = returnedMessageId(multipart.getBodyPart(i));
                if (id != null) {
                    return id;
                }
            }
            return null;
        }
        if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/rfc822-headers")) {
            try (var in = part.getInputStream()) {
                String id = new InternetHeaders(in).getHeader("Message-ID", null);
                return id == null || id.isBlank() ? null : id.strip();
            }
        }
        return null;
    }

    private static boolean isNoReply(String address) {
        String local = address.toLowerCase(Locale.ROOT);
        return local.startsWith("noreply@") || local.startsWith("no-reply@") || local.startsWith("donotreply@")
                || local.startsWith("do-not-reply@");
    }

    /**
     * The address a mail from a no-reply sender asks answers to ({@code Reply-To}), when that is another address and no
     * no-reply one itself: a contact form of another site, a ticket system answering for a person. Such a mail is a
     * person's, not an automatic one; null otherwise.
     */
    private static String personReplyTo(MimeMessage message, String sender) throws MessagingException {
        Address[] replyTo = message.getReplyTo();
        if (replyTo == null || replyTo.length == 0 || !(replyTo[0] instanceof InternetAddress to) || to.getAddress() == null) {
            return null;
        }
        String address = to.getAddress().strip();
        return address.equalsIgnoreCase(sender) || isNoReply(address) || isMailerDaemon(address.toLowerCase(Locale.ROOT))
                ? null : address;
    }

    /**
     * RFC 3834 and the usual marks of auto-replies, out-of-office notices and bounces; {@code answersTo}: the person a
     * no-reply sender's mail is for ({@link #personReplyTo}), or null.
     */
    static boolean isAutomatic(MimeMessage message, String sender, String answersTo) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        // a contact form or ticket system writing for a person (their address in Reply-To) marks its mail
        // auto-generated or bulk, as RFC 3834 asks of generated mail: that person's mail is no automatic answer; a
        // newsletter or a list's mail (List-Id, List-Unsubscribe) stays automatic, whoever it asks answers from
        boolean forAPerson = answersTo != null && message.getHeader("List-Id") == null
                && message.getHeader("List-Unsubscribe") == null;
        if (autoSubmitted != null && !"no".equalsIgnoreCase(autoSubmitted.strip())
                && !(forAPerson && autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-generated"))) {
            return true;
        }
        // not X-Auto-Response-Suppress: it asks the receiver not to answer automatically (Exchange, ticket systems
        // and this application put it on mail a person wrote), it does not say the mail itself is automatic
        if (message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null) {
            return true;
        }
        String precedence = message.getHeader("Precedence", null);
        if (precedence != null && (forAPerson ? List.of("auto_reply", "junk", "list") : List.of("bulk", "junk", "auto_reply", "list"))
                .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String local = sender.toLowerCase(Locale.ROOT);
        if (isMailerDaemon(local) || isNoReply(local) && answersTo == null) {
            return true;
        }
        if (message.isMimeType("multipart/report")) {
            return true;
        }
        // the empty envelope sender that delivery reports and well-behaved responders use (RFC 5321 4.5.5, RFC 3834 3.3),
        // as the receiving server wrote it down: no person's mail has it, whatever its headers and subject say
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null && java.util.Arrays.stream(returnPath).anyMatch(path -> path.replaceAll("\\s", "").equals("<>"))) {
            return true;
        }
        // an out-of-office notice without any of those headers still says what it is in its subject
        String subject = message.getSubject();
        return subject != null && OUT_OF_OFFICE_SUBJECT.matcher(subject.strip()).find();
    }

    /**
     * The subjects mail programs give an out-of-office notice ("Automatisch antwoord: …", "Automatic reply: …",
     * "Out of Office AutoReply: …"), always with the colon. Not "Afwezig:": "Afwezig: monteur kwam niet" may be a complaint, and a mail known
     * as automatic is never answered nor kept on a case.
     */
    private static final Pattern OUT_OF_OFFICE_SUBJECT = Pattern.compile("^(automatisch(e)? (antwoord|reactie)|"
            + "automatic reply|auto[- ]?reply|autoreply|out of (the )?office( auto[- ]?reply)?|afwezigheids(bericht|melding)|"
            + "abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique)\\s*:",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern FAILED_CHECK = Pattern.compile("\\b(spf|dkim|dmarc)\\s*=\\s*(fail|softfail)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A method's result and the properties that follow it, up to the next {@code ;}: "dkim=pass header.d=example.nl". */
    private static final Pattern RESULT = Pattern.compile("\\b(spf|dkim|dmarc)\\s*=\\s*(\\w+)([^;]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DKIM_DOMAIN = Pattern.compile("\\bheader\\.[di]\\s*=\\s*@?([^\\s;()]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPF_DOMAIN = Pattern.compile("\\bsmtp\\.mailfrom\\s*=\\s*(?:[^\\s;()@]*@)?([^\\s;()]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Why our receiving server's {@code Authentication-Results} header (RFC 8601) does not vouch for the sender, or
     * null when it does. Only the header of our own server counts (by its authserv-id when configured, else the
     * topmost one, which the last server added); a sender can write any header of their own further down. It vouches
     * when DMARC did not fail and the sender's domain is confirmed (an SPF or DKIM failure beside such a confirmation,
     * as DMARC judges it, does not count): DMARC passed, or DKIM passed for the domain of the From
     * address, or SPF passed for an envelope sender of that domain (a subdomain either way counts). SPF passing for
     * another domain proves only that domain: a forged From of a domain without DMARC passed that way. Without any
     * header and without a configured authserv-id (the default run's mail catcher) there is nothing to judge: null;
     * with one configured, a mail without our server's header did not come through it.
     */
    static String authenticationFailure(String[] headers, String authservId, String fromAddress) {
        boolean configured = authservId != null && !authservId.isBlank();
        String ours = null;
        for (String header : headers == null ? new String[0] : headers) {
            String id = header.strip().split("[;\\s]", 2)[0];
            if (!configured || id.equalsIgnoreCase(authservId.strip())) {
                ours = header;
                break;
            }
        }
        if (ours == null) {
            return configured ? "geen controle door onze mailserver (" + authservId.strip() + ")" : null;
        }
        Matcher failed = FAILED_CHECK.matcher(ours);
        List<String> checks = new ArrayList<>();
        while (failed.find()) {
            checks.add(failed.group(1).toUpperCase(Locale.ROOT) + "=" + failed.group(2).toLowerCase(Locale.ROOT));
        }
        // DMARC failing is the domain owner's own verdict; a single SPF or DKIM failure beside an aligned pass is not
        // (a relay through a web host softfails SPF while its DKIM signature for the domain passes: DMARC passes)
        if (checks.stream().anyMatch(check -> check.startsWith("DMARC="))) {
            return String.join(", ", checks);
        }
        String domain = fromAddress == null || fromAddress.indexOf('@') < 0 ? ""
                : fromAddress.substring(fromAddress.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        Matcher result = RESULT.matcher(ours);
        while (result.find()) {
            String method = result.group(1).toLowerCase(Locale.ROOT);
            String outcome = result.group(2).toLowerCase(Locale.ROOT);
            found.add(method.toUpperCase(Locale.ROOT) + "=" + outcome);
            if (!outcome.equals("pass")) {
                continue;
            }
            if (method.equals("dmarc")) {
                return null;
            }
            Matcher of = (method.equals("dkim") ? DKIM_DOMAIN : SPF_DOMAIN).matcher(result.group(3));
            if (of.find() && aligned(domain, of.group(1))) {
                return null;
            }
        }
        if (!checks.isEmpty()) {
            return String.join(", ", checks);
        }
        return "geen bevestiging voor " + (domain.isEmpty() ? "het adres" : domain) + ": "
                + (found.isEmpty() ? "geen SPF, DKIM of DMARC" : String.join(", ", found));
    }

    /** The same domain, or one a subdomain of the other (relaxed alignment, as DMARC's). */
    private static boolean aligned(String from, String checked) {
        String other = checked.strip().toLowerCase(Locale.ROOT).replaceAll("[.>]+$", "");
        return !from.isEmpty() && !other.isEmpty()
                && (from.equals(other) || from.endsWith("." + other) || other.endsWith("." + from));
    }

    /**
     * The id under which a mail is remembered once handled, also for a mail that cannot be
     * read as a whole (one set aside for a person): its Message-ID, or a hash of its sender,
     * subject and arrival. Null when not even those can be read.
     */
    static String idOf(MimeMessage message, Instant now) {
        try {
            Address[] from = message.getFrom();
            String sender = from != null && from.length > 0 && from[0] instanceof InternetAddress address
                    && address.getAddress() != null ? address.getAddress().strip() : "";
            return messageId(message, sender, headerText(message.getSubject()), received(message, now));
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** When the mail server received the mail (or it was sent), never later than {@code now}. */
    /** When our mail server received the mail (else when it was sent), never later than now. */
    static Instant received(MimeMessage message, Instant now) throws MessagingException {
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : now;
        return received.isAfter(now) ? now : received;
    }

    private static String messageId(MimeMessage message, String sender, String subject, Instant received) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.strip().length() > 500 ? id.strip().substring(0, 500) : id.strip();
        }
        return "sha256:" + Sha256.hex(sender + "\n" + subject + "\n" + received);
    }

    /**
     * Line ends as {@code \n}, no runs of empty lines, and no control characters other than tab
     * and line end: a person cannot see them, so their text must not be refused for them.
     */
    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cc}&&[^\\t\\n]]", " ")
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Type and number of a part, for messages; never the content. */
    static String describe(Message message) {
        try {
            return message.getMessageNumber() + " " + message.getContentType();
        } catch (MessagingException e) {
            return String.valueOf(message.getMessageNumber());
        }
    }
}
