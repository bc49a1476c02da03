package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import nl.homepair.complaints.mailbox.MailIntent.Kind;
import org.junit.jupiter.api.Test;

class MailIntentTest {

    static final String DECISION_QUOTE = """
            Op di 12 mei 2026 om 10:00 schreef HomePair Klachten <klachten@homepair.nl>:
            > Ben je het niet eens met dit besluit? Dan kun je uiterlijk 12 november 2026 een
            > gemotiveerd bezwaar indienen bij de directie van HomePair.""";

    private static final String OUR_QUESTION = """
            Beste Jan,

            Om je klacht goed te kunnen beoordelen, hebben we meer informatie van je nodig:

            Wat is het ordernummer, en wanneer was de klus?

            Stuur je antwoord naar klachten@homepair.nl of lees https://homepair.nl/klachten/hulp.

            Met vriendelijke groet,
            Team Klachten van HomePair""";

    private static final String OUTLOOK_HEADER = """
            Van: HomePair Klachten <klachten@homepair.nl>
            Verzonden: maandag 7 december 2026 10:00
            Aan: Jan Jansen <jan@example.nl>
            Onderwerp: Aanvullende informatie nodig voor je klacht KL-2026-000001

            """;

    @Test
    void wordsTypedBetweenTheLinesOfAMarkedQuoteAreTheSenders() {
        String reply = "Bedankt!\n\nOp ma 7 dec 2026 om 10:00 schreef HomePair <klachten@homepair.nl>:\n"
                + "> Wat is het ordernummer, en wanneer was de klus?\nOrdernummer 88123, op 3 mei.\n> Met vriendelijke groet,\n"
                + ">\n> Team Klachten van HomePair\n\n-- \nJan Jansen\n06-12345678";

        assertThat(MailIntent.inlineWords(reply, java.util.List.of())).isEqualTo("Ordernummer 88123, op 3 mei.");
        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + DECISION_QUOTE, java.util.List.of())).isEmpty();
        assertThat(MailIntent.inlineWords("Bedankt!\n> een regel van ons\nnog iets", java.util.List.of()))
                .as("no quote header: above the quote, as ownWords reads it").isEmpty();
    }

    @Test
    void wordsTypedIntoAnUnmarkedQuoteAreThoseNotInOurMail() {
        String answered = OUR_QUESTION.replace("wanneer was de klus?\n", "wanneer was de klus?\n[Jan] 88123, 3 mei\n");
        java.util.List<String> ours = java.util.List.of(OUR_QUESTION);

        assertThat(MailIntent.inlineWords("Bedankt, zie hieronder.\n\n" + OUTLOOK_HEADER + answered, ours))
                .isEqualTo("[Jan] 88123, 3 mei");
        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + OUTLOOK_HEADER + OUR_QUESTION, ours)).isEmpty();
        assertThat(MailIntent.inlineWords("Bedankt, zie hieronder.\n\n" + OUTLOOK_HEADER + answered, java.util.List.of()))
                .as("nothing of ours to compare with").isEmpty();
        // older thread below the mail answered is not read
        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + OUTLOOK_HEADER + OUR_QUESTION + "\n\nVan: Jan Jansen <jan@example.nl>\n"
                + "Verzonden: zondag 6 december 2026 09:00\n\nDe klusser kwam niet opdagen.", ours)).isEmpty();
    }

    /**
     * Only typed answers count in an unmarked quote: not a banner the sender's mail server put above our mail, a
     * disclaimer below it, or a quote that is mostly not ours (a handler's mail from their own mail program).
     */
    @Test
    void anUnmarkedQuoteGivesOnlyWhatWasTypedInsideAMailOfOurs() {
        java.util.List<String> ours = java.util.List.of(OUR_QUESTION);
        String banner = "LET OP: deze e-mail is afkomstig van buiten de organisatie.\n\n";
        String disclaimer = "\n\nDit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde.";

        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + OUTLOOK_HEADER + banner + OUR_QUESTION + disclaimer, ours)).isEmpty();
        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + OUTLOOK_HEADER + banner
                + OUR_QUESTION.replace("klus?\n", "klus?\nOp 3 mei\n") + disclaimer, ours)).isEqualTo("Op 3 mei");
        assertThat(MailIntent.inlineWords("Bedankt!\n\n" + OUTLOOK_HEADER + "Beste Jan,\nKun je me het ordernummer sturen?\n"
                + "Groet, Petra (klachtenteam)", ours)).as("a mail we did not keep").isEmpty();
    }

    /** What is said below a marked quote counts as said, thanks included (Thunderbird answers below the quote). */
    @Test
    void whatIsWrittenBelowAMarkedQuoteIsSaidAndMayOnlyThank() {
        String thunderbird = "Op 07-12-2026 om 10:00 schreef HomePair:\n> Wat is het ordernummer?\n\nBedankt!\n-- \nJan";
        assertThat(MailIntent.ownWords(thunderbird)).isEmpty();
        assertThat(MailIntent.saidWords(thunderbird, java.util.List.of())).isEqualTo("Bedankt!");
        assertThat(MailIntent.onlyThanks(MailIntent.saidWords(thunderbird, java.util.List.of()), "Jan")).isTrue();

        // Apple quotes its own header line: the answer below the quote is still the sender's, once
        String iphone = "Bedankt\n\n> Op 5 dec. 2026 om 10:12 heeft HomePair <klachten@homepair.nl> het volgende geschreven:\n"
                + ">\n> Stuur een foto van de scheur.\n\nDe scheur zit links van de deur.";
        assertThat(MailIntent.saidWords(iphone, java.util.List.of()).split("\\s*\n\\s*"))
                .containsExactly("Bedankt", "De scheur zit links van de deur.");
        assertThat(MailIntent.saidWords("Verstuurd vanaf mijn iPhone\n\n" + iphone.substring("Bedankt\n\n".length()),
                java.util.List.of())).isEqualTo("De scheur zit links van de deur.");
        // an objection typed into our decision mail is an objection by the sender's own words
        assertThat(MailIntent.of("Re: Besluit", MailIntent.saidWords("Bedankt.\n\n" + DECISION_QUOTE
                + "\nIk maak bezwaar tegen dit besluit.", java.util.List.of()))).isEqualTo(Kind.OBJECTION);
    }

    @Test
    void anOutlookQuoteOfOurHtmlMailReadsAsOurs() {
        String html = "<!DOCTYPE html><html><body><p>Beste <span>Jan</span>,</p><p>Om je klacht goed te kunnen beoordelen,"
                + " hebben we meer informatie van je nodig:</p><p style=\"white-space: pre-line\">Wat is het ordernummer, en"
                + " wanneer was de klus?</p><p>Stuur je antwoord naar <strong>klachten@homepair.nl</strong> of lees <a"
                + " href=\"https://homepair.nl/klachten/hulp\">de hulp</a>.</p><p>Met vriendelijke groet,<br>Team Klachten van"
                + " HomePair</p></body></html>";
        // Outlook's text of it: a link as "text<url>", its own line breaks
        String quoted = "Beste Jan,\n\nOm je klacht goed te kunnen beoordelen, hebben we meer informatie van je\nnodig:\n\n"
                + "Wat is het ordernummer, en wanneer was de klus?\n\nStuur je antwoord naar klachten@homepair.nl<mailto:"
                + "klachten@homepair.nl> of lees de hulp<https://homepair.nl/klachten/hulp>.\n\nMet vriendelijke groet,\n"
                + "Team Klachten van HomePair";

        assertThat(MailIntent.inlineWords("Dank je wel!\n\n" + OUTLOOK_HEADER + quoted, java.util.List.of(html))).isEmpty();
        assertThat(MailIntent.inlineWords("Dank je wel!\n\n" + OUTLOOK_HEADER + quoted.replace("klus?\n", "klus?\nGisteren\n"),
                java.util.List.of(html))).isEqualTo("Gisteren");
    }

    @Test
    void thanksAndQuestionsAreNotes() {
        assertThat(MailIntent.of("Re: Besluit over je klacht KL-2026-000001", "Dank je wel!\n\n" + DECISION_QUOTE))
                .isEqualTo(Kind.NOTE);
        assertThat(MailIntent.of("Vraag over KL-2026-000001", "Wanneer ontvang ik de compensatie die jullie adviseren?"))
                .isEqualTo(Kind.NOTE);
    }

    @Test
    void aReplyThatOnlyThanksAnswersNoQuestion() {
        assertThat(MailIntent.onlyThanks("Bedankt!\n\nGroet,\nBas Bos\n\n" + DECISION_QUOTE, "Bas Bos")).isTrue();
        assertThat(MailIntent.onlyThanks("Ok, goed ontvangen. Dank u wel 👍", "Bas")).isTrue();
        assertThat(MailIntent.onlyThanks("Thanks!", "")).isTrue();
        // as people write them on a phone
        assertThat(MailIntent.onlyThanks("Oké, bedankt! Groetjes, Anna", "Anna de Wit")).isTrue();
        assertThat(MailIntent.onlyThanks("Bedankt voor de info en de snelle reactie!", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Dank voor de bevestiging. Liefs, Mies", "Mies")).isTrue();
        assertThat(MailIntent.onlyThanks("Bedankt! René", "René Bakker")).as("a name with an accent").isTrue();
        assertThat(MailIntent.onlyThanks("Bedankt, Jan-Jan", "Jan Jan")).as("a name with a word twice").isTrue();
        // anything more is for the handler to read as the answer
        assertThat(MailIntent.onlyThanks("Bedankt, ik stuur de foto's morgen.", "Bas")).isFalse();
        assertThat(MailIntent.onlyThanks("Bedankt. Het werk was op 3 mei, de factuur was 450 euro.", "Bas")).isFalse();
        assertThat(MailIntent.onlyThanks("Groeten, Bas", "Bas")).isFalse();
        // the order number, phone number, date or amount we asked for, with a thank-you around it
        assertThat(MailIntent.onlyThanks("88123\n\nBedankt, Bas", "Bas")).isFalse();
        assertThat(MailIntent.onlyThanks("06-12345678, bedankt!", "")).isFalse();
        assertThat(MailIntent.onlyThanks("12-03-2026, bedankt", "")).isFalse();
        assertThat(MailIntent.onlyThanks("€ 450,- bedankt", "")).isFalse();
        // how people thank, too
        assertThat(MailIntent.onlyThanks("Heel erg bedankt!", "Bas")).isTrue();
        assertThat(MailIntent.onlyThanks("Hartstikke bedankt", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Ontzettend bedankt! Nogmaals dank.", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Thank you so much!", "Bas")).isTrue();
        assertThat(MailIntent.onlyThanks("Thanks a lot", "")).isTrue();
        assertThat(MailIntent.onlyThanks("", "Bas")).isFalse();
        // how people close a thank-you, and a signature with initials
        assertThat(MailIntent.onlyThanks("Bedankt, fijne dag!", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Dankjewel en fijn weekend", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Bedankt voor de update", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Thanks for the update, have a nice day", "")).isTrue();
        // … but an answer that is one word, a letter or a part of the day stays an answer
        assertThat(MailIntent.onlyThanks("Akkoord.", "")).isFalse();
        assertThat(MailIntent.onlyThanks("Ok, B", "")).isFalse();
        assertThat(MailIntent.onlyThanks("Prima, middag", "")).isFalse();
        assertThat(MailIntent.onlyThanks("Bedankt!\nMvg,\nJ.W. de Vries", "Jan de Vries")).isTrue();
        assertThat(MailIntent.onlyThanks("Niet akkoord, bedankt", "")).isFalse();
    }

    /** "Bedankt!" above a forwarded mail of the tradesperson passes that mail on; above our own quoted mail it only thanks. */
    @Test
    void aThankYouAboveSomeoneElsesMessagePassesItOn() {
        String forwarded = "Bedankt!\n\n---------- Forwarded message ---------\nVan: Piet Bakker <piet@bakker.nl>\n"
                + "Date: di 3 mrt 2026 om 10:12\nSubject: Offerte badkamer\n\nBeste Jan,\nDe offerte voor de badkamer komt op"
                + " 450 euro, inclusief tegels.\nGroet, Piet";
        java.util.function.Predicate<String> ourAddress = address -> address.endsWith("@homepair.nl");
        assertThat(MailIntent.quotesSomeoneElse(forwarded, () -> java.util.List.of(OUR_QUESTION), ourAddress)).isTrue();
        // a mail a handler wrote from their own mail program (not kept) is still ours
        assertThat(MailIntent.quotesSomeoneElse(forwarded.replace("piet@bakker.nl", "anna@homepair.nl"),
                () -> java.util.List.of(OUR_QUESTION), ourAddress)).isFalse();
        String ours = "Bedankt!\n\n---------- Forwarded message ---------\nVan: HomePair <klachten@homepair.nl>\n\n"
                + OUR_QUESTION;
        assertThat(MailIntent.quotesSomeoneElse(ours, () -> java.util.List.of(OUR_QUESTION), ourAddress)).isFalse();
        assertThat(MailIntent.quotesSomeoneElse("Bedankt!", () -> java.util.List.of(OUR_QUESTION), ourAddress)).isFalse();
        assertThat(MailIntent.quotesSomeoneElse("Bedankt!\n\n" + DECISION_QUOTE, () -> java.util.List.of(OUR_QUESTION), ourAddress))
                .as("a reply's quote, marked").isFalse();
    }

    @Test
    void aReplyThatOnlyQuotesTheDecisionMailIsANote() {
        assertThat(MailIntent.of("Re: Bezwaar maken KL-2026-000001", "Ok, duidelijk.\n" + DECISION_QUOTE)).isEqualTo(Kind.NOTE);
        assertThat(MailIntent.of("Re: KL-2026-000001", "Gezien.\n> ik maak bezwaar")).isEqualTo(Kind.NOTE);
        assertThat(MailIntent.of("AW: KL-2026-000001", "Prima.\n-----Oorspronkelijk bericht-----\nVan: HomePair\nbezwaar"))
                .isEqualTo(Kind.NOTE);
    }

    @Test
    void clearWordsAreAnObjection() {
        assertThat(MailIntent.of("Re: Besluit KL-2026-000001", "Ik maak bezwaar: de hovenier heeft mij wel uitgescholden.\n"
                + DECISION_QUOTE)).isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "Ik ben het niet eens met jullie besluit, want de chat laat het zien."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("Bezwaar tegen besluit KL-2026-000001", "De hovenier heeft mij wel degelijk uitgescholden."))
                .isEqualTo(Kind.OBJECTION);
    }

    @Test
    void aMentionWithoutAClearObjectionIsForAPerson() {
        assertThat(MailIntent.of("Re: Besluit KL-2026-000001", "Kan ik hier nog bezwaar tegen maken?\n" + DECISION_QUOTE))
                .isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("KL-2026-000001", "Dit vind ik echt onterecht.")).isEqualTo(Kind.UNCLEAR);
        // how most people say it, as our decision mail does ("als je het er niet mee eens bent")
        assertThat(MailIntent.of("Re: Besluit KL-2026-000001", "Ik ben het er niet mee eens, de schilder was nooit op tijd."))
                .isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Uw besluit", "Hier ga ik echt niet mee akkoord.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Your decision", "I don’t agree, the painter never came.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Your decision", "I cannot accept this.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Your decision", "We don't accept that.")).isEqualTo(Kind.UNCLEAR);
        // and not every "niet" before an "eens" or "akkoord", nor someone else's refusal: a complaint stays a note
        for (String complaint : java.util.List.of("Kan hij niet gewoon eens op tijd komen?", "Ik weet niet of u akkoord gaat.",
                "De aannemer gaf niet zijn akkoord voor de meerkosten.", "They don't accept returns.",
                "I could not accept the delivery.")) {
            assertThat(MailIntent.of("Nieuwe klacht", complaint)).as(complaint).isEqualTo(Kind.NOTE);
        }
    }

    /** The complainant's own "Op ... schreef u ..." is their sentence, not the header of a quote. */
    @Test
    void theComplainantsOwnSentenceAboutWhatWeWroteIsKept() {
        String text = "Op 2 maart schreef u dat mijn klacht ongegrond is.\n\nIk maak hierbij bezwaar tegen dit besluit.";
        assertThat(MailIntent.of("Re: Besluit over je klacht KL-2026-000001", text)).isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.ownWords(text)).contains("Ik maak hierbij bezwaar");
        // the quote headers of Gmail, Apple Mail and Outlook still end the own words
        assertThat(MailIntent.ownWords("Prima.\nOp 3 mrt. 2026 om 10:00 heeft HomePair <klachten@homepair.nl> het volgende"
                + " geschreven:\n\nbezwaar")).isEqualTo("Prima.");
        assertThat(MailIntent.ownWords("Fine.\nOn Tue, 3 Mar 2026 at 10:00, HomePair <klachten@homepair.nl> wrote:\nbezwaar"))
                .isEqualTo("Fine.");
    }

    @Test
    void aPhonesSignatureIsNotTheSendersWords() {
        assertThat(MailIntent.onlyThanks("Bedankt!\n\nVerstuurd vanaf mijn iPhone", "Bas")).isTrue();
        assertThat(MailIntent.onlyThanks("Thanks!\n\nSent from my Galaxy", "")).isTrue();
        assertThat(MailIntent.onlyThanks("Ok, helder.\n--\nBas Bos\nBos Installatietechniek BV\n06-12345678", "Bas Bos"))
                .isTrue();
        // a sentence that happens to start the same way is the sender's own
        assertThat(MailIntent.ownWords("Verzonden met PostNL op 3 mei, maar het pakket kwam nooit aan."))
                .contains("nooit aan");
    }

    @Test
    void anObjectionInEnglishOrAgainstTheMeasureIsClear() {
        assertThat(MailIntent.of("Re: Decision KL-2026-000001", "I object to this decision: the painter never came."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "I disagree with the decision and would like the board to review it."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("Re: Maatregel KL-2026-000001", "Ik ben het niet eens met de schorsing, de klant loog."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "Ik accepteer dit besluit niet.")).isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "Ik wil dat de directie hier nog eens naar kijkt."))
                .isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("KL-2026-000001", "Is an appeal possible?")).isEqualTo(Kind.UNCLEAR);
    }

    /** Saying that one makes no objection is not making one; a person reads what else the mail says. */
    @Test
    void anObjectionSaidNotToBeMadeIsForAPerson() {
        assertThat(MailIntent.of("Re: Besluit over je klacht KL-2026-000001", "Ik heb geen bezwaar tegen het besluit, dank u.\n"
                + DECISION_QUOTE)).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("KL-2026-000001", "Wij maken geen bezwaar tegen de beslissing.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Re: Maatregel KL-2026-000001", "Geen bezwaar tegen de maatregel, ik begrijp het."))
                .isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("KL-2026-000001", "Ik zie af van bezwaar.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Bezwaar KL-2026-000001", "Ik ga toch niet in bezwaar, laat maar.")).isEqualTo(Kind.UNCLEAR);
        assertThat(MailIntent.of("Re: Decision KL-2026-000001", "I do not object to the decision.")).isEqualTo(Kind.UNCLEAR);
        // a real objection that says "niet" stays one, and so does one beside a denial of something else
        assertThat(MailIntent.of("KL-2026-000001", "Ik ben het niet eens met het besluit en maak bezwaar tegen dit besluit."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "Ik ben het niet eens met het besluit. Ik kon geen beroep doen op de garantie."))
                .isEqualTo(Kind.OBJECTION);
        assertThat(MailIntent.of("KL-2026-000001", "I object to the decision. Why could I not appeal earlier?"))
                .isEqualTo(Kind.OBJECTION);
    }

    /** "Op 12 maart schreef de vakman:" in the complainant's own words quotes the professional, not a mail program. */
    @Test
    void aLineAboutWhatSomeoneWroteWithoutAddressOrTimeIsTheSendersOwn() {
        String answer = "Bedankt voor uw mail.\n\nOp 12 maart schreef de vakman mij het volgende:\n"
                + "'Ik kom dinsdag de lekkage verhelpen.' Hij is nooit gekomen.";
        assertThat(MailIntent.ownWords(answer)).contains("Hij is nooit gekomen");
        assertThat(MailIntent.onlyThanks(answer, "Bas")).isFalse();
        assertThat(MailIntent.ownWords("Zie hieronder.\nOn Monday the painter wrote:\nI will come back.")).contains("come back");
        // mail programs' headers with a time and no address still end the own words (Thunderbird, Gmail in English)
        assertThat(MailIntent.ownWords("Prima.\nOp 03-03-2026 om 10:00 schreef HomePair:\n> bezwaar")).isEqualTo("Prima.");
        assertThat(MailIntent.ownWords("Fine.\nOn Tue, Mar 3, 2026 at 10:00 AM HomePair Klachten wrote:\n> bezwaar"))
                .isEqualTo("Fine.");
        assertThat(MailIntent.ownWords("Fine.\nOn Tue, 3 Mar 2026 HomePair wrote:\n> bezwaar")).as("a year, no time").isEqualTo("Fine.");
        // a header wrapped inside the address
        assertThat(MailIntent.ownWords("Prima.\nOp di 3 mrt 2026 om 10:00 schreef HomePair Klachten <\nklachten@homepair.nl>:\n"
                + "> bezwaar")).isEqualTo("Prima.");
        // the complainant's own line with a time, a dotted date or a year, about what someone wrote them
        for (String own : new String[] {"Op 12 maart om 14.30 uur schreef de vakman mij het volgende:",
                "Op 12.03.2026 schreef de vakman mij:", "Op 12 maart 2026 schreef de schilder ons:"}) {
            String reply = "Bedankt voor uw mail.\n\n" + own + "\n'Ik kom dinsdag.' Hij kwam nooit.";
            assertThat(MailIntent.ownWords(reply)).as(own).contains("Hij kwam nooit");
            assertThat(MailIntent.onlyThanks(reply, "Bas")).as(own).isFalse();
        }
    }
}
