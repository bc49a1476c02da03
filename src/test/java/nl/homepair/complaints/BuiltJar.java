package nl.homepair.complaints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The application's jar as {@code mvn package} built it, for the tests that run it as a process of its own. */
final class BuiltJar {

    private BuiltJar() {
    }

    /** The jar the system property names (Failsafe sets it in pom.xml), else the one in {@code target/}. */
    static Path path(String property) throws IOException {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("klachtenprocedure-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar in target/; run mvn package"))
                    .toAbsolutePath();
        }
    }
}
