package nl.homepair.complaints.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A chat message that came while a handler finished the judgement of an earlier one, or while another node started one:
 * the judgement is tried again, and only when every attempt fails does a line on the case ask a handler to read it.
 */
class ChatJudgementAttemptsTest {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger told = new AtomicInteger();

    private Runnable failing(int times) {
        return () -> {
            if (attempts.incrementAndGet() <= times) {
                throw new IllegalStateException("The judgement of case KL-2026-000001 ended meanwhile");
            }
        };
    }

    @Test
    void aRaceLostToAHandlerOrAnotherNodeIsTriedAgain() {
        ChatMessageController.judge("KL-2026-000001", failing(ChatMessageController.JUDGEMENT_ATTEMPTS - 1), told::incrementAndGet);

        assertThat(attempts).hasValue(ChatMessageController.JUDGEMENT_ATTEMPTS);
        assertThat(told).hasValue(0);
    }

    @Test
    void whenEveryAttemptFailsTheCaseSaysSoOnce() {
        ChatMessageController.judge("KL-2026-000001", failing(Integer.MAX_VALUE), told::incrementAndGet);

        assertThat(attempts).hasValue(ChatMessageController.JUDGEMENT_ATTEMPTS);
        assertThat(told).hasValue(1);
    }

    @Test
    void aLineThatCannotBeWrittenEitherIsNoFailureOfTheDelivery() {
        ChatMessageController.judge("KL-2026-000001", failing(Integer.MAX_VALUE), () -> {
            told.incrementAndGet();
            throw new IllegalStateException("database gone");
        });

        assertThat(told).hasValue(1);
    }

    @Test
    void aJudgementThatStartsAtOnceIsStartedOnce() {
        ChatMessageController.judge("KL-2026-000001", failing(0), told::incrementAndGet);

        assertThat(attempts).hasValue(1);
        assertThat(told).hasValue(0);
    }
}
