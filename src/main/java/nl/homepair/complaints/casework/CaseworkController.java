package nl.homepair.complaints.casework;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseWithdrawal;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.Evidence;
import nl.homepair.complaints.escalation.ExternalDisputes;
import nl.homepair.complaints.intake.EvidenceUploads;
import nl.homepair.complaints.intake.IntakeProperties;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import nl.homepair.complaints.web.StaffPage;
import nl.homepair.complaints.web.SandboxedFiles;
import nl.homepair.complaints.web.StaffRefusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff pages: the case overview with search and deadline lights, the team lead's
 * dashboard on the same page, and each case's file with its evidence shown in the
 * browser. Behind the web applications' login ({@code WebappSessionFilter}); who sees
 * which case is {@code CaseAccess}'s.
 */
@Controller
@StaffPage
public class CaseworkController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseworkController.class);

    private final CaseOverview overview;
    private final TeamDashboard team;
    private final CurrentUser currentUser;
    private final CaseAccess access;
    private final CaseWithdrawal withdrawal;
    private final nl.homepair.complaints.complaint.CaseDuplicates duplicates;
    private final nl.homepair.complaints.complaint.ComplainantsOtherCases otherCases;
    private final nl.homepair.complaints.escalation.ObjectionService objections;
    private final CaseEvidence evidence;
    private final IntakeProperties limits;
    private final AddressCorrection addresses;
    private final ExternalDisputes disputes;

    private final CaseworkProperties settings;
    private final nl.homepair.complaints.mediation.ChatConversation conversations;

    /** A form of the case page: the path is the case's page and the section the form stands in. */
    private static final Pattern CASE_PAGE_FORM = Pattern.compile(
            "^/zaken/((?i:KL)-\\d{4}-\\d+)/(e-mailadres|e-mailadres-andere-partij|e-mailadres-gebruiker-maatregel|intrekken|dubbel|geschiloplossing|bewijs|bewijs-verplaatsen|chatgesprek|bezwaar-ten-onrechte)$");
    /** What a handler types in the case page's forms, given back when a form is not taken. */
    private static final Set<String> TYPED_FIELDS = Set.of("email", "naam", "opnieuw", "vreemd", "reden", "bevestigd", "voorgelegd", "uitkomst",
            "herkomst", "gesprek", "andere", "naar", "bestand");

    public CaseworkController(CaseOverview overview, TeamDashboard team, CurrentUser currentUser, CaseAccess access,
                              CaseWithdrawal withdrawal, nl.homepair.complaints.complaint.CaseDuplicates duplicates,
                              nl.homepair.complaints.complaint.ComplainantsOtherCases otherCases,
                              nl.homepair.complaints.escalation.ObjectionService objections,
                              CaseEvidence evidence, IntakeProperties limits,
                              AddressCorrection addresses, ExternalDisputes disputes, CaseworkProperties settings,
                              nl.homepair.complaints.mediation.ChatConversation conversations) {
        this.conversations = conversations;
        this.settings = settings;
        this.disputes = disputes;
        this.addresses = addresses;
        this.evidence = evidence;
        this.limits = limits;
        this.overview = overview;
        this.team = team;
        this.currentUser = currentUser;
        this.access = access;
        this.withdrawal = withdrawal;
        this.duplicates = duplicates;
        this.otherCases = otherCases;
        this.objections = objections;
    }

    @GetMapping("/zaken")
    public String overview(@RequestParam(name = "zoek", required = false) String search,
                           @RequestParam(name = "licht", required = false) String light,
                           @RequestParam(name = "afgesloten", defaultValue = "false") boolean withClosed, Model model) {
        model.addAttribute("user", currentUser.id().orElse(""));
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("light", light == null ? "" : light);
        model.addAttribute("withClosed", withClosed);
        model.addAttribute("lights", TrafficLight.values());
        CaseOverview.Page page = overview.page(search, TrafficLight.byCode(light), withClosed);
        model.addAttribute("rows", page.rows());
        model.addAttribute("cut", page.cut());
        model.addAttribute("maxRows", CaseOverview.MAX_ROWS);
        model.addAttribute("team", team.isForCurrentUser() ? team.build() : null);
        return "casework/zaken";
    }

    @GetMapping("/zaken/{reference}")
    public String caseFile(@PathVariable String reference, Model model) {
        model.addAttribute("user", currentUser.id().orElse(""));
        model.addAttribute("file", overview.file(reference));
        model.addAttribute("refreshMs", settings.timelineRefresh().toMillis());
        Complaint complaint = access.forStaff(reference);
        String withdrawalRefusal = withdrawal.refusal(complaint);
        // the board reads its cases; a withdrawal is told to a handler (even when the board sent a case back for a decision)
        // a case being closed as a duplicate (its mail on its way) is offered neither again nor a withdrawal
        boolean closing = duplicates.beingClosed(complaint);
        model.addAttribute("withdrawable", withdrawalRefusal == null && !closing && access.doesCaseworkOn(complaint));
        boolean open = complaint.getStatus() != ComplaintStatus.CLOSED && complaint.getAnonymisedAt() == null
                && access.doesCaseworkOn(complaint);
        // why not, for whoever works on the open case (the forms send a handler here); before the board, the wish
        // can still be recorded for the director
        model.addAttribute("withdrawalRefusal", open ? withdrawalRefusal : null);
        model.addAttribute("withdrawalWish", open && CaseWithdrawal.beforeTheBoard(complaint));
        // while the decision is revised, the wish goes to the handler who revises
        model.addAttribute("revisionWish", open && withdrawal.underRevision(complaint));
        model.addAttribute("duplicable", open && !closing && duplicates.refusal(complaint) == null);
        model.addAttribute("evidenceAddable", evidence.addable(complaint));
        model.addAttribute("evidenceMovable", evidence.movable(complaint));
        model.addAttribute("addressCorrectable", open);
        // only where the case's process runs and has another party (a process ended from outside has no variables)
        Optional<AddressCorrection.OtherParty> otherParty = open ? addresses.otherParty(complaint) : Optional.empty();
        model.addAttribute("otherPartyEmail", otherParty.map(AddressCorrection.OtherParty::email).orElse(null));
        model.addAttribute("otherPartyName", otherParty.map(AddressCorrection.OtherParty::name).orElse(null));
        model.addAttribute("affectedUserEmail", open ? addresses.affectedUserAddress(complaint).orElse(null) : null);
        model.addAttribute("affectedUserName", open ? addresses.affectedUserName(complaint).orElse(null) : null);
        model.addAttribute("accept", String.join(",", limits.allowedTypes()));
        model.addAttribute("disputeRecordable", ExternalDisputes.recordable(complaint));
        model.addAttribute("disputeSubmitted", complaint.getExternalDisputeSubmitted());
        model.addAttribute("disputeOutcome", complaint.getExternalDisputeOutcome());
        model.addAttribute("chatConversation", open ? conversations.of(complaint).orElse(null) : null);
        CaseAccess.Scope scope = access.staffScope();
        model.addAttribute("otherCases", otherCases.of(complaint, other -> access.includes(scope, other)));
        // a team lead's correction of a handler's mistake, never a handler's own: it takes an objection from the board
        model.addAttribute("objectionRetractable", open && scope.everyCase() && objections.registeredInErrorRefusal(complaint) == null);
        return "casework/zaak";
    }

    /**
     * The chat conversation of the mediation, as the HomePair chat names it (R7): typed wrong at the assessment, it kept
     * the case's chat messages away (they are refused as another conversation's); corrected here, they come.
     */
    @PostMapping("/zaken/{reference}/chatgesprek")
    public String chatConversation(@PathVariable String reference, @RequestParam(name = "gesprek", required = false) String given,
                                   RedirectAttributes redirect) {
        conversations.correct(access.forCasework(reference), given, currentUser.id().orElse(null));
        return done(redirect, reference, "chatgesprek", "Chatgesprek vastgelegd; het staat op de tijdlijn.");
    }

    /**
     * The complainant went (or did not go) to independent dispute resolution, and what came of it when known (R10):
     * recorded on the case page, as over the API.
     */
    @PostMapping("/zaken/{reference}/geschiloplossing")
    public String externalDispute(@PathVariable String reference, @RequestParam(name = "voorgelegd", required = false) String submitted,
                                  @RequestParam(name = "uitkomst", required = false) String outcome, RedirectAttributes redirect) {
        disputes.record(access.forStaff(reference), "ja".equals(submitted) ? Boolean.TRUE : "nee".equals(submitted) ? Boolean.FALSE : null,
                outcome, currentUser.id().orElse(null));
        return done(redirect, reference, "geschiloplossing", "Vastgelegd; het staat op de tijdlijn.");
    }

    /**
     * The papers a letter came with, scanned, or a file the complainant handed over otherwise: evidence of the case,
     * with where it came from (R2, R14).
     */
    @PostMapping("/zaken/{reference}/bewijs")
    public String addEvidence(@PathVariable String reference,
                              @RequestParam(name = "bestanden", required = false) List<MultipartFile> files,
                              @RequestParam(name = "herkomst", required = false) String origin, RedirectAttributes redirect) {
        evidence.add(reference, EvidenceUploads.of(EvidenceUploads.chosen(files)), origin, currentUser.id().orElse(null));
        return done(redirect, reference, "bewijs", "Bewijsstukken toegevoegd; ze staan hieronder en op de tijdlijn.");
    }

    /** A file put with this case by mistake goes to the case it belongs to (the handler's typo, a letter's papers). */
    @PostMapping("/zaken/{reference}/bewijs-verplaatsen")
    public String moveEvidence(@PathVariable String reference, @RequestParam(name = "bestand", required = false) Long evidenceId,
                               @RequestParam(name = "naar", required = false) String target, RedirectAttributes redirect) {
        String to;
        try {
            to = evidence.move(reference, evidenceId == null ? -1L : evidenceId, target, currentUser.id().orElse(null));
        } catch (org.springframework.orm.ObjectOptimisticLockingFailureException movedMeanwhile) {
            throw new InvalidSubmissionException(List.of(new FieldError("bestand", "Dit bestand staat niet (meer) bij deze zaak:"
                    + " een collega heeft het zojuist verplaatst of de zaak veranderd. Bekijk de zaak opnieuw.")));
        }
        return done(redirect, reference, "bewijs", "Het bestand staat nu bij zaak " + to + ".");
    }

    /**
     * The case is a second registration of another open case of the same complainant: it closes as a duplicate, the
     * complainant hears under which reference the complaint goes on, and both timelines say so.
     */
    @PostMapping("/zaken/{reference}/dubbel")
    public String closeAsDuplicate(@PathVariable String reference, @RequestParam(name = "andere", required = false) String other,
                                   @RequestParam(name = "bevestigd", required = false) String confirmed, RedirectAttributes redirect) {
        Complaint complaint = access.forCasework(reference);
        requireConfirmed(confirmed, "Bevestig dat het dezelfde klacht is: een als dubbel gesloten zaak kan niet worden"
                + " heropend (er is niets veranderd).");
        String goesOnUnder = duplicates.closeAsDuplicate(complaint, other, currentUser.id().orElse(null));
        redirect.addFlashAttribute("gedaan", "De zaak is gesloten als dubbele registratie van " + goesOnUnder
                + "; de klager krijgt per e-mail bericht onder welk nummer de klacht verder gaat.");
        redirect.addFlashAttribute("gedaanSectie", "boven");
        return "redirect:/zaken/" + reference;
    }

    /**
     * The complainant told a handler (by phone, in a mail, in a letter) that the complaint may be withdrawn: the case
     * ends as withdrawn wherever it waits, and the complainant gets a confirmation by mail.
     */
    @PostMapping("/zaken/{reference}/intrekken")
    public String withdraw(@PathVariable String reference, @RequestParam(name = "reden", required = false) String reason,
                           @RequestParam(name = "bevestigd", required = false) String confirmed, RedirectAttributes redirect) {
        Complaint complaint = access.forCasework(reference);
        // one click closes the case for good: the handler confirms what the complainant said (R14)
        requireConfirmed(confirmed, "Bevestig dat de klager de klacht intrekt: een ingetrokken klacht kan niet worden"
                + " heropend (er is niets veranderd).");
        try {
            withdrawal.withdraw(complaint, reason, currentUser.id().orElse(null));
        } catch (CaseRefused refused) {
            if (CaseWithdrawal.beforeTheBoard(complaint)) {
                // only a wish for the director, recorded on the timeline, where the page shows it
                return done(redirect, reference, "tijdlijn", "De wens van de klager is doorgegeven: de directie leest hem hieronder"
                        + " op de tijdlijn.");
            }
            if (withdrawal.underRevision(complaint)) {
                return done(redirect, reference, "tijdlijn", "De wens van de klager is doorgegeven: de behandelaar die het besluit"
                        + " herziet, leest hem hieronder op de tijdlijn.");
            }
            throw refused;
        }
        redirect.addFlashAttribute("gedaan", "De klacht is ingetrokken; de klager krijgt een bevestiging per e-mail.");
        redirect.addFlashAttribute("gedaanSectie", "boven");
        return "redirect:/zaken/" + reference;
    }

    /**
     * An objection registered on the wrong case (a letter about the complainant's other case typed in under this
     * reference) or judged an objection by mistake, taken back by a team lead before the board decided (R9): the board's
     * review stops, the complainant is told, and the case waits for an objection again within its window.
     */
    @PostMapping("/zaken/{reference}/bezwaar-ten-onrechte")
    public String objectionRegisteredInError(@PathVariable String reference,
                                             @RequestParam(name = "reden", required = false) String reason,
                                             @RequestParam(name = "bevestigd", required = false) String confirmed,
                                             @RequestParam(name = "andere", required = false) String belongsTo,
                                             RedirectAttributes redirect) {
        Complaint complaint = access.forCasework(reference);
        if (!access.staffScope().everyCase()) {
            throw CaseRefused.notAllowed("Een bezwaar terugnemen doet een teamleider.");
        }
        requireConfirmed(confirmed, "Bevestig dat het bezwaar ten onrechte op deze zaak is geregistreerd (er is niets veranderd).");
        objections.registeredInError(complaint, reason, currentUser.id().orElse(null), belongsTo);
        return done(redirect, reference, "tijdlijn", "Het bezwaar is teruggenomen: de directie beoordeelt het niet, de klager"
                + " krijgt bericht en de zaak wacht weer op een bezwaar binnen de termijn."
                + (belongsTo == null || belongsTo.isBlank() ? "" : " Het is geregistreerd bij de zaak waar het over ging."));
    }

    /**
     * An address of the case corrected, and the case's newest mail to the old address sent again when the handler asks
     * so: the complainant's (mistyped, or changed: a bounce, a phone call), the other party's (mistyped at the assessment:
     * the invitation to the mediation bounced), or that of the user a measure hits (mistyped in the decision: the
     * statement of reasons bounced). The section of the case page is the path.
     */
    @PostMapping("/zaken/{reference}/{section:e-mailadres|e-mailadres-andere-partij|e-mailadres-gebruiker-maatregel}")
    public String correctAddress(@PathVariable String reference, @PathVariable String section,
                                 @RequestParam(name = "email", required = false) String email,
                                 @RequestParam(name = "opnieuw", required = false) String resend,
                                 @RequestParam(name = "vreemd", required = false) String someoneElses,
                                 @RequestParam(name = "naam", required = false) String name, RedirectAttributes redirect) {
        Complaint complaint = access.forCasework(reference);
        boolean again = "ja".equals(resend);
        String actor = currentUser.id().orElse(null);
        Optional<SentMail> resent = switch (section) {
            case "e-mailadres-andere-partij" -> addresses.correctOtherParty(complaint, email, name, again, actor);
            case "e-mailadres-gebruiker-maatregel" -> addresses.correctAffectedUser(complaint, email, name, again, actor);
            default -> addresses.correct(complaint, email, again, !"ja".equals(someoneElses), actor);
        };
        // the forms of the other party and the affected user also correct a name: said without claiming a new address
        boolean named = name != null && !name.isBlank();
        return done(redirect, reference, section, (named ? "Gecorrigeerd." : "E-mailadres gecorrigeerd.") + resent.map(mail
                -> " De e-mail \"" + mail.getSubject() + "\" gaat opnieuw" + (named ? "." : ", naar het nieuwe adres.")).orElse(""));
    }

    /** A form's tick "bevestigd" that one click closes the case for good (R14: the handler confirms what they do). */
    private static void requireConfirmed(String confirmed, String message) {
        if (!"ja".equals(confirmed)) {
            throw new InvalidSubmissionException(List.of(new FieldError("bevestigd", message)));
        }
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    public ModelAndView invalid(InvalidSubmissionException invalid, HttpServletRequest request) {
        return backToTheForm(HttpStatus.BAD_REQUEST, invalid.summary(), request).orElseGet(() -> StaffRefusals.notDone(
                HttpStatus.BAD_REQUEST, invalid.summary(), currentUser.id().orElse(""), request.getServletPath()));
    }

    /**
     * A form of the case page that was not taken (a wrong address, a file of the wrong type, not now): the case page
     * again, saying why above and at the form, with what the handler typed still in it. Nothing else is lost than the
     * chosen files, which a browser never fills in again. Empty when the request was no case page's form, or the case
     * page cannot be shown to this user.
     */
    private Optional<ModelAndView> backToTheForm(HttpStatus status, String reason, HttpServletRequest request) {
        Matcher form = CASE_PAGE_FORM.matcher(request.getServletPath());
        if (!"POST".equals(request.getMethod()) || !form.matches()) {
            return Optional.empty();
        }
        ExtendedModelMap page = new ExtendedModelMap();
        String view;
        try {
            view = caseFile(form.group(1).toUpperCase(java.util.Locale.ROOT), page);
        } catch (CaseRefused notShown) {
            return Optional.empty();
        } catch (RuntimeException cannotShow) {
            // the database is away while the refusal is answered: the plain refusal page says why, as before
            return Optional.empty();
        }
        page.addAttribute("fout", reason);
        page.addAttribute("foutSectie", form.group(2));
        Map<String, String> typed = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (TYPED_FIELDS.contains(name) && values.length > 0) {
                typed.put(name, values[0]);
            }
        });
        page.addAttribute("ingevuld", typed);
        return Optional.of(new ModelAndView(view, page, status));
    }

    /** The timeline alone: the case page fetches it again every few seconds. */
    @GetMapping("/zaken/{reference}/tijdlijn")
    public String timeline(@PathVariable String reference, Model model) {
        model.addAttribute("reference", reference);
        model.addAttribute("timeline", overview.timeline(reference));
        return "casework/zaak :: tijdlijn";
    }

    /**
     * A piece of evidence, opened in the browser. Only checked images and PDFs are stored
     * (intake), and the answer may run nothing: a sandbox without scripts, never sniffed.
     */
    @GetMapping("/zaken/{reference}/bewijs/{evidenceId}")
    public ResponseEntity<byte[]> evidence(@PathVariable String reference, @PathVariable Long evidenceId) {
        Evidence file = overview.evidence(reference, evidenceId);
        // only checked images and PDFs are stored as evidence (intake)
        return SandboxedFiles.response(file.getContent(), file.getContentType(), file.getFileName());
    }

    /** Everything one handler holds, to a colleague or back to the group (someone who left, or is away long). */
    @PostMapping("/zaken/taken/overdragen")
    public String handOver(@RequestParam(name = "van", required = false) String from,
                           @RequestParam(name = "naar", required = false) String to,
                           @RequestParam(name = "groep", required = false) String group,
                           RedirectAttributes redirect) {
        TeamDashboard.HandOver done = team.handOver(from, to, group);
        // a step of one of their cases that ran meanwhile (on this node or another) read the case's handler before the
        // hand-over changed it, and gave its new task to them: once more, now that the change is committed
        try {
            done = done.and(team.handOverLateTasks(from, to, group));
        } catch (RuntimeException e) {
            // what was handed over stays so; such a task shows on the dashboard with its holder
            log.warn("Hand-over of {}: tasks given to them meanwhile not moved: {}", from,
                    nl.homepair.complaints.diagnostics.CauseChain.of(e));
        }
        String whom = to == null || to.isBlank() ? "de groep" : to.strip();
        redirect.addFlashAttribute("melding", done.moved() + (done.moved() == 1 ? " taak" : " taken") + " van " + from.strip()
                + (group == null || group.isBlank() ? "" : " in groep " + group.strip())
                + " overgedragen aan " + whom + "." + (done.kept() == 0 ? "" : " " + done.kept() + (done.kept() == 1
                ? " taak van teamleiders of directie bleef" : " taken van teamleiders of directie bleven") + " bij "
                + from.strip() + ": geef die in Tasklist aan een collega uit die groep.") + (done.otherTeams() == 0 ? ""
                : " " + done.otherTeams() + (done.otherTeams() == 1 ? " taak van een andere groep bleef" : " taken van andere"
                + " groepen bleven") + " bij " + from.strip() + "."));
        return "redirect:/zaken#team";
    }

    @PostMapping("/zaken/taken/{taskId}/toewijzen")
    public String reassign(@PathVariable String taskId, @RequestParam(name = "behandelaar", required = false) String assignee,
                           RedirectAttributes redirect) {
        redirect.addFlashAttribute("melding", team.reassign(taskId, assignee).map(name -> "De taak is toegewezen aan " + name + ".")
                .orElse("De taak is terug bij de groep."));
        return "redirect:/zaken#team";
    }

    /** After an action on the case page: its section says what was done, where the handler lands. */
    private static String done(RedirectAttributes redirect, String reference, String section, String message) {
        redirect.addFlashAttribute("gedaan", message);
        redirect.addFlashAttribute("gedaanSectie", section);
        return "redirect:/zaken/" + reference + "#" + section;
    }

    @ExceptionHandler(CaseRefused.class)
    public ModelAndView refused(CaseRefused refused, HttpServletRequest request) {
        boolean notNow = refused.kind() == CaseRefused.Kind.NOT_NOW || refused.kind() == CaseRefused.Kind.NOT_YET;
        Optional<ModelAndView> form = notNow ? backToTheForm(HttpStatus.CONFLICT, refused.reason(), request) : Optional.empty();
        return form.orElseGet(() -> StaffRefusals.page(refused, currentUser.id().orElse(""), request.getServletPath(),
                "POST".equals(request.getMethod())));
    }

}
