package nl.homepair.complaints.modeling;

import static nl.homepair.complaints.modeling.ReferenceRules.BPMN;
import static nl.homepair.complaints.modeling.ReferenceRules.CAMUNDA;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A case ends with its outcome (R14, R16): where the complaint procedure ends, the case is closed with
 * {@code complaintLifecycle.close(complaintId, '…')}. An end event that ends the procedure without it would leave the
 * case open, with its last status, on the case page and in the figures, while nothing runs for it any more.
 *
 * <p>Which end events end the procedure is read from the flow: a terminate end event in the process (or in an
 * interrupting event subprocess) always does; a plain end event does when its path goes back to the start of its
 * scope without passing a side branch: a non-interrupting boundary event (a reminder, an escalation) or a fork into
 * parallel paths. An interrupting boundary event takes the place of its task, so its path is the task's path. An end
 * after a parallel fork depends on the other path; {@link CaseClosedAtItsEnd} refuses it when it happens.
 */
final class CaseEnds {

    private static final Pattern CLOSES = Pattern.compile("complaintLifecycle\\s*\\.\\s*close\\s*\\(");

    private CaseEnds() {
    }

    static void problems(Element root, String resource, List<String> problems) {
        for (Element process : children(root, "process")) {
            if (!ComplaintProcess.PROCESS_KEY.equals(process.getAttribute("id"))) {
                continue;
            }
            scope(process, resource, problems);
            for (Element subProcess : children(process, "subProcess")) {
                if ("true".equals(subProcess.getAttribute("triggeredByEvent")) && interrupting(subProcess)) {
                    scope(subProcess, resource, problems);
                }
            }
        }
    }

    private static boolean interrupting(Element eventSubProcess) {
        return children(eventSubProcess, "startEvent").stream().anyMatch(start -> !"false".equals(start.getAttribute("isInterrupting")));
    }

    private static void scope(Element scope, String resource, List<String> problems) {
        Map<String, Element> nodes = new HashMap<>();
        Map<String, List<Element>> incoming = new HashMap<>();
        Map<String, Integer> outgoing = new HashMap<>();
        for (Element child : children(scope, null)) {
            if (child.getLocalName().equals("sequenceFlow")) {
                incoming.computeIfAbsent(child.getAttribute("targetRef"), key -> new ArrayList<>()).add(child);
                outgoing.merge(child.getAttribute("sourceRef"), 1, Integer::sum);
            } else if (child.hasAttribute("id")) {
                nodes.put(child.getAttribute("id"), child);
            }
        }
        for (Element end : children(scope, "endEvent")) {
            boolean terminates = !children(end, "terminateEventDefinition").isEmpty();
            if ((terminates || fromTheStart(end, nodes, incoming, outgoing))
                    && !closes(end, nodes, incoming, outgoing, new HashSet<>())) {
                problems.add(resource + ", element " + end.getAttribute("id") + ": hier eindigt de klachtenprocedure, maar de"
                        + " zaak wordt niet afgesloten; geef het eindevent een execution listener (start) met"
                        + " ${complaintLifecycle.close(complaintId, '…')} en de uitkomst, zoals de andere eindevents. Anders"
                        + " blijft de zaak open staan terwijl er niets meer voor loopt (end of the procedure without an outcome)");
            }
        }
    }

    /** Whether the end event's path goes back to its scope's start without passing a side branch. */
    private static boolean fromTheStart(Element end, Map<String, Element> nodes, Map<String, List<Element>> incoming,
            Map<String, Integer> outgoing) {
        Deque<String> todo = new ArrayDeque<>(List.of(end.getAttribute("id")));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            for (Element flow : incoming.getOrDefault(id, List.of())) {
                String source = flow.getAttribute("sourceRef");
                Element node = nodes.get(source);
                if (node == null || forks(node, outgoing)) {
                    continue;
                }
                if (node.getLocalName().equals("startEvent")) {
                    return true;
                }
                if (node.getLocalName().equals("boundaryEvent")) {
                    if (!"false".equals(node.getAttribute("cancelActivity"))) {
                        todo.push(node.getAttribute("attachedToRef"));
                    }
                    continue;
                }
                todo.push(source);
            }
        }
        return false;
    }

    /** A fork into paths that run side by side: a parallel or inclusive gateway, or a step with unconditional flows. */
    private static boolean forks(Element node, Map<String, Integer> outgoing) {
        String kind = node.getLocalName();
        return outgoing.getOrDefault(node.getAttribute("id"), 0) > 1 && !kind.equals("exclusiveGateway")
                && !kind.equals("eventBasedGateway");
    }

    /**
     * Whether the case is closed on every way into {@code node}: on it, or on a step or flow that leads only to it (through
     * a merge, on each of the ways that join there).
     */
    private static boolean closes(Element node, Map<String, Element> nodes, Map<String, List<Element>> incoming,
            Map<String, Integer> outgoing, Set<String> seen) {
        if (closesItself(node)) {
            return true;
        }
        List<Element> flows = incoming.getOrDefault(node.getAttribute("id"), List.of());
        if (!seen.add(node.getAttribute("id")) || flows.isEmpty()) {
            return false;
        }
        for (Element flow : flows) {
            if (closesItself(flow)) {
                continue;
            }
            Element previous = nodes.get(flow.getAttribute("sourceRef"));
            if (previous == null || outgoing.getOrDefault(previous.getAttribute("id"), 0) != 1
                    || !closes(previous, nodes, incoming, outgoing, seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean closesItself(Element node) {
        if (CLOSES.matcher(node.getAttributeNS(CAMUNDA, "expression")).find()) {
            return true;
        }
        for (Element extensions : children(node, "extensionElements")) {
            for (Node listener = extensions.getFirstChild(); listener != null; listener = listener.getNextSibling()) {
                if (listener instanceof Element element && CAMUNDA.equals(element.getNamespaceURI())
                        && element.getLocalName().equals("executionListener")
                        && CLOSES.matcher(element.getAttribute("expression")).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The BPMN child elements of a scope (all of them for {@code null}). */
    private static List<Element> children(Element parent, String local) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && BPMN.equals(element.getNamespaceURI())
                    && (local == null || local.equals(element.getLocalName()))) {
                children.add(element);
            }
        }
        return children;
    }
}
