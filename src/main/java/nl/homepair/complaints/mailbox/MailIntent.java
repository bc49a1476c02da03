package nl.homepair.complaints.mailbox;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a complainant means by a mail about their case (R9): an objection only when they
 * clearly say so in their own words. Quoted text (lines starting with {@code >}, and the
 * quoted original below "Op ... schreef ...", "On ... wrote:" or a forwarded header) is
 * not theirs: our decision mail itself says "bezwaar". A mail that mentions an objection
 * without clearly making one, or says it makes none ("geen bezwaar tegen het besluit"), is
 * {@link Kind#UNCLEAR}; a handler decides. A reply that only
 * thanks ({@link #onlyThanks}) answers no question.
 */
public final class MailIntent {

    /** What the mail is, as far as the words tell. */
    public enum Kind {
        /** The complainant clearly objects to the decision. */
        OBJECTION,
        /** It may be an objection; a person decides. */
        UNCLEAR,
        /** A note: thanks, a question, a reply that only quotes us. */
        NOTE
    }

    /**
     * What a mail program puts in the line above the original it quotes, and a person writing about what someone
     * wrote does not: the sender's address, the time or year of the original ("om 10:00", "at 10:00 AM", "2026"),
     * and no first person ("Op 12 maart 2026 om 14.30 schreef de vakman mij:" is the sender's own sentence).
     */
    private static final String SENT_BY_A_PROGRAM = "(?=.*(@|\\b\\d{1,2}[:.]\\d{2}\\b(?![.\\d])|\\b(19|20)\\d{2}\\b))"
            // "schreef de vakman mij", "wrote to me": a person tells what someone wrote them
            + "(?!.*\\b(mij|me|ons|ik|wij)\\b)";

    /** Where the quoted original of a reply begins (Dutch and English mail programs). */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            // "Op di 3 mrt 2026 om 10:00 schreef HomePair <klachten@homepair.nl>:", Apple's "Op ... heeft ... het
            // volgende geschreven:", Thunderbird's "Op 03-03-2026 om 10:00 schreef HomePair:"; not the complainant's
            // own "Op 2 maart schreef u dat ..." (no colon, no address) or "Op 12 maart schreef de vakman mij het
            // volgende:" (no address, no time)
            Pattern.compile("^" + SENT_BY_A_PROGRAM + "\\s*op\\b.{0,200}\\b(schreef|geschreven)\\b(.*:\\s*|.*@.*)$"),
            Pattern.compile("^" + SENT_BY_A_PROGRAM + "\\s*on\\b.{0,200}\\b(wrote|written)\\b(:?\\s*|.*@.*)$"),
            Pattern.compile("^\\s*-{2,}\\s*(oorspronkelijk|origineel|original|doorgestuurd|forwarded)\\b.*$"),
            Pattern.compile("^\\s*(van|from):\\s.*$"));

    /** The mail programs and devices that sign a mail sent with them. */
    private static final String DEVICE = "(iphone|ipad|samsung|galaxy|android|mobiel|mobile|telefoon|phone|smartphone|tablet"
            + "|outlook|gmail|yahoo|mail voor|mail for|huawei|xiaomi|pixel|oneplus|motorola|blackberry|windows)\\b";

    /**
     * Where the sender's own words end without a quote: the signature delimiter {@code "-- "} and the lines a
     * phone's mail program adds ("Verstuurd vanaf mijn iPhone", "Sent from my iPhone", "Outlook voor Android
     * downloaden").
     */
    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^-- ?$"),
            Pattern.compile("^\\s*(verstuurd|verzonden)\\s+(vanaf|vanuit|van|met|via)\\s+(mijn\\s+)?" + DEVICE + ".{0,40}$"),
            Pattern.compile("^\\s*sent\\s+(from|with|via)\\s+(my\\s+)?" + DEVICE + ".{0,40}$"),
            Pattern.compile("^\\s*(get\\s+outlook\\s+for|outlook\\s+voor)\\s+(ios|android)(\\s+downloaden)?\\s*$"));

    /** What an objection is made against: the decision, or the measure taken against the user. */
    private static final String DECISION = "(het|uw|jullie|dit|jouw|deze|de|mijn)\\s+(besluit|beslissing|maatregel|schorsing"
            + "|waarschuwing|verwijdering|blokkade|blokkering)";

    /** Phrases with which a person makes an objection. */
    private static final List<Pattern> CLEAR = List.of(
            Pattern.compile("\\b(ik|wij|we)\\s+(maak|maken|teken|tekenen|dien|dienen)\\s+(hierbij\\s+|bij deze\\s+|hiermee\\s+)?(formeel\\s+)?bezwaar\\b"),
            Pattern.compile("\\b(ik|wij|we)\\s+(wil|willen)\\s+(graag\\s+)?(formeel\\s+)?bezwaar\\s+(maken|aantekenen|indienen)\\b"),
            Pattern.compile("\\bhierbij\\s+(maak|teken|dien)\\s+ik\\s+(formeel\\s+)?bezwaar\\b"),
            Pattern.compile("\\b(ik|wij|we)\\s+(ben|zijn)\\s+het\\s+(helemaal\\s+|absoluut\\s+|totaal\\s+)?(niet|oneens)\\s+(eens\\s+)?met\\s+" + DECISION + "\\b"),
            Pattern.compile("\\b(ik|wij|we)\\s+(ga|gaan)\\s+(niet\\s+akkoord|in\\s+bezwaar)\\b"),
            Pattern.compile("\\b(ik|wij|we)\\s+(accepteer|accepteren|aanvaard|aanvaarden)\\s+" + DECISION + "\\s+niet\\b"),
            Pattern.compile("\\bbezwaar\\s+(tegen|op)\\s+" + DECISION + "\\b"),
            // the complainant who writes in English
            Pattern.compile("\\b(i|we)\\s+(hereby\\s+|would\\s+like\\s+to\\s+|want\\s+to\\s+|wish\\s+to\\s+)?(formally\\s+)?(object|appeal)\\s+(to|against)\\b"),
            Pattern.compile("\\b(i|we)\\s+(strongly\\s+|completely\\s+|totally\\s+)?(disagree|do\\s+not\\s+agree|don't\\s+agree)\\s+with\\s+(the|your|this|that)\\s+(decision|measure|suspension)\\b"));

    /**
     * An objection said not to be made ("Ik heb geen bezwaar tegen het besluit", "ik zie af van bezwaar", "I do not
     * object"): never an objection by its words; a person reads it, as what else it says may still be one.
     */
    private static final Pattern DENIED = Pattern.compile(
            // not "ik kon geen beroep doen op de garantie"
            "\\b(geen|niet|nooit)\\s+(formeel\\s+|meer\\s+)?(bezwaar|beroep(?!\\s+(te\\s+)?doen\\b)|in\\s+bezwaar|in\\s+beroep)\\b"
            + "|\\bzie\\s+(ik\\s+)?af\\s+van\\s+(een\\s+|het\\s+|mijn\\s+|verder\\s+)?(bezwaar|beroep)\\b"
            + "|\\bno\\s+(objection|objections|appeal)\\b"
            + "|\\b(do\\s+not|don't|will\\s+not|won't|shall\\s+not|not)\\s+(formally\\s+)?(object|appeal)\\b");

    /** Words that point at an objection without clearly making one. */
    private static final Pattern HINT = Pattern.compile(
            "\\b(bezwaar|bezwaarschrift|beroep|oneens|niet eens|niet akkoord|onterecht|oneerlijk|onredelijk|herzien|herziening|aanvechten"
            + "|directie|object|objection|appeal|disagree|unfair|unjust)\\b"
            // the commonest Dutch way to say it, as our own decision mail says it: "ik ben het er niet mee eens", "ik ga
            // hier niet mee akkoord", "niet helemaal eens"
            // (only the words that go with it in between: not "kan hij niet gewoon eens op tijd komen", "niet zijn akkoord")
            + "|\\bniet\\s+((het|er|hier|daar|mee|daarmee|hiermee|helemaal|echt|zomaar)\\s+){1,2}(eens|akkoord)\\b"
            // the writer's own refusal, not "they don't accept returns" or "I could not accept the delivery"
            + "|\\b(i|we)\\s+(do\\s+not|don['’]t|cannot|can['’]t|will\\s+not|won['’]t)\\s+(really\\s+|fully\\s+)?(agree|accept)\\b");

    /** Subjects of replies and forwards: they repeat our subject, not the person's words. */
    private static final Pattern REPLY_SUBJECT = Pattern.compile("^\\s*((re|antw|aw|fw|fwd|doorst)\\s*:\\s*)+.*");

    private MailIntent() {
    }

    /** Judges a mail from its subject and text. */
    public static Kind of(String subject, String text) {
        String own = normalise(ownWords(text));
        String subjectWords = normalise(subject == null ? "" : subject);
        boolean reply = REPLY_SUBJECT.matcher(subjectWords).matches();
        // a sentence that clearly objects and says no "geen" to it; a denial elsewhere does not undo it
        if (Arrays.stream(own.split("(?<=[.!?;])\\s+"))
                .anyMatch(sentence -> CLEAR.stream().anyMatch(p -> p.matcher(sentence).find()) && !DENIED.matcher(sentence).find())) {
            return Kind.OBJECTION;
        }
        if (DENIED.matcher(own).find()) {
            return Kind.UNCLEAR;
        }
        // a new mail titled "Bezwaar ..." with a motivation is an objection by its own title
        if (!reply && subjectWords.matches("^\\s*\\[?\\s*(formeel\\s+)?bezwaar\\b.*") && own.length() >= 10) {
            return Kind.OBJECTION;
        }
        if (HINT.matcher(own).find() || (!reply && HINT.matcher(subjectWords).find())) {
            return Kind.UNCLEAR;
        }
        return Kind.NOTE;
    }

    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final Pattern INITIALS = Pattern.compile("(?<!\\p{L})(\\p{L}\\.){1,4}(?=\\s*\\p{L}{2,})");

    /** Words that thank or acknowledge, and what surrounds them in a short reply (greetings, closings). */
    private static final Set<String> THANKS = Set.of("bedankt", "dank", "dankjewel", "dankjulliewel", "dankuwel", "dankje",
            "danku", "merci", "thanks", "thank", "thx", "thnx", "tnx", "ok", "oke", "okay", "prima", "top", "perfect",
            "ontvangen", "helder", "duidelijk", "begrepen", "gezien", "noted", "understood", "clear");
    private static final Set<String> COURTESY = Set.of("je", "jullie", "u", "wel", "hartelijk", "heel", "veel", "zeer",
            "you", "very", "much", "super", "fijn", "goed", "groet", "groeten", "gr", "grt", "mvg", "met", "vriendelijke",
            "hartelijke", "vr", "regards", "kind", "best", "hoi", "hallo", "beste", "dag", "team", "homepair", "klachten",
            "en", "voor", "de", "het", "uw", "jouw", "bericht", "mail", "e", "email", "reactie", "antwoord", "informatie",
            "info", "groetjes", "liefs", "doei", "alvast", "snel", "snelle", "bevestiging", "ontvangst", "mooi", "vriendelijk",
            "erg", "hartstikke", "ontzettend", "enorm", "reuze", "echt", "nogmaals", "so", "a", "lot", "again", "many",
            // "bedankt voor de hulp / de afhandeling / de moeite", as a closed case's last mail is answered
            "hulp", "afhandeling", "moeite", "medewerking", "help", "your",
            // "Bedankt, fijne dag!", "Dankjewel en fijn weekend", "Bedankt voor de update", "tot ziens"
            // (no times of day, no "akkoord": they answer "ochtend of middag?", "ga je akkoord met …?")
            "fijne", "weekend", "update", "tot", "ziens", "nice", "day", "have", "the", "for");

    /**
     * Whether the sender's own words only thank or acknowledge ("Bedankt!", "Ok, ontvangen.
     * Groet, Bas"): such a reply answers no question. Words of the sender's name may stand
     * in the closing; any other word makes it more than thanks, and so does any number: the
     * order number, date, amount or phone number we asked for ("88123, bedankt!").
     */
    public static boolean onlyThanks(String text, String senderName) {
        // without accents, the name as the text: "Oké" is "oke", "René" signs as "rene"
        Set<String> name = Set.copyOf(Arrays.asList(withoutAccents(normalise(senderName == null ? "" : senderName))
                .split("[^\\p{L}]+")));
        String plain = withoutAccents(normalise(ownWords(text)));
        if (DIGIT.matcher(plain).find()) {
            return false;
        }
        // initials in the signature ("J.W. de Vries") are part of the name; a letter alone ("Ok, B") may be the answer
        List<String> words = Arrays.stream(INITIALS.matcher(plain).replaceAll(" ").split("[^\\p{L}]+"))
                .filter(w -> !w.isEmpty() && !name.contains(w)).toList();
        return words.stream().anyMatch(THANKS::contains)
                && words.stream().allMatch(w -> THANKS.contains(w) || COURTESY.contains(w));
    }

    /**
     * The text the sender wrote themselves: without lines quoted with {@code >} and without
     * everything from the header of the quoted original on.
     */
    public static String ownWords(String text) {
        if (text == null) {
            return "";
        }
        List<String> own = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (quoteHeader(lines, i) || SIGNATURE_STARTS.stream().anyMatch(p -> p.matcher(normalise(line)).matches())) {
                break;
            }
            if (!line.stripLeading().startsWith(">")) {
                own.add(line);
            }
        }
        return String.join("\n", own).strip();
    }

    /** The lines of the header a mail program writes above the original it quotes (Outlook: "Verzonden:", "Aan:"). */
    private static final Pattern QUOTE_HEADER_FIELD = Pattern.compile("^\\s*(van|from|verzonden|sent|aan|to|cc|bcc|onderwerp"
            + "|subject|datum|date|prioriteit|priority|urgentie|importance|bijlagen|attachments)\\s*:.*$");

    /** A link as a mail program writes it in text ("Bezwaar indienen<https://…>"): not words of anyone. */
    private static final Pattern LINK = Pattern.compile("<?(https?://|mailto:)\\S+>?");

    /**
     * Everything the sender wrote themselves: their words above the quote ({@link #ownWords}) and those they typed
     * between or below the lines of the mail they answer ({@link #inlineWords}). What thanks, objects or answers.
     */
    public static String saidWords(String text, Collection<String> ours) {
        return saidWords(text, () -> ours);
    }

    /** As {@link #saidWords(String, Collection)}, reading our mails only for a quote without marks, which needs them. */
    public static String saidWords(String text, Supplier<? extends Collection<String>> ours) {
        String own = ownWords(text);
        List<String> said = new ArrayList<>(own.isEmpty() ? List.of() : List.of(own));
        Set<String> ownLines = Set.copyOf(Arrays.stream(own.split("\n")).map(String::strip).toList());
        // a quote header marked with '>' (Apple's) is no end of the own words: a line below it is in both
        Arrays.stream(inlineWords(text, ours).split("\n")).filter(line -> !line.isBlank() && !ownLines.contains(line))
                .forEach(said::add);
        return String.join("\n", said).strip();
    }

    /**
     * What the sender typed between or below the lines of the mail they answer ("Bedankt! Zie mijn antwoorden
     * hieronder." above our question, "Ordernummer 88123" typed under it), below the header of the quote: in a quote
     * marked with {@code >} the lines without the mark (until a signature); in a quote without marks (Outlook's "Van: …
     * Verzonden: …" and then the original as it was) the lines between the first and the last line of a mail we sent
     * ({@code ours}, as text or HTML) that stand in none of them, and only when most of the quote is ours: a banner
     * of the sender's mail server above it, a disclaimer below it, a mail a handler wrote from their own mail program
     * (not kept here) give no words. Only the mail they answered is read, not the older thread below its own quote
     * header.
     */
    public static String inlineWords(String text, Collection<String> ours) {
        return inlineWords(text, () -> ours);
    }

    /** As {@link #inlineWords(String, Collection)}, reading our mails only for a quote without marks, which needs them. */
    public static String inlineWords(String text, Supplier<? extends Collection<String>> mailsOfOurs) {
        Quote quote = Quote.in(text);
        if (quote == null) {
            return "";
        }
        String[] lines = quote.lines();
        int start = quote.start();
        int end = quote.end();
        boolean marked = quote.marked();
        List<String> inline = new ArrayList<>();
        if (marked) {
            for (int i = start; i < end; i++) {
                String line = lines[i];
                if (SIGNATURE_STARTS.stream().anyMatch(p -> p.matcher(normalise(line)).matches())) {
                    break;
                }
                if (!wordKey(line).isBlank() && !line.stripLeading().startsWith(">")) {
                    inline.add(line.strip());
                }
            }
            return String.join("\n", inline);
        }
        List<Integer> worded = new ArrayList<>();
        List<Boolean> isOurs = quote.linesOurs(mailsOfOurs, worded);
        int first = isOurs.indexOf(true);
        int last = isOurs.lastIndexOf(true);
        // most of the quote is a mail of ours: only then is a line that is not a typed answer
        if (!quote.mostlyOurs(isOurs)) {
            return "";
        }
        for (int j = first; j <= last; j++) {
            if (!isOurs.get(j)) {
                inline.add(lines[worded.get(j)].strip());
            }
        }
        return String.join("\n", inline);
    }

    /**
     * Whether the text passes on a message that is not a mail of ours, below its own words without {@code >} marks: a
     * forwarded mail of the tradesperson, a chat pasted under "Op 3 maart schreef de vakman:". "Bedankt!" above it
     * is no mere thank-you: what it passes on may be the answer (R4).
     */
    public static boolean quotesSomeoneElse(String text, Supplier<? extends Collection<String>> mailsOfOurs,
                                            java.util.function.Predicate<String> ourAddress) {
        Quote quote = Quote.in(text);
        if (quote == null || quote.marked()) {
            return false; // no quote, or a reply's quote of the mail it answers
        }
        // its header names who wrote it: someone who is not us (a mail a handler wrote from their own mail program, which
        // is not kept, is still ours)
        List<String> writers = new ArrayList<>();
        for (int i = quote.header(); i < quote.start(); i++) {
            Matcher address = ADDRESS.matcher(quote.lines()[i]);
            while (address.find()) {
                writers.add(address.group());
            }
        }
        if (writers.isEmpty() || writers.stream().anyMatch(ourAddress)) {
            return false;
        }
        List<Integer> worded = new ArrayList<>();
        List<Boolean> isOurs = quote.linesOurs(mailsOfOurs, worded);
        return !worded.isEmpty() && !quote.mostlyOurs(isOurs);
    }

    private static final Pattern ADDRESS = Pattern.compile("[\\w.+'-]+@[\\w-]+(\\.[\\w-]+)+");

    /** The quote below a mail's own words: its lines, from below its header to the next header, and whether marked. */
    private record Quote(String[] lines, int header, int start, int end, boolean marked) {

        static Quote in(String text) {
            if (text == null) {
                return null;
            }
            String[] lines = text.split("\n", -1);
            int start = 0;
            while (start < lines.length && !quoteHeader(lines, start, true)) {
                start++;
            }
            if (start >= lines.length) {
                return null;
            }
            int header = start;
            // the header itself: the line that starts it (perhaps wrapped) and Outlook's fields under it
            start++;
            while (start < lines.length && (lines[start].isBlank() || lines[start - 1].strip().endsWith("<")
                    || QUOTE_HEADER_FIELD.matcher(normalise(lines[start])).matches()
                    || lines[start].strip().equals(">"))) {
                start++;
            }
            int end = start;
            boolean marked = false;
            while (end < lines.length && !quoteHeader(lines, end, true)) {
                marked |= lines[end].stripLeading().startsWith(">");
                end++;
            }
            return new Quote(lines, header, start, end, marked);
        }

        /** Per line with words (their indexes into {@code worded}), whether a mail of ours has it. */
        List<Boolean> linesOurs(Supplier<? extends Collection<String>> mailsOfOurs, List<Integer> worded) {
            Collection<String> ours = mailsOfOurs.get();
            List<String> keys = ours == null ? List.of() : ours.stream().filter(t -> t != null && !t.isBlank())
                    .map(t -> wordKey(t.stripLeading().startsWith("<") ? IncomingMail.htmlText(t) : t)).toList();
            List<Boolean> isOurs = new ArrayList<>();
            for (int i = start; i < end; i++) {
                String key = wordKey(lines[i]);
                if (!key.isBlank()) {
                    worded.add(i);
                    isOurs.add(keys.stream().anyMatch(ourKey -> ourKey.contains(key)));
                }
            }
            return isOurs;
        }

        boolean mostlyOurs(List<Boolean> isOurs) {
            long matched = isOurs.stream().filter(Boolean::booleanValue).count();
            return isOurs.contains(true) && matched * 2 >= isOurs.size();
        }
    }

    private static boolean quoteHeader(String[] lines, int i) {
        return quoteHeader(lines, i, false);
    }

    /** @param marked also a header quoted itself ("&gt; Op 5 dec. 2026 om 10:12 heeft HomePair … het volgende geschreven:", Apple's) */
    private static boolean quoteHeader(String[] lines, int i, boolean marked) {
        String line = lines[i];
        if (marked && line.stripLeading().startsWith(">")) {
            line = line.stripLeading().replaceFirst("^>\\s?", "");
        }
        // a mail program that wraps its header line breaks it inside the address: "... schreef HomePair <" + "a@b>:"
        String next = i + 1 < lines.length ? (marked ? lines[i + 1].stripLeading().replaceFirst("^>\\s?", "") : lines[i + 1]) : "";
        String lower = normalise(line.strip().endsWith("<") && i + 1 < lines.length ? line + next : line);
        return QUOTE_HEADERS.stream().anyMatch(p -> p.matcher(lower).matches());
    }

    /** A text's words and numbers, lower case, without accents and links, each between spaces: " bedankt voor je ". */
    private static String wordKey(String text) {
        String words = String.join(" ", Arrays.stream(withoutAccents(normalise(LINK.matcher(text).replaceAll(" ")))
                .split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList());
        return words.isEmpty() ? "" : " " + words + " ";
    }

    private static String withoutAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    private static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return plain.replaceAll("[\\s\\u00a0]+", " ");
    }
}
