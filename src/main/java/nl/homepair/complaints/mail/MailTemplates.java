package nl.homepair.complaints.mail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Renders the Dutch mail templates. Each mail is two files a manager can edit: NAME.html
 * (its {@code <title>} is the subject) and NAME.txt (the plain-text part). Values are
 * escaped by Thymeleaf, so whatever a complainant typed is shown as text.
 */
@Component
public class MailTemplates {

    private static final Logger log = LoggerFactory.getLogger(MailTemplates.class);

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /** What a mail text's name may be: it becomes part of a resource path. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    /** How long a parsed template is used before the file is read again. */
    static final long CACHE_TTL_MS = 30_000;

    /** The mail texts the application ships with. */
    static final String BUILT_IN = "classpath:/templates/mail/";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    /** The built-in texts alone: what a mail is written with when a manager's text in the folder cannot be. */
    private final SpringTemplateEngine builtInEngine = new SpringTemplateEngine();
    private final ApplicationContext applicationContext;
    /** Where a text is looked for, in order: the configured folder, then the built-in texts. */
    private final List<String> prefixes;

    /**
     * A text that a configured folder ({@code MAIL_TEMPLATES}) lacks is the built-in one: the folder is a copy a
     * manager made once, and a later release brings mail texts (and models that send them) that the copy never had.
     * Without this, the first mail of such a step failed in every case, and the release's own models were refused.
     */
    public MailTemplates(MailProperties properties, ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
        String location = properties.templateLocation();
        String configured = location.endsWith("/") ? location : location + "/";
        this.prefixes = configured.equals(BUILT_IN) ? List.of(BUILT_IN) : List.of(configured, BUILT_IN);
        if (prefixes.size() > 1) {
            requireFolder(location, configured, applicationContext);
        }
        int order = 1;
        for (String prefix : prefixes) {
            engine.addTemplateResolver(resolver(prefix, applicationContext, TemplateMode.HTML, "*.html", order++));
            engine.addTemplateResolver(resolver(prefix, applicationContext, TemplateMode.TEXT, "*.txt", order++));
        }
        builtInEngine.addTemplateResolver(resolver(BUILT_IN, applicationContext, TemplateMode.HTML, "*.html", 1));
        builtInEngine.addTemplateResolver(resolver(BUILT_IN, applicationContext, TemplateMode.TEXT, "*.txt", 2));
    }

    /**
     * A folder that is not there (a typo, {@code /etc/homepair/mail/} without {@code file:}, a volume not mounted on
     * this node) sent every mail with the built-in text, unnoticed: the start stops with its name instead. The log
     * says which texts the folder has.
     */
    private static void requireFolder(String location, String configured, ApplicationContext context) {
        org.springframework.core.io.Resource folder = context.getResource(configured);
        if (!folder.exists()) {
            throw new IllegalStateException("homepair.mail.template-location (MAIL_TEMPLATES) '" + location + "' is no folder "
                    + "this node can read; a folder on disk is written file:/path/to/folder/");
        }
        try {
            java.io.File directory = folder.getFile();
            String[] texts = directory.list((dir, name) -> name.endsWith(".html") || name.endsWith(".txt"));
            if (!directory.isDirectory() || texts == null) {
                throw new IllegalStateException("homepair.mail.template-location (MAIL_TEMPLATES) '" + location
                        + "' is no folder this node can read");
            }
            java.util.Arrays.sort(texts);
            log.info("Mail texts from {}: {} (the others built in)", configured, texts.length == 0 ? "none" : String.join(", ", texts));
            misnamed(List.of(texts), name -> context.getResource(BUILT_IN + name + ".html").exists())
                    .forEach(problem -> log.warn("Mail text folder {}: {}", configured, problem));
        } catch (java.io.IOException notOnDisk) {
            log.info("Mail texts from {} where it has them (the others built in)", configured);
        }
    }

    /**
     * The files of a manager's folder that no mail will ever use, as they are named ("Besluit.html", "besluit.html.txt",
     * a text of their own as a .html without its .txt; a built-in text's other half comes from the release): the built-in
     * text goes on, and without this nothing said so.
     */
    static List<String> misnamed(List<String> files, java.util.function.Predicate<String> builtIn) {
        List<String> problems = new java.util.ArrayList<>();
        for (String file : files) {
            String name = file.substring(0, file.lastIndexOf('.'));
            String extension = file.substring(file.lastIndexOf('.'));
            if (!NAME.matcher(name).matches()) {
                problems.add(file + " is never used: a mail text's name has only small letters, digits and dashes, as"
                        + " the built-in ones (besluit.html with besluit.txt)");
            } else if (!builtIn.test(name) && !files.contains(name + (extension.equals(".html") ? ".txt" : ".html"))) {
                // a built-in text's other half comes from the release
                problems.add(file + " is never used without " + name + (extension.equals(".html") ? ".txt" : ".html")
                        + ": a mail text is both files");
            }
        }
        return problems;
    }

    private static SpringResourceTemplateResolver resolver(String prefix, ApplicationContext context,
                                                           TemplateMode mode, String pattern, int order) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(context);
        resolver.setPrefix(prefix);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        // Parsed templates are kept for a short while (reading and parsing them for every mail
        // cost the intake, issue 16); an edited template in an external template-location is
        // live within CACHE_TTL_MS, without a restart.
        resolver.setCacheable(true);
        resolver.setCacheTTLMs(CACHE_TTL_MS);
        return resolver;
    }

    /** Whether a mail text exists: both its .html (with the subject) and its .txt, where the mailer reads them. */
    public boolean exists(String template) {
        return template != null && NAME.matcher(template).matches()
                && prefixes.stream().anyMatch(prefix -> has(prefix, template, ".html"))
                && prefixes.stream().anyMatch(prefix -> has(prefix, template, ".txt"));
    }

    /**
     * The mail {@code template} with the values of {@code model}. A manager's text in the configured folder that cannot
     * be written (a typo in a {@code ${…}} expression, a value the mail does not have, a subject line lost) does not
     * keep the mail from leaving: it is written with the built-in text, and the log says which file failed and why, at
     * every mail until the file is mended. Without this a single edit stopped that mail in every case until its retries
     * ran out (no acknowledgement, no decision), and the manager learnt of it from the incidents.
     */
    public RenderedMail render(String template, Map<String, Object> model) {
        if (template == null || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("Invalid mail template name: " + template);
        }
        try {
            if (prefixes.size() > 1 && inFolder(template)) {
                requireReadableByThymeleaf(template, ".html", model);
                requireReadableByThymeleaf(template, ".txt", model);
            }
            return render(engine, template, model);
        } catch (LiteralExpression e) {
            if (!builtIn(template)) {
                // a text of the manager's own: nothing to fall back on, and a mail with a stray ${…} beats no mail
                log.error("Mail text {} in {}: {}; sent as it is until it is mended", template, prefixes.get(0), e.getMessage());
                return render(engine, template, model);
            }
            log.error("Mail text {} in {} cannot be written; the mail is sent with the built-in text until it is mended: {}",
                    template, prefixes.get(0), e.getMessage());
            return render(builtInEngine, template, model);
        } catch (RuntimeException e) {
            if (prefixes.size() == 1 || !inFolder(template) || !builtIn(template)) {
                throw e; // nothing to fall back on: a text of the manager's own, or one the release does not have
            }
            log.error("Mail text {} in {} cannot be written; the mail is sent with the built-in text until it is mended: {}",
                    template, prefixes.get(0), CauseChain.of(e));
            return render(builtInEngine, template, model);
        }
    }

    /** What a manager's file was last found to show as text, by its last change: read again only when it changes. */
    private final java.util.Map<String, Lint> lints = new java.util.concurrent.ConcurrentHashMap<>();

    private record Lint(long modified, java.util.Optional<String> literal, Set<String> names) {
    }

    /**
     * The names a mail's values may have besides those of the mail at hand: what any built-in text reads, the fields of
     * the release's forms, and the variables its models set (a case's values differ from case to case). Read once.
     */
    private volatile Set<String> knownNames;

    /**
     * A {@code ${…}} that a manager wrote where Thymeleaf does not read it ("Uw dossier: ${reference}" as plain text in
     * the .html, or in the .txt without {@code [(…)]}) went to the complainant as it stood, with no error anywhere: such
     * a text counts as one that cannot be written (the built-in one goes, the log says why). So does a text that reads a
     * name no mail has ({@code ${refrence}}), which Thymeleaf writes as nothing.
     */
    private void requireReadableByThymeleaf(String template, String extension, Map<String, Object> model) {
        org.springframework.core.io.Resource file = applicationContext.getResource(prefixes.get(0) + template + extension);
        if (!file.exists()) {
            return;
        }
        try {
            long modified = file.lastModified();
            Lint lint = lints.get(template + extension);
            if (lint == null || lint.modified() != modified) {
                String source = file.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
                lint = new Lint(modified, literalExpression(source, extension.equals(".html")), valueNames(source));
                lints.put(template + extension, lint);
            }
            lint.literal().ifPresent(literal -> {
                throw new LiteralExpression(template + extension + " shows \"" + literal + "\" as text: write it as "
                        + (extension.equals(".html") ? "th:text=\"${…}\" or [[${…}]]" : "[(${…})]"));
            });
            // a name nothing of the application knows (${refrence}) is written as nothing, or "null" in a subject, without
            // an error; a value the case has only sometimes (mediationOutcome, read under th:if) is no mistake
            Set<String> unknown = new java.util.TreeSet<>(lint.names());
            unknown.removeAll(model.keySet());
            if (!unknown.isEmpty()) {
                unknown.removeAll(knownNames());
            }
            if (!unknown.isEmpty()) {
                throw new LiteralExpression(template + extension + " reads " + unknown.stream().map(name -> "${" + name + "}")
                        .collect(java.util.stream.Collectors.joining(", ")) + ", which no mail has (it would show as"
                        + " nothing); the built-in " + template + ".html and .txt show the values this mail has");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A manager's text that would show a {@code ${…}} as it stands. */
    private static final class LiteralExpression extends IllegalStateException {
        LiteralExpression(String message) {
            super(message);
        }
    }

    private Set<String> knownNames() {
        Set<String> known = knownNames;
        if (known == null) {
            known = new java.util.HashSet<>();
            var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver(applicationContext);
            try {
                for (org.springframework.core.io.Resource text : resolver.getResources(BUILT_IN + "*.*")) {
                    known.addAll(valueNames(text.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)));
                }
                for (org.springframework.core.io.Resource form : resolver.getResources("classpath*:forms/**/*.form")) {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(form.getInputStream()).findValuesAsText("key")
                            .forEach(known::add);
                }
                for (org.springframework.core.io.Resource model : resolver.getResources("classpath*:processes/**/*.bpmn")) {
                    Matcher set = MODEL_SETS.matcher(model.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
                    while (set.find()) {
                        known.add(set.group(1) != null ? set.group(1) : set.group(2));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            knownNames = known;
        }
        return known;
    }

    /** A variable a model sets: {@code setVariable('x', …)} or a mapping's name. */
    private static final Pattern MODEL_SETS = Pattern.compile(
            "setVariable(?:Local)?\\s*\\(\\s*'(\\w+)'|Parameter name=\"(\\w+)\"");

    private static final Pattern EXPRESSION_BODY = Pattern.compile("\\$\\{(.*?)}", Pattern.DOTALL);
    /** A name that is no property ({@code .x}), utility ({@code #dates}), bean ({@code @x}) or method call. */
    private static final Pattern TOP_LEVEL_NAME = Pattern.compile("(?<![\\w.#@$'])([A-Za-z_]\\w*)(?![\\w(])");
    private static final Pattern EACH = Pattern.compile("th:each\\s*=\\s*[\"']\\s*(\\w+)\\s*(?:,\\s*(\\w+)\\s*)?:");
    private static final Pattern WITH = Pattern.compile("th:with\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern WITH_NAME = Pattern.compile("(?:^|,)\\s*(\\w+)\\s*=(?!=)");
    private static final Set<String> EXPRESSION_WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
            "div", "mod", "true", "false", "null", "instanceof", "matches", "between", "new", "T");

    /**
     * The values a template's expressions read by name ({@code ${reference}}, {@code complaint} of
     * {@code ${complaint.name}}), without the names it declares itself ({@code th:each}, {@code th:with}).
     */
    static Set<String> valueNames(String source) {
        String code = source.replaceAll("(?s)<!--.*?-->|/\\*\\[[-+].*?[-+]]\\*/", "");
        Set<String> declared = new java.util.HashSet<>();
        Matcher each = EACH.matcher(code);
        while (each.find()) {
            declared.add(each.group(1));
            declared.add(each.group(1) + "Stat");
            if (each.group(2) != null) {
                declared.add(each.group(2));
            }
        }
        Matcher with = WITH.matcher(code);
        while (with.find()) {
            Matcher name = WITH_NAME.matcher(with.group(1).replaceAll("'[^']*'", "''"));
            while (name.find()) {
                declared.add(name.group(1));
            }
        }
        Set<String> names = new java.util.TreeSet<>();
        Matcher expression = EXPRESSION_BODY.matcher(code);
        while (expression.find()) {
            Matcher name = TOP_LEVEL_NAME.matcher(expression.group(1).replaceAll("'[^']*'", "''").replaceAll("\"[^\"]*\"", "''")
                    .replaceAll("\\bT\\s*\\([\\w.\\s]*\\)", "0")); // a type, T(java.lang.Math)
            while (name.find()) {
                if (!EXPRESSION_WORDS.contains(name.group(1)) && !declared.contains(name.group(1))) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    /** The first {@code ${…}} of a template's source that Thymeleaf would leave as text, or empty. */
    static java.util.Optional<String> literalExpression(String source, boolean html) {
        // comments first (<!-- … -->, /*[- … -]*/, /*[+ … +]*/), then what Thymeleaf reads: inlined [[…]] and [(…)],
        // text-mode elements [# th:…], and (in HTML) th: attributes
        String rest = source.replaceAll("(?s)<!--.*?-->|/\\*\\[[-+].*?[-+]]\\*/", "")
                .replaceAll("(?s)\\[\\[.*?]]|\\[\\(.*?\\)]|\\[#(?:\"[^\"]*\"|'[^']*'|[^\\]\"'])*]", "");
        if (html) {
            rest = rest.replaceAll("(?s)\\b(th:|data-th-)[\\w:-]+\\s*=\\s*(\"[^\"]*\"|'[^']*')", "");
        }
        int at = rest.indexOf("${");
        if (at < 0) {
            return java.util.Optional.empty();
        }
        int end = rest.indexOf('}', at);
        return java.util.Optional.of(rest.substring(at, end < 0 ? Math.min(rest.length(), at + 40) : Math.min(end + 1, at + 80)));
    }

    private boolean builtIn(String template) {
        return has(BUILT_IN, template, ".html") && has(BUILT_IN, template, ".txt");
    }

    private boolean inFolder(String template) {
        return has(prefixes.get(0), template, ".html") || has(prefixes.get(0), template, ".txt");
    }

    private boolean has(String prefix, String template, String extension) {
        return applicationContext.getResource(prefix + template + extension).exists();
    }

    private static RenderedMail render(SpringTemplateEngine engine, String template, Map<String, Object> model) {
        Context context = new Context(nl.homepair.complaints.text.DutchDates.DUTCH, model);
        String html = engine.process(template + ".html", context);
        String text = engine.process(template + ".txt", context);
        Matcher title = TITLE.matcher(html);
        if (!title.find()) {
            throw new IllegalStateException("Mail template " + template + ".html has no <title> for the subject");
        }
        String subject = HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").trim();
        if (subject.isEmpty()) {
            throw new IllegalStateException("Mail template " + template + ".html has an empty <title>, the subject");
        }
        return new RenderedMail(subject, text, html);
    }
}
