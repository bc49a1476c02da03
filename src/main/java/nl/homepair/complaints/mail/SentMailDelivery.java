package nl.homepair.complaints.mail;

import java.time.Instant;

/** Marks an outbox row delivered; part of {@link SentMailRepository}. */
public interface SentMailDelivery {

    /** Sets the moment the mail server accepted the mail; the number of rows changed (0 or 1). */
    int markDelivered(Long id, Instant at);
}
