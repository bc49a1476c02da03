package nl.homepair.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's table "Layout: where things live" says, for every feature package, which packages it uses: a newcomer
 * reads it to know what a change may reach. The table is compared with what the code uses (imports and fully qualified
 * names), both ways, so that it stays the truth.
 */
class LayoutTableTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/homepair/complaints");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|.*\\| ([^|]+) \\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([a-z]+)`");
    private static final Pattern USE = Pattern.compile("nl\\.homepair\\.complaints\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void theReadmesLayoutTableNamesWhatEachPackageUses() throws IOException {
        assertThat(listed()).isEqualTo(used());
    }

    private static Map<String, Set<String>> listed() throws IOException {
        Map<String, Set<String>> table = new TreeMap<>();
        boolean inLayout = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## ")) {
                inLayout = line.startsWith("## Layout");
            }
            Matcher row = ROW.matcher(line);
            if (inLayout && row.matches()) {
                Set<String> uses = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    uses.add(name.group(1));
                }
                table.put(row.group(1), uses);
            }
        }
        return table;
    }

    private static Map<String, Set<String>> used() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String feature = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Matcher use = USE.matcher(Files.readString(file));
                        while (use.find()) {
                            used.add(use.group(1));
                        }
                    }
                }
                used.remove(feature);
                uses.put(feature, used);
            }
        }
        return uses;
    }
}
