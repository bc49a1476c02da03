package nl.homepair.complaints.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;

/** The business keys (case references) of running process instances, by instance id. */
public final class BusinessKeys {

    /**
     * Instances asked per query: the engine puts all ids of one query in one statement, and PostgreSQL's driver refuses
     * a statement with more than 65,535 parameters (a holiday's backlog of late tasks can be more).
     */
    static final int SLICE = 1_000;

    private BusinessKeys() {
    }

    /** The business key of each of these instances that still runs (absent when it ended, null when it has none). */
    public static Map<String, String> of(RuntimeService runtime, Collection<String> processInstanceIds) {
        List<String> ids = processInstanceIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> keys = new HashMap<>();
        for (int from = 0; from < ids.size(); from += SLICE) {
            runtime.createProcessInstanceQuery()
                    .processInstanceIds(new LinkedHashSet<>(ids.subList(from, Math.min(ids.size(), from + SLICE)))).list()
                    .forEach(instance -> keys.put(instance.getId(), instance.getBusinessKey()));
        }
        return keys;
    }
}
