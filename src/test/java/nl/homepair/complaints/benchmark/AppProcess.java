package nl.homepair.complaints.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One application as it runs in production: {@code java -jar} in its own process and
 * folder, started and stopped by the benchmark. Start-up is the time from launching the
 * JVM until the engine answers HTTP; memory is the process's resident set (VmRSS).
 */
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final long startupMillis;
    private final Process process;

    private AppProcess(String name, int port, Process process, long startupMillis) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startupMillis = startupMillis;
    }

    /** Starts {@code jar} in {@code folder} (its ./data and app.log land there) and waits until it answers. */
    static AppProcess start(String name, Path jar, Path folder, int port, List<String> arguments) throws Exception {
        return start(name, jar, List.of(), folder, port, arguments);
    }

    /** As {@link #start(String, Path, Path, int, List)}, with options for this JVM (e.g. its class data archive). */
    static AppProcess start(String name, Path jar, List<String> jvmArguments, Path folder, int port, List<String> arguments)
            throws Exception {
        Files.createDirectories(folder);
        List<String> command = java();
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
        command.addAll(arguments);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("app.log").toFile()).start();
        // an interrupted benchmark (Ctrl-C) leaves no application running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        URI ready = URI.create("http://localhost:" + port + "/engine-rest/engine");
        long deadline = started + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped during start-up, see " + folder.resolve("app.log"));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new AppProcess(name, port, process, (System.nanoTime() - started) / 1_000_000);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer within 3 minutes, see " + folder.resolve("app.log"));
    }

    /** The JVM command every application of the benchmark runs with: 1 GB of heap and {@code benchmark.jvmArgs}. */
    static List<String> java() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        // e.g. -XX:StartFlightRecording=filename=app.jfr to profile the nodes (written to their folder)
        Arrays.stream(System.getProperty("benchmark.jvmArgs", "").split("\\s+")).filter(a -> !a.isBlank()).forEach(command::add);
        return command;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Resident memory of the process in MB (Linux /proc). */
    long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** CPU time the process has used so far, user and system, in ms ({@link ProcCpu}). */
    long cpuMillis() throws IOException {
        return ProcCpu.millis(process.pid(), false);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
