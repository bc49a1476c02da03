package nl.homepair.complaints.benchmark;

import static nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY;
import static nl.homepair.complaints.complaint.ComplaintProcess.TASK_ASSESS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.intake.ComplaintIntakeService;
import nl.homepair.complaints.intake.ComplaintSubmission;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Open cases at "Eerste beoordeling" (UserTask_AssessComplaint), written by an application
 * started in-process with its job executor off. The first case takes the real way (the
 * intake service, then its start job: routing table, due dates, the task, its timers); it
 * is the pattern the others are checked against. The others are written as the intake
 * writes a complaint (entity, reference, first timeline entry, case facts, acknowledged)
 * and their process instance is started right before the task with the variables the real
 * case has there (the routing table's answer per role, subject and channel; due dates from
 * the working-day calendar): the task, its candidate group and the engine's authorization
 * for it, its due date, both boundary timers, the task's start listener and history are the
 * engine's own. Not written for them: the history of the steps before the task (start event,
 * routing decision, acknowledgement mail).
 */
final class OpenCases {

    private static final int BATCH = 100;
    /** Writers in parallel: much of a case's time is waiting for the database. */
    private static final int THREADS = Integer.getInteger("benchmark.writers", 3);

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final CaseSteps steps;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final DecisionService decisionService;
    private final WorkingDayCalendar calendar;
    private final ComplaintIntakeService intake;
    private final TransactionTemplate transaction;
    private final EntityManager entityManager;
    private final Map<String, Map<String, Object>> routing = new ConcurrentHashMap<>();

    OpenCases(ApplicationContext application) {
        complaints = application.getBean(ComplaintRepository.class);
        timeline = application.getBean(CaseTimeline.class);
        steps = application.getBean(CaseSteps.class);
        runtimeService = application.getBean(RuntimeService.class);
        managementService = application.getBean(ManagementService.class);
        decisionService = application.getBean(DecisionService.class);
        calendar = application.getBean(WorkingDayCalendar.class);
        intake = application.getBean(ComplaintIntakeService.class);
        transaction = new TransactionTemplate(application.getBean(PlatformTransactionManager.class));
        entityManager = SharedEntityManagerCreator.createSharedEntityManager(application.getBean(EntityManagerFactory.class));
    }

    /**
     * Writes {@code count} open cases, received over the last {@code days} days (with 8, about
     * a fifth of them past their due date), in transactions of {@value #BATCH} from a few threads; answers the seconds it took.
     */
    double write(int count, int days) throws InterruptedException {
        long started = System.nanoTime();
        Map<String, String> real = realCase();
        Instant now = Instant.now();
        Instant earliest = now.minus(days, ChronoUnit.DAYS);
        long span = ChronoUnit.SECONDS.between(earliest, now);
        ComplainantRole[] roles = ComplainantRole.values();
        ComplaintSubject[] subjects = ComplaintSubject.values();
        IntakeChannel[] channels = {IntakeChannel.API, IntakeChannel.WEB_FORM, IntakeChannel.MAILBOX, IntakeChannel.STAFF};
        AtomicInteger next = new AtomicInteger(1);
        AtomicReference<String> firstWritten = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(16 + t);
            Thread writer = new Thread(() -> {
                try {
                    for (int first = next.getAndAdd(BATCH); first < count && failure.get() == null; first = next.getAndAdd(BATCH)) {
                        int size = Math.min(BATCH, count - first);
                        int from = first;
                        String written = transaction.execute(status -> {
                            String instanceId = null;
                            for (int n = from; n < from + size; n++) {
                                Instant received = earliest.plusSeconds((long) (random.nextDouble() * span))
                                        .truncatedTo(ChronoUnit.SECONDS);
                                instanceId = open(n, received, roles[random.nextInt(roles.length)],
                                        subjects[random.nextInt(subjects.length)], channels[random.nextInt(channels.length)]);
                                // the next case's queries would otherwise check every entity written so far in the batch
                                entityManager.flush();
                                entityManager.clear();
                            }
                            return instanceId;
                        });
                        firstWritten.compareAndSet(null, written);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "open-cases-" + t);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (firstWritten.get() != null) {
            Map<String, String> written = variableTypes(firstWritten.get());
            if (!written.entrySet().containsAll(real.entrySet())) {
                throw new IllegalStateException("a written case lacks variables of a real one: real " + real + ", written " + written);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** One complaint through the intake service and its start job; answers its variables' names and types. */
    private Map<String, String> realCase() {
        Complaint complaint = intake.submit(new ComplaintSubmission("Jan Jansen", "jan.jansen@example.nl", "CLIENT",
                "JOB_HANDLING", null, "OPD-0", "De schilder kwam niet opdagen.", null, null, null), List.of(),
                IntakeChannel.API, "platform", null);
        Job start = managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId()).singleResult();
        managementService.executeJob(start.getId());
        if (runtimeService.createExecutionQuery().processInstanceId(complaint.getProcessInstanceId())
                .activityId(TASK_ASSESS).count() != 1) {
            throw new IllegalStateException("the real case did not reach " + TASK_ASSESS);
        }
        return variableTypes(complaint.getProcessInstanceId());
    }

    private Map<String, String> variableTypes(String processInstanceId) {
        Map<String, String> types = new TreeMap<>();
        for (VariableInstance variable : runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId).list()) {
            types.put(variable.getName(), variable.getTypeName());
        }
        return types;
    }

    /** The n-th case, as the intake writes it, with its instance at the task; answers the instance id. */
    private String open(int n, Instant received, ComplainantRole role, ComplaintSubject subject, IntakeChannel channel) {
        Complaint complaint = new Complaint("Klager " + n, "klager" + n + "@example.nl", role, subject,
                "De klus is niet goed uitgevoerd (" + n + ").", channel, received, received, "platform");
        complaint.setJobReference("OPD-" + n);
        complaint = complaints.save(complaint);
        complaint.assignReference(ReferenceNumbers.format(received, complaint.getId()));
        steps.received(complaint);
        timeline.record(complaint, TimelineEventType.RECEIVED, "platform", "Klacht ontvangen (" + channel.label() + ")");
        Instant acknowledged = received.plusSeconds(60);
        complaint.markAcknowledged(acknowledged);
        steps.acknowledged(complaint, acknowledged);

        Map<String, Object> route = routing.computeIfAbsent(role + "/" + subject + "/" + channel, key ->
                decisionService.evaluateDecisionTableByKey("routing", Variables.createVariables()
                        .putValue("role", role.name()).putValue("subject", subject.name()).putValue("channel", channel.name()))
                        .getSingleResult().getEntryMap());
        Date receivedAt = Date.from(received);
        Date assessmentDue = calendar.deadline(receivedAt, ((Number) route.get("assessmentDays")).intValue());
        Map<String, Object> variables = new HashMap<>();
        variables.put("complaintId", complaint.getId());
        variables.put("reference", complaint.getReference());
        variables.put("receivedAt", receivedAt);
        variables.put("role", role.name());
        variables.put("subject", subject.name());
        variables.put("channel", channel.name());
        variables.put("acknowledgementDue", calendar.deadline(receivedAt, 2));
        variables.put("handlerGroup", route.get("handlerGroup"));
        variables.put("priority", route.get("priority"));
        variables.put("mediationDays", route.get("mediationDays"));
        variables.put("decisionDays", route.get("decisionDays"));
        variables.put("assessmentDue", assessmentDue);
        // set when the acknowledgement went out, on time here
        variables.put("assessmentAnswerDue", assessmentDue);
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY).businessKey(complaint.getReference())
                .setVariables(variables).startBeforeActivity(TASK_ASSESS).execute();
        complaint.linkProcessInstance(instance.getId());
        return instance.getId();
    }
}
