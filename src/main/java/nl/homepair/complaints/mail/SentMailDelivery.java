package nl.homepair.complaints.mail;

import java.time.Instant;

/** The outbox's plain statements; part of {@link SentMailRepository}. */
public interface SentMailDelivery {

    /** Sets the moment the mail server accepted the mail; the number of rows changed (0 or 1). */
    int markDelivered(Long id, Instant at);

    /**
     * Writes a mail that has not been marked delivered anew (recipient, subject, texts, Message-ID, moment), only while
     * it is still not marked delivered; the number of rows changed (0 when another node marked it meanwhile).
     */
    int rewriteUndelivered(SentMail fresh, Long id);

    /**
     * Sends the case's mails to {@code from} that were not delivered yet to {@code to} instead (an address corrected
     * while the mail server was down); the number changed.
     */
    int readdressUndelivered(Long complaintId, String from, String to);

    /** Deletes the row of {@code deliveryKey} unless it was delivered; the number deleted (0 or 1). */
    int deleteUndelivered(String deliveryKey);

    /** Deletes the rows of mails that belong to no case, written before {@code before}; the number deleted. */
    int deleteCaselessBefore(Instant before);

    /**
     * Deletes the rows of mails that belong to no case and were sent to {@code address} or
     * name it in their text (erasure on request); the number deleted.
     */
    int deleteCaselessAbout(String address);
}
