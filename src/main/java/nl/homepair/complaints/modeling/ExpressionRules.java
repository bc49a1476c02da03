package nl.homepair.complaints.modeling;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Whether one expression (JUEL, as the engine evaluates it) stays within what models may
 * do: call the published beans, read and write variables through {@code execution} or
 * {@code task}, read variables and their properties, Camunda's date functions, literals
 * and operators. Anything else (a method on any other object, such as
 * {@code "".getClass().forName(…)}, another Spring bean, a function of another library)
 * is refused with a reason in Dutch.
 */
final class ExpressionRules {

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
    private static final Set<Class<?>> PLAIN = Set.of(AstEval.class, AstComposite.class, AstText.class, AstNested.class,
            AstBinary.class, AstUnary.class, AstChoice.class, AstParameters.class, AstString.class, AstNumber.class,
            AstBoolean.class, AstNull.class);
    private static final Set<String> NEVER_PROPERTIES = Set.of("class", "classloader", "module", "declaringclass");

    private final Predicate<String> otherBean;

    /** @param otherBean whether a name is a Spring bean that is not published */
    ExpressionRules(Predicate<String> otherBean) {
        this.otherBean = otherBean;
    }

    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** The first reason to refuse the expression, if any. */
    Optional<String> problem(String expression) {
        Node root;
        try {
            root = PARSER.build(expression).getRoot();
        } catch (TreeBuilderException e) {
            return Optional.of("de expressie " + expression + " is onleesbaar");
        }
        return check(root).map(reason -> "de expressie " + expression + " " + reason);
    }

    private Optional<String> check(Node node) {
        if (node instanceof AstMethod) {
            return method(node);
        }
        if (node instanceof AstFunction function) {
            if (!PublishedBeans.FUNCTIONS.contains(function.getName())) {
                return Optional.of("gebruikt de functie " + function.getName() + "()");
            }
            return children(node, 0);
        }
        if (node instanceof AstDot) {
            return property(node.getChild(0), name(node));
        }
        if (node instanceof AstBracket) {
            Node index = node.getChild(1);
            if (!(index instanceof AstString || index instanceof AstNumber)) {
                return Optional.of("leest een eigenschap met een berekende naam ([…])");
            }
            return property(node.getChild(0), index.toString().replace("\"", ""));
        }
        if (node instanceof AstIdentifier identifier) {
            if (otherBean.test(identifier.getName()) && !PublishedBeans.NAMES.contains(identifier.getName())) {
                return Optional.of("gebruikt " + identifier.getName() + ", dat niet voor modellen is vrijgegeven");
            }
            return Optional.empty();
        }
        if (PLAIN.contains(node.getClass())) {
            return children(node, 0);
        }
        return Optional.of("bevat een onbekende constructie (" + node + ")");
    }

    /** {@code base.name(arguments)}: only on a published bean, or variable access on execution/task. */
    private Optional<String> method(Node node) {
        Node target = node.getChild(0);
        if (!(target instanceof AstDot)) {
            return Optional.of("roept een methode aan via [...]");
        }
        String method = name(target);
        Node base = target.getChild(0);
        String baseName = base instanceof AstIdentifier identifier ? identifier.getName() : null;
        boolean allowed = baseName != null && (PublishedBeans.NAMES.contains(baseName) && !isObjectMethod(method)
                || PublishedBeans.ENGINE_OBJECTS.contains(baseName) && PublishedBeans.VARIABLE_METHODS.contains(method));
        if (!allowed) {
            return Optional.of("roept " + method + "() aan op " + (baseName != null ? baseName : "een berekende waarde")
                    + "; alleen de gepubliceerde beans en variabelen via execution/task zijn toegestaan");
        }
        return children(node.getChild(1), 0);
    }

    /** {@code base.name}: a variable's property, or a plain fact of execution/task; never of a bean. */
    private Optional<String> property(Node base, String name) {
        if (NEVER_PROPERTIES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("leest de eigenschap " + name);
        }
        // "(execution).processEngine" is "execution.processEngine": the rules below are about the name, not its brackets
        while (base instanceof AstNested nested) {
            base = nested.getChild(0);
        }
        if (base instanceof AstIdentifier identifier) {
            String baseName = identifier.getName();
            if (PublishedBeans.ENGINE_OBJECTS.contains(baseName) && !PublishedBeans.ENGINE_PROPERTIES.contains(name)
                    && !("execution".equals(baseName) && PublishedBeans.EXECUTION_PROPERTIES.contains(name))) {
                return Optional.of("leest " + baseName + "." + name + "; van execution/task mogen alleen variabelen en "
                        + String.join(", ", PublishedBeans.ENGINE_PROPERTIES.stream().sorted().toList()) + " gelezen worden");
            }
            if (PublishedBeans.NAMES.contains(baseName)) {
                return Optional.of("leest " + baseName + "." + name + "; roep een methode van " + baseName + " aan");
            }
            return check(base);
        }
        if (base instanceof AstDot || base instanceof AstBracket) {
            return check(base);
        }
        return Optional.of("leest " + name + " van een berekende waarde");
    }

    private Optional<String> children(Node node, int from) {
        for (int i = from; i < node.getCardinality(); i++) {
            Optional<String> problem = check(node.getChild(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The property of a {@code base.name} node ("name"), from its printed form ". name". */
    private static String name(Node dot) {
        String printed = dot.toString();
        return printed.startsWith(". ") ? printed.substring(2) : printed;
    }

    private static boolean isObjectMethod(String method) {
        return List.of("getClass", "wait", "notify", "notifyAll", "hashCode", "equals", "toString").contains(method);
    }
}
