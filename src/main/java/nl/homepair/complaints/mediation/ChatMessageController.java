package nl.homepair.complaints.mediation;

import java.util.ArrayList;
import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/complaints/{reference}/chat-messages}: the HomePair chat's incoming
 * webhook (or a mediator) records a chat message about the case on its timeline, so that
 * mediation stays central and traceable (R7).
 */
@RestController
public class ChatMessageController {

    static final int MAX_MESSAGE = 5_000;

    private final CaseAccess access;
    private final CaseTimeline timeline;
    private final CurrentUser currentUser;

    public ChatMessageController(CaseAccess access, CaseTimeline timeline, CurrentUser currentUser) {
        this.access = access;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    public record ChatMessage(String author, String message, String conversationReference) {
    }

    @PostMapping("/api/complaints/{reference}/chat-messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public ChatMessage record(@PathVariable String reference, @RequestBody ChatMessage chat) {
        Complaint complaint = access.forSubmitter(reference);
        List<FieldError> errors = new ArrayList<>();
        if (chat.author() == null || chat.author().isBlank() || chat.author().length() > 200) {
            errors.add(new FieldError("author", "Geef aan van wie het bericht is (hoogstens 200 tekens)."));
        }
        if (chat.message() == null || chat.message().isBlank()) {
            errors.add(new FieldError("message", "Het bericht is leeg."));
        } else if (chat.message().length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "Het bericht mag hoogstens " + MAX_MESSAGE + " tekens lang zijn."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        String conversation = chat.conversationReference() == null || chat.conversationReference().isBlank()
                ? "" : " [gesprek " + chat.conversationReference().strip() + "]";
        timeline.record(complaint, TimelineEventType.CHAT_MESSAGE, currentUser.id().orElse(null),
                "Chatbericht van " + chat.author().strip() + conversation + ": " + chat.message().strip());
        return chat;
    }
}
