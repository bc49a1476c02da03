package nl.homepair.complaints.sla;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.homepair.complaints.engine.EngineLists;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler.TimerJobConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Staff are alerted in office hours (R6, R11), also when a reminder or escalation timer fires late.
 *
 * <p>Every reminder and escalation timer in the models is set to an office moment
 * ({@link WorkingDayCalendar#officeMomentFrom}), but a timer that fell due while the application was down, or
 * while its job executor could not reach the database, fires as soon as it can: a team lead got "Te laat" at
 * 02:00 or on a Sunday after a night's outage. Here a timer on a user task whose path leads to a
 * {@link DeadlineAlertDelegate} step ({@link DeadlineAlertDelegate#leadsToAlert}) and that fires outside
 * office hours does not fire: the same timer is due again at the next office moment, and the alert (with its
 * checks: still open, not sent before) goes out then. A timer that fell due in office hours and runs less than an
 * hour late (a busy job executor at 17:00) fires: a night's wait would be the delay, not the rule. Any other timer (a window that closes, a case that stops
 * waiting for information) fires when due, as before.
 *
 * <p>{@code homepair.working-days.alerts-in-office-hours: false} lets alerts go out whenever they fall due (the
 * tests whose clock is the real one use it, so that they pass at night too).
 */
@Component
public class OfficeHoursAlerts extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(OfficeHoursAlerts.class);

    /** How late an alert that fell due in office hours may still go out outside them. */
    static final Duration LATE_BY_LOAD = Duration.ofHours(1);

    private final WorkingDayCalendar workingDays;
    private final boolean enabled;

    public OfficeHoursAlerts(WorkingDayCalendar workingDays,
            @Value("${homepair.working-days.alerts-in-office-hours:true}") boolean enabled) {
        this.workingDays = workingDays;
        this.enabled = enabled;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!enabled) {
            return;
        }
        // a custom handler of the same type replaces the engine's own (initJobExecutor puts them last)
        EngineLists.append(configuration.getCustomJobHandlers(), configuration::setCustomJobHandlers, new BoundaryTimer());
    }

    /** The engine's handler of boundary timers, which first asks whether now is a moment to alert staff. */
    final class BoundaryTimer extends TimerExecuteNestedActivityJobHandler {

        /** Per process definition and boundary event: whether it starts an alert (the models do not change). */
        private final Map<String, Boolean> alerts = new ConcurrentHashMap<>();

        @Override
        public void execute(TimerJobConfiguration configuration, ExecutionEntity execution, CommandContext commandContext,
                String tenantId) {
            Date now = ClockUtil.getCurrentTime();
            Date next = workingDays.nextOfficeMoment(now);
            if (next.after(now) && startsAnAlert(execution, configuration.getTimerElementKey(), commandContext)) {
                TimerEntity timer = commandContext.getJobManager().findTimersByExecutionId(execution.getId()).stream()
                        .filter(candidate -> candidate.getJobHandlerConfiguration() instanceof TimerJobConfiguration own
                                && configuration.getTimerElementKey().equals(own.getTimerElementKey()))
                        .findFirst().orElse(null);
                if (timer != null && !lateByLoadOnly(timer.getDuedate(), now)) {
                    timer.createNewTimerJob(next);
                    log.info("{} of {} fell due outside office hours ({}); it fires at {}", configuration.getTimerElementKey(),
                            execution.getProcessBusinessKey(), now, next);
                    return;
                }
            }
            super.execute(configuration, execution, commandContext, tenantId);
        }

        /**
         * A timer that fell due in office hours and runs less than {@link #LATE_BY_LOAD} later was held up by a
         * busy job executor, not by an outage: its alert goes out now (at 17:00 for 16:59), not the next morning.
         */
        private boolean lateByLoadOnly(Date due, Date now) {
            return due != null && workingDays.nextOfficeMoment(due).equals(due)
                    && now.getTime() - due.getTime() < LATE_BY_LOAD.toMillis();
        }

        private boolean startsAnAlert(ExecutionEntity execution, String boundaryEvent, CommandContext commandContext) {
            String definition = execution.getProcessDefinitionId();
            return alerts.computeIfAbsent(definition + '/' + boundaryEvent, key -> {
                ModelElementInstance element = commandContext.getProcessEngineConfiguration().getDeploymentCache()
                        .findBpmnModelInstanceForProcessDefinition(definition).getModelElementById(boundaryEvent);
                return element instanceof BoundaryEvent timer && DeadlineAlertDelegate.leadsToAlert(timer);
            });
        }
    }
}
