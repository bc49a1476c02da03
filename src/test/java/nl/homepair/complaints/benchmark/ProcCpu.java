package nl.homepair.complaints.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of processes from Linux /proc: on a machine shared with other work, the CPU a
 * step costs is a steadier figure than the wall time it took.
 */
final class ProcCpu {

    /** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
    private static final long TICKS = 100;

    private ProcCpu() {
    }

    /** User + system CPU of a process in ms; with {@code children}, also of its ended children it waited for. */
    static long millis(long pid, boolean children) throws IOException {
        String[] fields = fields(pid);
        if (fields == null) {
            return 0;
        }
        // fields after the command: state is index 0, utime 11, stime 12, cutime 13, cstime 14
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (children) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks * 1000 / TICKS;
    }

    /**
     * CPU of a PostgreSQL server in ms: its postmaster (found by the port on its command line),
     * the backends it ended, and those that still run.
     */
    static long postgresMillis(int port) throws IOException {
        long postmaster = -1;
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) all.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                String command = command(process);
                if (command.contains("postgres") && command.contains("-p\0" + port + "\0")) {
                    postmaster = Long.parseLong(process.getFileName().toString());
                    break;
                }
            }
        }
        if (postmaster < 0) {
            return -1;
        }
        long total = millis(postmaster, true);
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) all.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                long pid = Long.parseLong(process.getFileName().toString());
                String[] fields = fields(pid);
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    total += millis(pid, true);
                }
            }
        }
        return total;
    }

    private static String command(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8) + "\0";
        } catch (IOException e) {
            return "";
        }
    }

    /** The fields of /proc/PID/stat after the command (which may hold spaces), or null when the process ended. */
    private static String[] fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
