package nl.homepair.complaints.mail;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Sends the mail of a step in a model: a template to a {@link MailRecipient}, about the step's case. */
public interface MailStep {

    /**
     * {@code extra} values are given to the template beside the step's variables; the mail goes out once per
     * {@code deliveryKey} (null: once per job and step, {@link CaseMailer#stepKey}).
     */
    void send(DelegateExecution execution, String template, Object recipient, Map<String, Object> extra, String deliveryKey);

    /** {@link #send(DelegateExecution, String, Object, Map, String)} once per job and step. */
    default void send(DelegateExecution execution, String template, Object recipient, Map<String, Object> extra) {
        send(execution, template, recipient, extra, null);
    }
}
