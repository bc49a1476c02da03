package nl.homepair.complaints.webform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.EvidenceUploads;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.mailbox.ManualMailTasks;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.text.Sha256;
import nl.homepair.complaints.web.FieldError;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * A message about an existing complaint through the web form (R9: an objection may come "through the web form", tied
 * to the case by its reference; R4: an answer, an addition). The form cannot confirm who sends it: anyone who knows a
 * reference and the complainant's address could use it. So a person reads it, as a mail whose sender could not be
 * confirmed: <em>E-mail handmatig verwerken</em>, with the case named when the address is the complainant's, and the
 * moment it was received (an objection counts from then). The sender is told the same whether or not the reference
 * and the address belong together, so the form tells a stranger nothing about anyone's cases.
 */
@Controller
@RequestMapping("/klacht/bericht")
public class CaseMessageController {

    private static final Logger log = LoggerFactory.getLogger(CaseMessageController.class);
    static final String PAGE = "webform/bericht";
    static final String RECEIVED = "webform/bericht-ontvangen";
    /**
     * Below what the engine keeps of a text in the task (some 3,900 characters): a longer message would reach the person
     * cut, with no mailbox folder that holds the rest.
     */
    static final int MESSAGE_MAX = 3_500;

    private final ManualMailTasks manualTasks;
    private final ComplaintRepository complaints;
    private final SubmissionValidator validator;
    private final SubmissionRateLimiter rateLimiter;
    private final WebFormPages pages;
    private final FormTokens tokens;
    private final PerHour messagesThisHour = new PerHour(MESSAGES_PER_HOUR);
    private final java.util.concurrent.ConcurrentHashMap<String, PerHour> messagesThisHourByNetwork =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Messages one network (an IPv4 address, an IPv6 /48) may send within an hour, beside the short-term limit all web forms
     * share: the node's cap is the channel every complainant's objection may need, and two connections used it up.
     * Now it takes {@code MESSAGES_PER_HOUR / MESSAGES_PER_NETWORK_PER_HOUR} networks. Asked before the case is looked
     * up, for every message alike, like the cap.
     */
    static final int MESSAGES_PER_NETWORK_PER_HOUR = 6;
    private static final int MAX_NETWORKS_KEPT = 100_000;

    /**
     * Messages a node takes within an hour: each is a handler's task, so a flood is capped, as the mailbox caps new
     * complaints by mail. For every message alike, whether its reference and address belong together or not.
     */
    static final int MESSAGES_PER_HOUR = 60;

    public CaseMessageController(ManualMailTasks manualTasks, ComplaintRepository complaints, SubmissionValidator validator,
                                 SubmissionRateLimiter rateLimiter, WebFormPages pages, FormTokens tokens) {
        this.manualTasks = manualTasks;
        this.complaints = complaints;
        this.validator = validator;
        this.rateLimiter = rateLimiter;
        this.pages = pages;
        this.tokens = tokens;
    }

    /** What was typed, given back with the page when something is wrong. */
    public record CaseMessage(String reference, String email, String message) {
        static final CaseMessage EMPTY = new CaseMessage("", "", "");
    }

    /** {@code /klacht/bericht/}, as a link or a typed address often ends: the form, not a 404. */
    @GetMapping("/")
    public RedirectView withSlash() {
        return new RedirectView("/klacht/bericht", true);
    }

    @GetMapping
    public ModelAndView form(HttpServletRequest request, HttpServletResponse response) {
        return pages.messageForm(request, response, HttpStatus.OK, CaseMessage.EMPTY, List.of(), null, false);
    }

    @PostMapping
    public ModelAndView send(@RequestParam(name = "reference", required = false) String reference,
                             @RequestParam(name = "email", required = false) String email,
                             @RequestParam(name = "message", required = false) String message,
                             @RequestParam(name = FormTokens.FIELD, required = false) String csrfToken,
                             @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                             HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        CaseMessage typed = new CaseMessage(reference == null ? "" : reference, email == null ? "" : email,
                message == null ? "" : message);
        boolean files = !EvidenceUploads.chosen(evidence).isEmpty();
        FormTokens.Check check = tokens.check(request, csrfToken);
        if (check != FormTokens.Check.VALID) {
            boolean ours = nl.homepair.complaints.security.CrossSiteRequests.isSameOrigin(request);
            return pages.messageForm(request, response, HttpStatus.FORBIDDEN, ours ? typed : CaseMessage.EMPTY, List.of(),
                    "Je formulier was verlopen of kwam niet van de website van HomePair; er is niets opgeslagen. "
                            + (ours ? "Controleer je bericht hieronder en verstuur het opnieuw." : "Vul het formulier opnieuw in.")
                            + (check == FormTokens.Check.NO_COOKIE
                            ? " Blijft deze melding terugkomen, sta dan cookies toe voor deze website." : ""),
                    ours && files);
        }
        List<FieldError> errors = new ArrayList<>();
        String ref = normalisedReference(typed.reference());
        if (ref == null) {
            errors.add(new FieldError("reference", "Vul het referentienummer in zoals het in onze e-mail staat, bijvoorbeeld "
                    + "KL-2026-000123."));
        }
        String address = typed.email().strip();
        if (!EmailAddresses.isValid(address)) {
            errors.add(new FieldError("email", "Vul het e-mailadres in waarop je onze e-mails over deze klacht krijgt."));
        }
        // line breaks as one character each, as the browser counts them and as the complaint form does
        String text = Objects.requireNonNullElse(SubmissionValidator.typedText(typed.message()), "");
        if (text.isEmpty()) {
            errors.add(new FieldError("message", "Schrijf je bericht."));
        } else if (text.length() > MESSAGE_MAX) {
            errors.add(new FieldError("message", "Je bericht mag hoogstens " + nl.homepair.complaints.text.DutchNumbers.of(MESSAGE_MAX)
                    + " tekens lang zijn; het is er " + nl.homepair.complaints.text.DutchNumbers.of(text.length())
                    + ". Maak het korter, stuur de rest als PDF mee, of mail het naar ons contactadres."));
        } else if (!PlainText.isPlain(text)) {
            errors.add(new FieldError("message", PlainText.REFUSAL));
        }
        List<MultipartFile> chosen = EvidenceUploads.chosen(evidence);
        List<EvidenceUpload> checked = validator.checkEvidence(EvidenceUploads.of(chosen), errors).stream()
                .map(file -> new EvidenceUpload(file.fileName(), file.content())).toList();
        if (!errors.isEmpty()) {
            return pages.messageForm(request, response, HttpStatus.BAD_REQUEST, typed, errors, null, files);
        }
        String client = nl.homepair.complaints.web.ClientAddresses.network(request.getRemoteAddr());
        Instant received = ClockUtil.getCurrentTime().toInstant();
        String sameWords = sameWords(request, ref, address, text);
        String key = sameWords + files(checked);
        Optional<Duration> wait = rateLimiter.tryReserve(client);
        if (wait.isPresent()) {
            // the same message sent again (Back and send, a reload after a lost answer): it is stored, files and all, so the
            // answer is its confirmation, not a refusal that asks for the files again; shown as it is, beginning no session
            Optional<Instant> stored = storedAt(key);
            if (stored.isPresent()) {
                return pages.messageReceivedBefore(ref, stored.get());
            }
            return pages.messageForm(request, response, HttpStatus.TOO_MANY_REQUESTS, typed, List.of(),
                    "Vanaf deze internetverbinding zijn in korte tijd veel berichten verstuurd. Er is niets opgeslagen. "
                            + "Verstuur je bericht " + WebFormPages.afterWait(response, wait.get()) + " opnieuw.", files);
        }
        // an IPv6 home line is a /56 or /48 of many /64s: the hour's share is per /48, and so is the day's files (as the
        // complaint form counts them: one budget for both forms)
        String wideNetwork = nl.homepair.complaints.web.ClientAddresses.wideNetwork(request.getRemoteAddr());
        boolean counted = false;
        try {
            // the same message sent again (a double click, Back and send, also without the files): its first moment
            Optional<Instant> before = manualTasks.setAsideAt(key);
            if (before.isPresent()) {
                received = before.get();
            } else {
                Optional<Duration> filesWait = checked.isEmpty() ? Optional.empty() : rateLimiter.filesWaitFor(wideNetwork);
                if (filesWait.isPresent()) {
                    rateLimiter.release(client);
                    return pages.messageForm(request, response, HttpStatus.TOO_MANY_REQUESTS, typed, List.of(),
                            "Vanaf deze internetverbinding zijn vandaag al veel berichten met bijlagen verstuurd. Er is niets"
                                    + " opgeslagen. Verstuur je bericht zonder bijlagen, of " + WebFormPages.afterWait(response,
                                    filesWait.get()) + " opnieuw.", files);
                }
                // the hour's caps are asked before the case is looked up, for every message alike: a refusal that came only
                // for a reference and an address that do not belong together would tell a stranger which ones do
                if (!ofThisNetwork(wideNetwork).tryTake()) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, "3600");
                    rateLimiter.registered(client);
                    return pages.messageForm(request, response, HttpStatus.TOO_MANY_REQUESTS, typed, List.of(),
                            "Vanaf deze internetverbinding zijn dit uur al veel berichten verstuurd. Er is niets opgeslagen. "
                                    + "Antwoord op onze e-mail over je klacht, of probeer het over een uur opnieuw.", files);
                }
                if (!messagesThisHour.tryTake()) {
                    ofThisNetwork(wideNetwork).giveBack(); // nothing stored: the network's share is not used up
                    log.warn("Web form message refused: {} messages about complaints within this hour on this node",
                            MESSAGES_PER_HOUR);
                    response.setHeader(HttpHeaders.RETRY_AFTER, "3600");
                    rateLimiter.registered(client);
                    return pages.messageForm(request, response, HttpStatus.TOO_MANY_REQUESTS, typed, List.of(),
                            "Er worden nu erg veel berichten via dit formulier verstuurd. Er is niets opgeslagen. Antwoord "
                                    + "op onze e-mail over je klacht, of probeer het over een uur opnieuw.", files);
                }
                counted = true;
                ManualMailTasks.Message forAPerson = forAPerson(ref, address, text, checked, received);
                try {
                    manualTasks.start(key, forAPerson, "from the web form about " + ref,
                            checked.isEmpty() ? List.of() : List.of(sameWords + files(List.of())));
                    if (!checked.isEmpty()) {
                        rateLimiter.registeredWithFiles(wideNetwork);
                    }
                } catch (org.springframework.dao.DataIntegrityViolationException sentTwiceAtOnce) {
                    // the same message posted twice at once (a double click on two nodes): the first one's task stands,
                    // and counts once
                    received = manualTasks.setAsideAt(key).orElseThrow(() -> sentTwiceAtOnce);
                    giveBack(wideNetwork);
                }
            }
            // a message sent again counts too: each answer begins a session (the confirmation), which the limit bounds
            rateLimiter.registered(client);
        } catch (RuntimeException e) {
            rateLimiter.release(client);
            if (counted) {
                giveBack(wideNetwork); // nothing stored: an outage does not use up the hour
            }
            log.error("Web form message failed; nothing was stored: {}", CauseChain.of(e));
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            return pages.messageForm(request, response, HttpStatus.SERVICE_UNAVAILABLE, typed, List.of(),
                    "Je bericht kon nu niet worden verwerkt; er is niets opgeslagen. Probeer het over een paar minuten opnieuw.",
                    files);
        }
        redirect.addFlashAttribute("reference", ref);
        redirect.addFlashAttribute("received", nl.homepair.complaints.text.DutchDates.moment(received));
        RedirectView done = new RedirectView("/klacht/bericht/ontvangen", true);
        done.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(done);
    }

    @GetMapping("/ontvangen")
    public ModelAndView received() {
        return pages.messageReceived();
    }

    /** The reference as we write it, from what was typed (spaces, lower case); null when it is none. */
    static String normalisedReference(String typed) {
        return ReferenceNumbers.typed(typed).orElse(null);
    }

    /**
     * The same message from the same browser is one task: a double click, a resent POST, and Back then send again (the
     * files not chosen again: a browser never refills them). The same words with other files are another message: those
     * files must reach a person. The key is the browser, the words, then the files.
     */
    /** When this message was set aside before; empty also when the engine's database cannot say. */
    private Optional<Instant> storedAt(String key) {
        try {
            return manualTasks.setAsideAt(key);
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    private static String sameWords(HttpServletRequest request, String reference, String address, String text) {
        return "webform:" + FormTokens.browserOf(request) + ":" + Sha256.hex(reference + "\u0000"
                + address.toLowerCase(Locale.ROOT) + "\u0000" + text) + ":";
    }

    private static String files(List<EvidenceUpload> files) {
        StringBuilder content = new StringBuilder();
        for (EvidenceUpload file : files) {
            content.append(file.fileName()).append('\u0000').append(Sha256.hex(file.content())).append('\u0000');
        }
        return files.isEmpty() ? "-" : Sha256.hex(content.toString());
    }

    private ManualMailTasks.Message forAPerson(String reference, String address, String text, List<EvidenceUpload> files,
                                               Instant received) {
        Complaint complaint = complaints.findByReference(reference).orElse(null);
        boolean complainants = complaint != null && complaint.getAnonymisedAt() == null && complaint.isComplainantAddress(address);
        String problem = complainants
                ? "Bericht via het webformulier over zaak " + reference + ", van het e-mailadres van de klager. Niet bevestigd: "
                        + "wie het nummer en het adres kent, kan dit formulier gebruiken. Lees of het een antwoord, een aanvulling"
                        + " of een bezwaar is en kies hieronder: een bezwaar telt vanaf Ontvangen hierboven."
                : "Bericht via het webformulier met referentie " + reference + ", maar die zaak bestaat niet of het e-mailadres "
                        + "is niet dat van de klager (de afzender kreeg hetzelfde antwoord als anders). Ga na wie het stuurde "
                        + "voordat je het bij een zaak voegt.";
        return new ManualMailTasks.Message(address, "Bericht over " + reference + " via het webformulier",
                "geen: verstuurd via het webformulier, de tekst en bestanden hier zijn het hele bericht", problem, received,
                complainants ? reference : null, address, text, files, false, complainants ? null : reference).unverified();
    }

    /** Forgets this hour's count (tests, as {@link SubmissionRateLimiter#clear()}). */
    void forgetThisHour() {
        messagesThisHour.clear();
        messagesThisHourByNetwork.clear();
    }

    /** Forgets the networks' counts of this hour, not the node's (tests). */
    void forgetTheNetworks() {
        messagesThisHourByNetwork.clear();
    }

    /** Uses up the node's cap of this hour, or forgets it, leaving the networks' counts (tests). */
    void nodeCapUsedUp(boolean usedUp) {
        messagesThisHour.clear();
        while (usedUp && messagesThisHour.tryTake()) {
            // taken
        }
    }

    /** A message that was counted but stored nothing (or was stored once before): the hour's counts given back. */
    private void giveBack(String network) {
        ofThisNetwork(network).giveBack();
        messagesThisHour.giveBack();
    }

    private PerHour ofThisNetwork(String network) {
        if (messagesThisHourByNetwork.size() > MAX_NETWORKS_KEPT) {
            messagesThisHourByNetwork.values().removeIf(PerHour::past); // an hour of many networks: the old ones go
            if (messagesThisHourByNetwork.size() > MAX_NETWORKS_KEPT) {
                // more networks within one hour than are kept: the node's cap alone holds (memory stays bounded)
                return messagesThisHourByNetwork.getOrDefault(network, new PerHour(MESSAGES_PER_NETWORK_PER_HOUR));
            }
        }
        return messagesThisHourByNetwork.computeIfAbsent(network, n -> new PerHour(MESSAGES_PER_NETWORK_PER_HOUR));
    }

    /** A count per clock hour, on this node (the engine's clock, which tests hold still). */
    static final class PerHour {
        private final int max;
        private long hour = -1;
        private int taken;

        PerHour(int max) {
            this.max = max;
        }

        synchronized void clear() {
            taken = 0;
        }

        synchronized void giveBack() {
            if (taken > 0) {
                taken--;
            }
        }

        /** Whether its count is of an hour gone by. */
        synchronized boolean past() {
            return hour != currentHour();
        }

        private static long currentHour() {
            return ClockUtil.getCurrentTime().getTime() / 3_600_000;
        }

        synchronized boolean tryTake() {
            long now = currentHour();
            if (now != hour) {
                hour = now;
                taken = 0;
            }
            if (taken >= max) {
                return false;
            }
            taken++;
            return true;
        }
    }
}
