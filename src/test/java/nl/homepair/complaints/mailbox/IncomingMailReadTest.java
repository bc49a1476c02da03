package nl.homepair.complaints.mailbox;

import static nl.homepair.complaints.TestComplaints.PDF;
import static nl.homepair.complaints.TestComplaints.PNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.text.PlainText;
import org.junit.jupiter.api.Test;

/** How a mail is read, without a mail server: text, sender, attachments, machine mail. */
class IncomingMailReadTest {

    static final Instant NOW = Instant.parse("2026-04-24T10:00:00Z");

    private static MimeMessage mail(String from) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        if (from != null) {
            message.setFrom(new InternetAddress(from));
        }
        message.setRecipients(Message.RecipientType.TO, "contact@homepair.nl");
        message.setSubject("  Klacht over de schilder ");
        message.setSentDate(Date.from(NOW.minusSeconds(3600)));
        return message;
    }

    /** The IMAP connection drops while the mail's parts are fetched: the poll ends and reads it again, no empty handler task. */
    @Test
    void aConnectionThatDropsWhileTheMailIsReadIsNoUnreadableMail() throws Exception {
        MimeMessage dropping = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public Object getContent() throws jakarta.mail.MessagingException {
                throw new jakarta.mail.FolderClosedException(null, "* BYE connection closed");
            }

            @Override
            public java.io.InputStream getInputStream() throws jakarta.mail.MessagingException {
                throw new jakarta.mail.FolderClosedException(null, "* BYE connection closed");
            }
        };
        dropping.setFrom(new InternetAddress("jan@example.nl"));
        dropping.setSubject("Klacht");
        dropping.setText("De schilder kwam niet.");

        assertThatThrownBy(() -> IncomingMail.read(dropping, NOW)).isInstanceOf(IncomingMail.ConnectionLost.class);
        assertThat(IncomingMail.headerText("Klacht\u0000 over\r\n de \u0096 schilder")).isEqualTo("Klacht over de \u2013 schilder");
    }

    /** Exchange's "delivery delayed": the mail is still on its way, no handler needs to warn the complainant. */
    @Test
    void aDelayReportIsNoBounceAndAFailureReportIs() throws Exception {
        assertThat(IncomingMail.bouncedMessageId(report("delayed"))).isNull();
        assertThat(IncomingMail.bouncedMessageId(report("failed"))).isEqualTo("<ons-bericht@homepair.nl>");
    }

    /** A plain-text bounce names the returned mail in its text; a person quoting a header line is no bounce. */
    @Test
    void aPlainTextBounceIsReadByItsQuotedMessageId() throws Exception {
        String text = "I'm afraid I wasn't able to deliver your message.\n\n--- Below this line is a copy of the message."
                + "\n\nMessage-ID: <ons-bericht@homepair.nl>\nSubject: Ontvangstbevestiging\n";
        MimeMessage bounce = mail("MAILER-DAEMON@mx.example.nl");
        bounce.setText(text);
        MimeMessage person = mail("jan@example.nl");
        person.setText(text);
        assertThat(IncomingMail.read(bounce, NOW).bouncedMessageId()).isEqualTo("<ons-bericht@homepair.nl>");
        assertThat(IncomingMail.read(person, NOW).bouncedMessageId()).isNull();
    }

    private static MimeMessage report(String action) throws Exception {
        MimeMessage report = mail("MAILER-DAEMON@mx.example.nl");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("Delivery to tim@example.nl has been delayed.");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.example.nl\r\n\r\nFinal-Recipient: rfc822; tim@example.nl\r\n"
                + "Action: " + action + "\r\nStatus: 4.4.7\r\n", "message/delivery-status");
        MimeBodyPart headers = new MimeBodyPart();
        headers.setContent("From: klachten@homepair.nl\r\nMessage-ID: <ons-bericht@homepair.nl>\r\n", "text/rfc822-headers");
        report.setContent(new MimeMultipart("report; report-type=delivery-status", human, status, headers));
        report.saveChanges();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        report.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray())); // as received
    }

    @Test
    void textSenderAndAttachmentsAreReadFromAMultipartMail() throws Exception {
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("De schilder kwam niet.\r\n\r\n\r\n\r\nGroet, Jan", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new DataHandler(new ByteArrayDataSource(PNG, "image/png")));
        photo.setFileName("vloer.png");
        message.setContent(new MimeMultipart(text, photo));
        message.saveChanges();

        IncomingMail read = IncomingMail.read(message, NOW);

        assertThat(read.senderName()).isEqualTo("Jan Jansen");
        assertThat(read.senderAddress()).isEqualTo("jan@example.nl");
        assertThat(read.subject()).isEqualTo("Klacht over de schilder");
        assertThat(read.text()).isEqualTo("De schilder kwam niet.\n\nGroet, Jan");
        assertThat(read.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("vloer.png");
            assertThat(a.content()).isEqualTo(PNG);
        });
        assertThat(read.receivedAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(read.messageId()).isEqualTo(message.getMessageID());
        assertThat(read.automatic()).isFalse();
    }

    @Test
    void anHtmlOnlyMailGivesItsTextWithoutMarkupOrScripts() throws Exception {
        MimeMessage message = mail("els@example.nl");
        message.setContent("<p>Mijn <b>klacht</b></p><script>alert(1)</script>", "text/html; charset=UTF-8");
        message.saveChanges(); // writes the Content-Type header, as a sent mail has it

        IncomingMail read = IncomingMail.read(message, NOW);

        assertThat(read.text()).isEqualTo("Mijn klacht");
        assertThat(read.senderName()).as("the local part when the mail gives no name").isEqualTo("els");
    }

    /**
     * Where the evidence is can be a link ("de foto's staan hier"): its address comes along after its words, unless the
     * words are the address; the lines of a pre-formatted block stay lines.
     */
    @Test
    void anHtmlMailKeepsTheAddressOfALinkAndTheLinesOfAPreformattedBlock() throws Exception {
        MimeMessage message = mail("els@example.nl");
        message.setContent("<p>De foto's staan <a href=\"https://we.tl/t-abc123\">hier</a>, de offerte op"
                + " <a href=\"https://www.example.nl/offerte\">www.example.nl/offerte</a>; mail <a href=\"mailto:els@example.nl\">mij</a>.</p>"
                + "<pre>Regel 1\nRegel 2</pre>", "text/html; charset=UTF-8");
        message.saveChanges();

        IncomingMail read = IncomingMail.read(message, NOW);

        assertThat(read.text()).isEqualTo("De foto's staan hier <https://we.tl/t-abc123>, de offerte op www.example.nl/offerte;"
                + " mail mij.\nRegel 1\nRegel 2");
    }

    @Test
    void withoutAMessageIdTheSameMailGetsTheSameStableId() throws Exception {
        MimeMessage message = mail("jan@example.nl");
        message.setText("Klacht");

        String id = IncomingMail.read(message, NOW).messageId();

        assertThat(id).startsWith("sha256:").isEqualTo(IncomingMail.read(message, NOW.plusSeconds(60)).messageId());
    }

    @Test
    void aDateInTheFutureIsTakenAsNow() throws Exception {
        MimeMessage message = mail("jan@example.nl");
        message.setSentDate(Date.from(NOW.plusSeconds(86_400)));
        message.setText("Klacht");

        assertThat(IncomingMail.read(message, NOW).receivedAt()).isEqualTo(NOW);
    }

    @Test
    void autoRepliesBouncesAndListsAreMachineMail() throws Exception {
        MimeMessage outOfOffice = mail("jan@example.nl");
        outOfOffice.setText("Ik ben afwezig");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        MimeMessage bounce = mail("MAILER-DAEMON@example.nl");
        bounce.setText("Undeliverable");
        MimeMessage newsletter = mail("nieuws@example.nl");
        newsletter.setText("Nieuwsbrief");
        newsletter.setHeader("Precedence", "bulk");
        MimeMessage person = mail("jan@example.nl");
        person.setText("Klacht");
        person.setHeader("Auto-Submitted", "no");

        assertThat(IncomingMail.read(outOfOffice, NOW).automatic()).isTrue();
        assertThat(IncomingMail.read(bounce, NOW).automatic()).isTrue();
        assertThat(IncomingMail.read(newsletter, NOW).automatic()).isTrue();
        assertThat(IncomingMail.read(person, NOW).automatic()).isFalse();
    }

    @Test
    void aReplyThatAsksForNoAutoReplyIsAPersonsMail() throws Exception {
        // Exchange and ticket systems put this on what a person typed: "do not answer me automatically"
        MimeMessage reply = mail("jan@example.nl");
        reply.setSubject("RE: Aanvullende informatie nodig voor je klacht KL-2026-000001");
        reply.setText("Hierbij de foto's van de lekkage.");
        reply.setHeader("In-Reply-To", "<ack-1@klachten.homepair.nl>");
        reply.setHeader("X-Auto-Response-Suppress", "All");
        assertThat(IncomingMail.read(reply, NOW).automatic()).isFalse();
        reply.setHeader("Auto-Submitted", "auto-replied");
        assertThat(IncomingMail.read(reply, NOW).automatic()).isTrue();
    }

    @Test
    void anOutOfOfficeNoticeWithoutItsHeadersIsKnownByItsSubject() throws Exception {
        for (String subject : List.of("Automatisch antwoord: Aanvullende informatie nodig voor je klacht KL-2026-000001",
                "Automatic reply: Re: KL-2026-000001", "Out of Office AutoReply: Bevestiging", "AUTOMATISCHE REACTIE: Re: je klacht",
                "Abwesenheitsnotiz: Ihre Beschwerde", "Afwezigheidsmelding: Aanvullende informatie nodig voor je klacht KL-2026-000001")) {
            MimeMessage notice = mail("jan@example.nl");
            notice.setSubject(subject);
            notice.setText("Ik ben afwezig tot 12 mei en lees mijn mail daarna.");
            assertThat(IncomingMail.read(notice, NOW).automatic()).as(subject).isTrue();
        }
        for (String subject : List.of("Afwezig bij de afspraak", "Afwezig: monteur kwam niet opdagen", "Klacht: automatisch antwoord klopt niet",
                "Re: Aanvullende informatie nodig voor je klacht KL-2026-000001")) {
            MimeMessage person = mail("jan@example.nl");
            person.setSubject(subject);
            person.setText("De schilder was afwezig.");
            assertThat(IncomingMail.read(person, NOW).automatic()).as(subject).isFalse();
        }
        // a responder's notice with neither headers nor a known subject, sent with the empty envelope sender
        MimeMessage bare = mail("jan@example.nl");
        bare.setSubject("Re: Aanvullende informatie nodig voor je klacht KL-2026-000001");
        bare.setText("Ik ben er tot 14 maart niet.");
        assertThat(IncomingMail.read(bare, NOW).automatic()).isFalse();
        bare.setHeader("Return-Path", "<jan@example.nl>");
        assertThat(IncomingMail.read(bare, NOW).automatic()).isFalse();
        bare.setHeader("Return-Path", "< >");
        assertThat(IncomingMail.read(bare, NOW).automatic()).isTrue();
    }

    @Test
    void aMailWithoutSenderCannotBeRead() throws Exception {
        MimeMessage message = mail(null);
        message.setText("Klacht");

        assertThatThrownBy(() -> IncomingMail.read(message, NOW))
                .isInstanceOf(IncomingMail.UnreadableMailException.class)
                .hasMessage("geen afzender");
    }

    /** A mail as a mail program sends it: headers, then the body's bytes as they are on the wire. */
    private static MimeMessage raw(String contentType, String transferEncoding, byte[] body) throws Exception {
        String headers = "From: Jan Jansen <jan@example.nl>\r\nTo: contact@homepair.nl\r\nSubject: Re: KL-2026-000123\r\n"
                + "Message-ID: <x@example.nl>\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n"
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n") + "\r\n";
        byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(all));
    }

    @Test
    void windows1252LabelledAsLatin1ReadsAsTheWriterMeantIt() throws Exception {
        // Outlook's classic: euro sign, curly quotes, an en dash and an apostrophe from Windows-1252, labelled ISO-8859-1
        byte[] body = "Ik heb =80 250 betaald voor =93klaar=94 werk =96 zie de foto=92s. Caf=E9.".getBytes(StandardCharsets.US_ASCII);

        IncomingMail read = IncomingMail.read(raw("text/plain; charset=iso-8859-1", "quoted-printable", body), NOW);

        assertThat(read.text()).isEqualTo("Ik heb \u20ac 250 betaald voor \u201cklaar\u201d werk \u2013 zie de foto\u2019s. Caf\u00e9.");
        assertThat(PlainText.isPlain(read.text())).isTrue();
    }

    @Test
    void utf8WithoutALabelAndStrayControlCharactersAreReadAsText() throws Exception {
        byte[] body = "Het kostte \u20ac 250,\fzie bijlage.\u0007".getBytes(StandardCharsets.UTF_8);

        IncomingMail read = IncomingMail.read(raw("text/plain", "8bit", body), NOW);

        assertThat(read.text()).isEqualTo("Het kostte \u20ac 250, zie bijlage.");
        assertThat(PlainText.isPlain(read.text())).isTrue();
    }

    /** A label no Java knows ("unknown-8bit") on UTF-8 bytes: read as UTF-8, as a missing label is, not as Windows-1252. */
    @Test
    void utf8UnderALabelNobodyKnowsIsReadAsUtf8() throws Exception {
        byte[] body = "De tegelzetter kwam niet; € 300 betaald, café dicht.".getBytes(StandardCharsets.UTF_8);

        IncomingMail read = IncomingMail.read(raw("text/plain; charset=unknown-8bit", "8bit", body), NOW);

        assertThat(read.text()).isEqualTo("De tegelzetter kwam niet; € 300 betaald, café dicht.");
    }

    @Test
    void anEmptyPlainPartDoesNotHideTheHtmlPart() throws Exception {
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("  \r\n ", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>De vloer is beschadigd.</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
        message.setContent(alternative);
        message.saveChanges();

        assertThat(IncomingMail.read(message, NOW).text()).isEqualTo("De vloer is beschadigd.");
    }

    private static MimeBodyPart file(String name, byte[] content, String type, String disposition, String contentId)
            throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(disposition);
        if (contentId != null) {
            part.setContentID(contentId);
        }
        return part;
    }

    @Test
    void attachedPhotosComeFirstAndASignaturesLogoIsNoEvidence() throws Exception {
        // as Outlook sends it: text and HTML with the signature's logo, related; then the attached photos
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("Zie de foto's.\n\nMet vriendelijke groet,\nJan", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Zie de foto's.</p><p>Met vriendelijke groet,<br>Jan<br><img src=\"cid:image001.png@01DA\"></p>",
                "text/html; charset=UTF-8");
        MimeBodyPart alternative = new MimeBodyPart();
        alternative.setContent(new MimeMultipart("alternative", plain, html));
        MimeBodyPart related = new MimeBodyPart();
        byte[] photoInText = new byte[200 * 1024];
        related.setContent(new MimeMultipart("related", alternative,
                file("image001.png", PNG, "image/png", MimeBodyPart.INLINE, "<image001.png@01DA>"),
                file("IMG_0042.jpg", photoInText, "image/jpeg", MimeBodyPart.INLINE, "<IMG_0042@phone>")));
        MimeMultipart mixed = new MimeMultipart("mixed", related);
        for (int i = 1; i <= 5; i++) {
            mixed.addBodyPart(file("schade" + i + ".jpg", new byte[]{(byte) i}, "image/jpeg", MimeBodyPart.ATTACHMENT, null));
        }
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setContent(mixed);
        message.saveChanges();

        IncomingMail read = IncomingMail.read(message, NOW);

        assertThat(read.attachments()).extracting(EvidenceUpload::fileName)
                .containsExactly("schade1.jpg", "schade2.jpg", "schade3.jpg", "schade4.jpg", "schade5.jpg", "IMG_0042.jpg");
        assertThat(read.text()).startsWith("Zie de foto's.");
    }

    @Test
    void aMailForwardedAsAttachmentGivesItsTextAndFiles() throws Exception {
        MimeMessage quote = mail("Schildersbedrijf Verf <info@verf.example>");
        quote.setSubject("Offerte schilderwerk");
        MimeBodyPart quoteText = new MimeBodyPart();
        quoteText.setText("Wij rekenen 450 euro voor het schilderwerk.", "UTF-8");
        quote.setContent(new MimeMultipart(quoteText, file("offerte.pdf", PDF, "application/pdf", MimeBodyPart.ATTACHMENT, null)));
        quote.saveChanges();

        MimeBodyPart ownText = new MimeBodyPart();
        ownText.setText("Hierbij de offerte die de schilder stuurde.", "UTF-8");
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(quote, "message/rfc822");
        forwarded.setFileName("Offerte schilderwerk.eml");
        forwarded.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setContent(new MimeMultipart(ownText, forwarded));
        message.saveChanges();

        IncomingMail read = IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(message)), NOW);

        assertThat(read.text()).startsWith("Hierbij de offerte die de schilder stuurde.")
                .contains("---- Doorgestuurde e-mail ----", "Van: Schildersbedrijf Verf <info@verf.example>",
                        "Onderwerp: Offerte schilderwerk", "Wij rekenen 450 euro voor het schilderwerk.");
        assertThat(read.attachments()).extracting(EvidenceUpload::fileName).containsExactly("offerte.pdf");
    }

    /**
     * The forwarded mail is evidence of what the tradesperson promised and when: its date and to whom it went come along,
     * and a name with accents reads as written, not in the encoded form the mail carries it in.
     */
    @Test
    void aForwardedMailKeepsItsDateRecipientAndTheSendersNameAsWritten() throws Exception {
        MimeMessage quote = new MimeMessage(Session.getInstance(new Properties()));
        quote.setFrom(new jakarta.mail.internet.InternetAddress("info@mueller.example", "Schildersbedrijf Müller", "UTF-8"));
        quote.setRecipients(jakarta.mail.Message.RecipientType.TO, "jan@example.nl");
        quote.setSentDate(java.util.Date.from(Instant.parse("2026-04-20T07:30:00Z")));
        quote.setSubject("Afspraak voor maandag", "UTF-8");
        quote.setText("We komen maandag om 8 uur.", "UTF-8");
        quote.saveChanges();
        MimeBodyPart ownText = new MimeBodyPart();
        ownText.setText("Ze kwamen niet.", "UTF-8");
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(quote, "message/rfc822");
        forwarded.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setContent(new MimeMultipart(ownText, forwarded));
        message.saveChanges();

        IncomingMail read = IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(message)), NOW);

        assertThat(read.text()).contains("Van: Schildersbedrijf Müller <info@mueller.example>", "Datum: maandag 20 april 2026 om 09:30",
                "Aan: jan@example.nl", "We komen maandag om 8 uur.").doesNotContain("=?UTF-8?");
    }

    /**
     * A mail signed with S/MIME or PGP carries its signature as a file beside the text: it is no evidence, and the
     * sender is not told a file of theirs was left out.
     */
    @Test
    void aSignedMailIsReadWithoutItsSignature() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("De tegelzetter liet de badkamer half af achter.", "UTF-8");
        MimeBodyPart signature = file("smime.p7s", new byte[]{0x30, (byte) 0x82, 0x01}, "application/pkcs7-signature",
                MimeBodyPart.ATTACHMENT, null);
        MimeMultipart signed = new MimeMultipart("signed", text, signature);
        MimeBodyPart pgp = file("OpenPGP_signature.asc", "-----BEGIN PGP SIGNATURE-----".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "application/pgp-signature", MimeBodyPart.ATTACHMENT, null);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart signedPart = new MimeBodyPart();
        signedPart.setContent(signed);
        mixed.addBodyPart(signedPart);
        mixed.addBodyPart(pgp);
        mixed.addBodyPart(file("badkamer.pdf", PDF, "application/pdf", MimeBodyPart.ATTACHMENT, null));
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setContent(mixed);
        message.saveChanges();

        IncomingMail read = IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(message)), NOW);

        assertThat(read.text()).isEqualTo("De tegelzetter liet de badkamer half af achter.");
        assertThat(read.attachments()).extracting(EvidenceUpload::fileName).containsExactly("badkamer.pdf");
    }

    /**
     * An encrypted file beside the sender's words is named as left out (not dropped without a trace); a forwarded
     * encrypted mail without words of the sender's own cannot be read.
     */
    @Test
    void anEncryptedPartIsNamedOrMakesTheMailUnreadable() throws Exception {
        MimeBodyPart words = new MimeBodyPart();
        words.setText("Hier mijn klacht.", "UTF-8");
        MimeMessage withWords = mail("Jan Jansen <jan@example.nl>");
        withWords.setContent(new MimeMultipart(words, file("smime.p7m", new byte[]{0x30, (byte) 0x80},
                "application/pkcs7-mime; smime-type=enveloped-data", MimeBodyPart.ATTACHMENT, null)));
        withWords.saveChanges();
        IncomingMail read = IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(withWords)), NOW);
        assertThat(read.text()).isEqualTo("Hier mijn klacht.");
        assertThat(read.attachments()).extracting(EvidenceUpload::fileName).containsExactly("smime.p7m");

        MimeMessage sealed = mail("Schildersbedrijf Verf <info@verf.example>");
        sealed.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[]{0x30, (byte) 0x80},
                "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m")));
        sealed.saveChanges();
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(sealed, "message/rfc822");
        forwarded.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMessage onlyTheForward = mail("Jan Jansen <jan@example.nl>");
        onlyTheForward.setContent(new MimeMultipart(forwarded));
        onlyTheForward.saveChanges();
        assertThatThrownBy(() -> IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()),
                asStream(onlyTheForward)), NOW)).isInstanceOf(IncomingMail.UnreadableMailException.class)
                .hasMessageContaining("versleuteld");
    }

    /** An encrypted mail cannot be read: it goes to a person, who asks for it unencrypted, not to an empty complaint. */
    @Test
    void anEncryptedMailIsUnreadable() throws Exception {
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[]{0x30, (byte) 0x80, 0x06, 0x09},
                "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m")));
        message.setFileName("smime.p7m");
        message.saveChanges();

        assertThatThrownBy(() -> IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(message)), NOW))
                .isInstanceOf(IncomingMail.UnreadableMailException.class).hasMessageContaining("versleuteld");
    }

    /** The mail as the mail server stores it, read back as the mailbox reads it. */
    private static ByteArrayInputStream asStream(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        message.writeTo(bytes);
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Test
    void aMailNestedTooDeepIsUnreadableInsteadOfEndingThePoll() throws Exception {
        MimeMultipart inner = new MimeMultipart(textPart("Diep."));
        for (int i = 0; i < 200; i++) {
            MimeBodyPart wrapper = new MimeBodyPart();
            wrapper.setContent(inner);
            inner = new MimeMultipart(wrapper);
        }
        MimeMessage message = mail("Jan Jansen <jan@example.nl>");
        message.setContent(inner);
        message.saveChanges();

        assertThatThrownBy(() -> IncomingMail.read(new MimeMessage(Session.getInstance(new Properties()), asStream(message)), NOW))
                .isInstanceOf(IncomingMail.UnreadableMailException.class).hasMessageContaining("genest");
    }

    private static MimeBodyPart textPart(String text) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }

    /**
     * An HTML-only reply reads as its reader sees it: paragraphs on lines of their own (the complainant's "Op 2 maart
     * schreef u ..." is not glued to the objection after it), the quoted original marked as quoted.
     */
    @Test
    void anHtmlOnlyReplyKeepsItsParagraphsAndMarksItsQuote() throws Exception {
        MimeMessage message = mail("Olga Object <olga@example.nl>");
        message.setSubject("Re: Besluit over je klacht KL-2026-000001");
        message.setContent("<html><head><style>p{color:red}</style></head><body>"
                + "<p>Op 2 maart schreef u dat mijn klacht ongegrond is.</p><p>Ik maak hierbij bezwaar tegen dit besluit."
                + "<br>De klusser kwam niet.</p><div class=\"gmail_quote\"><div>Op ma 4 mei 2026 om 10:00 schreef HomePair"
                + " &lt;klachten@homepair.nl&gt;:</div><blockquote><p>Ben je het niet eens met dit besluit?</p>"
                + "<p>Dien een bezwaar in.</p></blockquote></div></body></html>", "text/html; charset=UTF-8");
        message.saveChanges();

        String text = IncomingMail.read(message, NOW).text();

        assertThat(text).startsWith("Op 2 maart schreef u dat mijn klacht ongegrond is.\nIk maak hierbij bezwaar tegen"
                + " dit besluit.\nDe klusser kwam niet.").doesNotContain("color");
        assertThat(text).contains("\n> Ben je het niet eens met dit besluit?\n> Dien een bezwaar in.");
        assertThat(MailIntent.of(message.getSubject(), text)).isEqualTo(MailIntent.Kind.OBJECTION);
        assertThat(MailIntent.ownWords(text)).doesNotContain("Ben je het niet eens");
    }
}
