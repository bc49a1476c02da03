package nl.homepair.complaints.webform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.intake.ComplaintIntakeService;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.EvidenceUploads;
import nl.homepair.complaints.intake.IdempotentIntake;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.security.CrossSiteRequests;
import nl.homepair.complaints.text.Sha256;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The public web form (R3): {@code /klacht} for people who prefer a form over mail. It
 * validates and registers exactly as the API does, with the channel {@code WEB_FORM}
 * and no staff rights; it shows nothing of any complaint but the one just sent.
 */
@Controller
@RequestMapping("/klacht")
public class WebFormController {

    private static final Logger log = LoggerFactory.getLogger(WebFormController.class);

    private final ComplaintIntakeService intake;
    private final IdempotentIntake idempotentIntake;
    private final SubmissionRateLimiter rateLimiter;
    private final WebFormPages pages;
    private final FormTokens tokens;
    private final ComplaintRepository complaints;
    private final ComplaintsPerAddress perAddress;
    private final SubmissionValidator validator;

    public WebFormController(ComplaintIntakeService intake, IdempotentIntake idempotentIntake, SubmissionRateLimiter rateLimiter,
                             WebFormPages pages, FormTokens tokens, ComplaintRepository complaints,
                             ComplaintsPerAddress perAddress, SubmissionValidator validator) {
        this.validator = validator;
        this.complaints = complaints;
        this.perAddress = perAddress;
        this.intake = intake;
        this.idempotentIntake = idempotentIntake;
        this.rateLimiter = rateLimiter;
        this.pages = pages;
        this.tokens = tokens;
    }

    @GetMapping
    public ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        return pages.form(request, response, HttpStatus.OK, ComplaintForm.EMPTY, List.of(), null, false);
    }

    /** {@code /klacht/}, as a link or a typed address often ends: the form, not a 404. */
    @GetMapping("/")
    public RedirectView withSlash() {
        return new RedirectView("/klacht", true);
    }

    @PostMapping
    public ModelAndView submit(@ModelAttribute ComplaintForm form,
                               @RequestParam(name = FormTokens.FIELD, required = false) String csrfToken,
                               @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                               HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        FormTokens.Check check = tokens.check(request, csrfToken);
        if (check != FormTokens.Check.VALID) {
            return expired(request, response, form, evidence, check == FormTokens.Check.NO_COOKIE);
        }
        return register(form, sameComplaintKey(request, form), evidence, request, response, redirect);
    }

    /**
     * What makes two posts the same complaint: the same browser (its form cookie, which lasts its whole session) and
     * the same words in every field. A double click, a resent POST, and Back then send again (also after an answer
     * that never arrived, and with the files not chosen again: a browser never refills them) are the one complaint;
     * another complaint from the same browser has other words.
     */
    private static String sameComplaintKey(HttpServletRequest request, ComplaintForm form) {
        return "form:" + FormTokens.browserOf(request) + ":" + Sha256.hex(String.valueOf(form.toSubmission()));
    }

    /**
     * The form was open too long, or came from elsewhere: nothing is stored. When the browser says the post came
     * from our own form, the form comes back with what was typed and a fresh token, so that the complainant checks
     * it and sends it again instead of typing it all anew (files must be chosen again: a browser never refills them).
     * Otherwise the form comes back empty: another site's page must not get its values (an e-mail address of its
     * own) shown on our form, ready to send.
     */
    private ModelAndView expired(HttpServletRequest request, HttpServletResponse response, ComplaintForm form,
                                 List<MultipartFile> evidence, boolean noCookie) {
        boolean ours = CrossSiteRequests.isSameOrigin(request);
        String message = "Je formulier was verlopen of kwam niet van de website van HomePair; er is niets opgeslagen. "
                + (ours ? "Controleer je gegevens hieronder en verstuur je klacht opnieuw." : "Vul het formulier opnieuw in.")
                + (noCookie ? " Blijft deze melding terugkomen, sta dan cookies toe voor deze website." : "");
        return pages.form(request, response, HttpStatus.FORBIDDEN, ours ? form : ComplaintForm.EMPTY, List.of(), message,
                ours && hasFiles(evidence));
    }

    private static boolean hasFiles(List<MultipartFile> evidence) {
        return !EvidenceUploads.chosen(evidence).isEmpty();
    }

    private ModelAndView confirmation(RedirectAttributes redirect, String reference, String email, boolean filesNotAdded) {
        // The reference travels in the session's flash map, not in the URL: a reload or a
        // shared link shows nothing.
        redirect.addFlashAttribute("reference", reference);
        redirect.addFlashAttribute("email", email);
        redirect.addFlashAttribute("filesNotAdded", filesNotAdded);
        RedirectView received = new RedirectView("/klacht/ontvangen", true);
        received.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(received);
    }

    private ModelAndView register(ComplaintForm form, String key, List<MultipartFile> evidence,
                                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        String client = sender(request);
        // the same complaint sent again (a double click, Back and send) is answered with the first, limit or not: it
        // stores nothing, and "er is niets opgeslagen" would not be true
        boolean sentBefore = sentBefore(key);
        Optional<Duration> wait = sentBefore ? Optional.empty() : rateLimiter.tryReserve(client);
        if (wait.isPresent()) {
            return pages.form(request, response, HttpStatus.TOO_MANY_REQUESTS, form, List.of(),
                    "Vanaf deze internetverbinding zijn in korte tijd veel klachten verstuurd. Er is niets opgeslagen. "
                            + "Verstuur je klacht " + WebFormPages.afterWait(response, wait.get()) + " opnieuw;"
                            + " wat je hebt ingevuld staat hieronder.", hasFiles(evidence));
        }
        List<MultipartFile> chosen = EvidenceUploads.chosen(evidence);
        List<EvidenceUpload> uploads = EvidenceUploads.of(chosen);
        Optional<Duration> full = sentBefore ? Optional.empty() : perAddress.waitFor(form.email());
        Optional<Duration> files = sentBefore || uploads.isEmpty() || full.isPresent() ? Optional.empty()
                : rateLimiter.filesWaitFor(client);
        if (full.isPresent() || files.isPresent()) {
            // the form first, the limit after: a probe whether someone complained through the form (the address's
            // refusal) must be a complaint that would have been registered; without a limit reached the registration
            // below checks the form
            try {
                validator.validate(form.toSubmission(), uploads, IntakeChannel.WEB_FORM, ClockUtil.getCurrentTime().toInstant());
            } catch (InvalidSubmissionException e) {
                release(client, false); // a complainant who corrects mistakes is never locked out
                return pages.form(request, response, HttpStatus.BAD_REQUEST, form, e.errors(), null, !chosen.isEmpty());
            }
        }
        if (full.isPresent()) {
            rateLimiter.registered(client); // the refusal keeps its place in the sender's limit
            return pages.form(request, response, HttpStatus.TOO_MANY_REQUESTS, form, List.of(),
                    "Met dit e-mailadres zijn in de afgelopen 24 uur al " + perAddress.max() + " klachten via het formulier"
                            + " verstuurd. Er is niets opgeslagen. Heb je iets toe te voegen aan een eerdere klacht, antwoord"
                            + " dan op de ontvangstbevestiging daarvan. Een nieuwe klacht kun je mailen naar "
                            + pages.contactAddress() + ", of " + WebFormPages.afterWait(response, full.get())
                            + " opnieuw via dit formulier versturen; wat je hebt ingevuld staat hieronder.", hasFiles(evidence));
        }
        if (files.isPresent()) {
            release(client, false);
            return pages.form(request, response, HttpStatus.TOO_MANY_REQUESTS, form, List.of(),
                    "Vanaf deze internetverbinding zijn vandaag al veel klachten met bijlagen verstuurd. Er is niets"
                            + " opgeslagen. Verstuur je klacht zonder bijlagen en mail ze daarna naar "
                            + pages.contactAddress() + " met het referentienummer in het onderwerp, of verstuur je klacht "
                            + WebFormPages.afterWait(response, files.get()) + " opnieuw; wat je hebt ingevuld staat"
                            + " hieronder.", true);
        }

        Registered registered;
        try {
            registered = registerOnce(key, form, uploads);
        } catch (InvalidSubmissionException e) {
            release(client, sentBefore); // a complainant who corrects mistakes is never locked out
            return pages.form(request, response, HttpStatus.BAD_REQUEST, form, e.errors(), null, !chosen.isEmpty());
        } catch (ProcessEngineException | DataAccessException | TransactionException e) {
            release(client, sentBefore);
            log.error("Web form submission failed; nothing was stored: {}", CauseChain.of(e));
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            return pages.form(request, response, HttpStatus.SERVICE_UNAVAILABLE, form, List.of(),
                    "Je klacht kon nu niet worden verwerkt; er is niets opgeslagen. "
                            + "Probeer het over een paar minuten opnieuw.", !chosen.isEmpty());
        }
        if (registered.outcome().replayed()) {
            release(client, sentBefore); // the same complaint sent twice (a double click, Back and send) is one complaint
        } else {
            rateLimiter.registered(client);
            if (!uploads.isEmpty()) {
                rateLimiter.registeredWithFiles(client);
            }
            perAddress.registered(registered.outcome().complaint().getEmail());
        }
        // the browser's session begins here, for the confirmation
        Complaint complaint = registered.outcome().complaint();
        return confirmation(redirect, complaint.getReference(), complaint.getEmail(),
                registered.filesNotAdded() && !chosen.isEmpty());
    }

    /**
     * Who the form's limit counts as one sender: an IPv4 address, or an IPv6 line's /48 (a home line or office has
     * hundreds to 65,536 /64s, each of which would otherwise get the limit afresh), as the message form and the login's
     * day budget count.
     */
    static String sender(HttpServletRequest request) {
        return nl.homepair.complaints.web.ClientAddresses.wideNetwork(request.getRemoteAddr());
    }

    /** Whether this complaint was registered before; false when the database cannot say (the registration answers that). */
    private boolean sentBefore(String key) {
        try {
            return complaints.findByIntakeKey(IdempotentIntake.requestKey(null, key)).isPresent();
        } catch (DataAccessException | TransactionException unreachable) {
            return false;
        }
    }

    /** Gives back what {@link SubmissionRateLimiter#tryReserve} took, when it was asked. */
    private void release(String client, boolean notReserved) {
        if (!notReserved) {
            rateLimiter.release(client);
        }
    }

    /** @param filesNotAdded the same complaint sent again with other files than the first time: those are not added */
    private record Registered(IdempotentIntake.Outcome outcome, boolean filesNotAdded) {
    }

    /**
     * Registers the complaint once under {@code key}, on whichever node: the same complaint sent again is answered with
     * the first one's reference. Sent again with other files (Back, another photo chosen), it is still the first
     * complaint; the files of the second post are not added, and the confirmation says how to send them.
     */
    private Registered registerOnce(String key, ComplaintForm form, List<EvidenceUpload> uploads) {
        try {
            // no caller: the complainant registers their own complaint (the key is kept as "-:<key>")
            return new Registered(idempotentIntake.submit(key, form.toSubmission(), uploads, IntakeChannel.WEB_FORM, null), false);
        } catch (ResponseStatusException otherFiles) {
            if (otherFiles.getStatusCode() != HttpStatus.UNPROCESSABLE_ENTITY) {
                throw otherFiles;
            }
            Complaint first = complaints.findByIntakeKey(IdempotentIntake.requestKey(null, key)).orElseThrow(() -> otherFiles);
            return new Registered(new IdempotentIntake.Outcome(first, true), true);
        }
    }

    @GetMapping("/ontvangen")
    public ModelAndView received() {
        // the flash attributes (reference, e-mail address) are in the model only on the first view after sending
        return pages.received();
    }
}
