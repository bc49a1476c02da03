package nl.homepair.complaints.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's Dutch locale of the Camunda web applications has every label of the
 * Camunda version on the classpath (a new key after an upgrade fails here: run
 * docs/webapp-locales/generate.py), and no label of Tasklist, Cockpit, Admin or the
 * welcome page is left in English: every screen of a handler, team lead, manager or
 * administrator reads its labels from these files, so checking them all checks theirs.
 */
class WebappLocalesTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    /** Labels that are the same in Dutch: names, symbols, loanwords. */
    private static final Set<String> SAME_IN_DUTCH = Set.of("", "<", "<=", ">", ">=", "Tasklist", "Cockpit", "Filter",
            "Filters", "Diagram", "ID", "ID*", "weekend", "Label", "Links", "Status", "Dashboard", "Camunda Cockpit",
            "Account", "Element", "Process engine", "Tenant", "Tenants", "Tenant: ID", "Incident : ID", "Cases", "case",
            // the plural ending Cockpit appends to a count ("instance" + "s"), which Dutch words do not take
            "s");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void theDutchLocaleHasEveryLabelOfCamundasEnglishOne(String app) throws IOException {
        JsonNode english = read(APP + app + "/locales/en.json");
        JsonNode dutch = read(APP + app + "/locales/nl.json");
        List<String> missing = new ArrayList<>();
        english.path("labels").fieldNames().forEachRemaining(key -> {
            if (!dutch.path("labels").has(key)) {
                missing.add(key);
            }
        });
        assertThat(missing).as("labels missing in %s/locales/nl.json", app).isEmpty();
        // Dutch whatever the browser's language (homepair/webapps.js picks it), English one click away
        assertThat(read(APP + app + "/scripts/config.js", true)).contains("availableLocales: ['nl', 'en']", "fallbackLocale: 'nl'",
                "ngDeps: ['homepair.webapps'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyLabelIsDutch(String app) throws IOException {
        JsonNode english = read(APP + app + "/locales/en.json");
        JsonNode dutch = read(APP + app + "/locales/nl.json");
        List<String> untranslated = new ArrayList<>();
        english.path("labels").fields().forEachRemaining(label -> {
            String text = dutch.path("labels").path(label.getKey()).asText();
            if (text.equals(label.getValue().asText()) && !SAME_IN_DUTCH.contains(text)) {
                untranslated.add(label.getKey() + " = " + text);
            }
        });
        assertThat(untranslated).as("labels of %s still in English", app).isEmpty();
        if (english.has("dateLocales")) {
            assertThat(dutch.path("dateLocales").path("longDateFormat").path("L").asText()).isEqualTo("DD-MM-YYYY");
        }
    }

    /** Labels the project rewrote on purpose: the end-of-life banner without its link, our own first-login hint. */
    private static final Set<String> OWN_WORDS = Set.of("BANNER_CE_EOL_TEXT", "FIRST_LOGIN_INFO");

    /** A placeholder or tag lost in translation shows raw text or nothing where a value belongs. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyTranslationKeepsThePlaceholdersAndTagsOfItsEnglishLabel(String app) throws IOException {
        JsonNode english = read(APP + app + "/locales/en.json");
        JsonNode dutch = read(APP + app + "/locales/nl.json");
        java.util.regex.Pattern markers = java.util.regex.Pattern.compile("\\{\\{[^}]*}}|\\{}|</?(a|b|br|code|div|em|i|li|p|span|strong|u|ul)\\b[^>]*>");
        List<String> broken = new ArrayList<>();
        english.path("labels").fields().forEachRemaining(label -> {
            String text = dutch.path("labels").path(label.getKey()).asText();
            if (!OWN_WORDS.contains(label.getKey()) && !markersOf(markers, label.getValue().asText()).equals(markersOf(markers, text))) {
                broken.add(label.getKey() + " = " + text);
            }
        });
        assertThat(broken).isEmpty();
    }

    private static List<String> markersOf(java.util.regex.Pattern markers, String text) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher matcher = markers.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().replace(" ", ""));
        }
        java.util.Collections.sort(found);
        return found;
    }

    @org.junit.jupiter.api.Test
    void everyCustomScriptThatTasklistLoadsExists() throws IOException {
        String config = read(APP + "tasklist/scripts/config.js", true);
        java.util.regex.Matcher scripts = java.util.regex.Pattern.compile("customScripts:\\s*\\[([^\\]]*)\\]").matcher(config);
        assertThat(scripts.find()).isTrue();
        for (String script : scripts.group(1).split(",")) {
            String name = script.strip().replace("'", "");
            if (!name.isEmpty()) {
                assertThat(getClass().getClassLoader().getResource(APP + "tasklist/" + name + ".js")).as(name).isNotNull();
            }
        }
    }

    /** A module named in requireJsConfig that is missing stops the whole app at its spinner. */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyAngularModuleThatAnAppLoadsExists(String app) throws IOException {
        String config = read(APP + app + "/scripts/config.js", true);
        java.util.regex.Matcher paths = java.util.regex.Pattern.compile("paths:\\s*\\{([^}]*)}").matcher(config);
        assertThat(paths.find()).isTrue();
        for (String path : paths.group(1).split(",")) {
            String file = path.substring(path.indexOf(':') + 1).strip().replace("'", "");
            String resource = java.net.URI.create("http://app/" + APP + app + "/" + file + ".js").normalize().getPath().substring(1);
            assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
        }
    }

    private static JsonNode read(String resource) throws IOException {
        return new ObjectMapper().readTree(read(resource, true).replace("\uFEFF", ""));
    }

    private static String read(String resource, boolean text) throws IOException {
        try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
