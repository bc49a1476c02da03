package nl.homepair.complaints.engine;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.FunctionProvider.CompositeFunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvalContext$;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * Camunda's Scala FEEL engine, without the work it repeats for every evaluation. Per
 * evaluation, {@link ScalaFeelEngine} has feel-scala parse the expression's text again and
 * build its table of built-in functions again; for the routing table that is a dozen of each
 * per case, and the decision was 8.5% of the application's CPU in the intake's profile
 * (issue 16, JFR; 2.0% with this engine). Here a parsed expression is kept per expression text, at most
 * {@code maxEntries} of each kind (least recently used go first), and the built-in functions
 * are made once: both are immutable and hold no variables.
 *
 * <p>An evaluation then does what feel-scala's {@code FeelEngine.eval} does (the same
 * interpreter, root context and value mapper). Only a clean success is answered that way:
 * an expression that does not parse, an evaluation that fails or reports any failure (also
 * the suppressed ones, such as a missing variable) or throws, goes through
 * {@link ScalaFeelEngine} again, so results, warnings and error messages are the engine's own.
 * That is sound because a FEEL evaluation has no side effects (the application registers no
 * custom functions).
 */
public class CachingFeelEngine extends ScalaFeelEngine {

    /** Returned by {@link #evaluate} when the engine's own path must answer. */
    private static final Object NOT_CLEAN = new Object();

    private final ParsedCache expressions;
    private final ParsedCache unaryTests;
    private final ValueMapper valueMapper;
    private final FeelInterpreter interpreter;
    private final FunctionProvider functions;
    private final LongAdder enginePath = new LongAdder();

    public CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders, int maxEntries) {
        super(functionProviders);
        this.expressions = new ParsedCache(maxEntries);
        this.unaryTests = new ParsedCache(maxEntries);
        this.valueMapper = feelEngine.valueMapper();
        this.interpreter = new FeelInterpreter(valueMapper);
        // as feel-scala's FeelEngine.rootContext, which makes the built-in functions anew per evaluation
        this.functions = new CompositeFunctionProvider(
                toScalaList(new BuiltinFunctions(feelEngine.clock(), valueMapper), feelEngine.functionProvider()));
    }

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
        ParsedExpression parsed = expressions.get(expression, feelEngine::parseExpression);
        if (parsed == null) {
            enginePath.increment();
            return super.evaluateSimpleExpression(expression, variableContext);
        }
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variableContext);
            }
        };
        Object value = evaluate(parsed, context);
        if (value == NOT_CLEAN) {
            enginePath.increment();
            return super.evaluateSimpleExpression(expression, variableContext);
        }
        @SuppressWarnings("unchecked")
        T result = (T) value;
        return result;
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
        ParsedExpression parsed = unaryTests.get(expression, feelEngine::parseUnaryTests);
        if (parsed == null) {
            enginePath.increment();
            return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
        }
        StaticVariableProvider input = new StaticVariableProvider(
                new camundajar.impl.scala.collection.immutable.Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
        ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new CompositeVariableProvider(toScalaList(input, variables));
            }
        };
        Object value = evaluate(parsed, context);
        if (value == NOT_CLEAN) {
            enginePath.increment();
            return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
        }
        return BoxesRunTime.unboxToBoolean(value);
    }

    /** How many evaluations went through {@link ScalaFeelEngine}'s own path. */
    long enginePathEvaluations() {
        return enginePath.sum();
    }

    /** How many parsed expressions and unary tests are kept now. */
    int cachedEntries() {
        return expressions.size() + unaryTests.size();
    }

    /** The value of a clean evaluation, as feel-scala's FeelEngine gives it; otherwise {@link #NOT_CLEAN}. */
    private Object evaluate(ParsedExpression parsed, Context context) {
        try {
            EvalContext evalContext = EvalContext$.MODULE$.create(valueMapper, functions).merge(context);
            Val result = interpreter.eval(parsed.expression(), evalContext);
            if (result instanceof ValError || result instanceof ValFatalError
                    || evalContext.failureCollector().failures().nonEmpty()) {
                return NOT_CLEAN;
            }
            return valueMapper.unpackVal(result);
        } catch (RuntimeException e) {
            return NOT_CLEAN;
        }
    }

    /** Parsed expressions by their text, least recently used dropped beyond the limit. */
    private static final class ParsedCache {

        private final Map<String, ParsedExpression> entries;

        ParsedCache(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("A FEEL cache keeps at least one expression, not " + maxEntries);
            }
            this.entries = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ParsedExpression> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        /** The parsed expression, or null when there is none or it does not parse. */
        ParsedExpression get(String text, Function<String, Either<Failure, ParsedExpression>> parser) {
            if (text == null) {
                return null;
            }
            synchronized (entries) {
                ParsedExpression cached = entries.get(text);
                if (cached != null) {
                    return cached;
                }
            }
            // parsed outside the lock: two threads may parse the same new text once each
            Either<Failure, ParsedExpression> parsed = parser.apply(text);
            if (parsed.isLeft()) {
                return null;
            }
            ParsedExpression expression = parsed.toOption().get();
            synchronized (entries) {
                entries.put(text, expression);
            }
            return expression;
        }

        int size() {
            synchronized (entries) {
                return entries.size();
            }
        }
    }
}
