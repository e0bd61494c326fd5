package io.ueledger.ops.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the server under test as Linux accounts it in /proc: the server JVM (all its threads) plus
 * its PostgreSQL postmaster, the postmaster's children still running (backends, WAL writer, checkpointer,
 * ...) and the children it has already reaped. Read at the start and end of a phase, the difference is
 * what the server spent on it, whoever else shares the machine.
 */
public final class ServerCpu {

    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux build the JVM runs on here. */
    private static final long TICKS_PER_SECOND = 100;

    private final long jvmPid;
    private final Long postgresPid;

    public ServerCpu(long jvmPid, Long postgresPid) {
        this.jvmPid = jvmPid;
        this.postgresPid = postgresPid;
    }

    /** Whether the server's processes can be seen from here (same machine, /proc readable). */
    public boolean measurable() {
        return Files.isReadable(PROC.resolve(Long.toString(jvmPid)).resolve("stat"));
    }

    public boolean postgresMeasured() {
        return postgresPid != null && Files.isReadable(PROC.resolve(Long.toString(postgresPid)).resolve("stat"));
    }

    /** CPU milliseconds of the server JVM so far; -1 when not measurable. */
    public long jvmMillis() {
        long[] times = stat(jvmPid);
        return times == null ? -1 : ticksToMillis(times[0] + times[1]);
    }

    /** CPU milliseconds of the PostgreSQL processes so far; -1 when not measurable. */
    public long postgresMillis() {
        if (postgresPid == null) {
            return -1;
        }
        long[] postmaster = stat(postgresPid);
        if (postmaster == null) {
            return -1;
        }
        long ticks = postmaster[0] + postmaster[1] + postmaster[2] + postmaster[3];
        try (Stream<Path> processes = Files.list(PROC)) {
            ticks += processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        long[] child = stat(Long.parseLong(p.getFileName().toString()));
                        return child != null && child[4] == postgresPid ? child[0] + child[1] : 0;
                    }).sum();
        } catch (IOException e) {
            return -1;
        }
        return ticksToMillis(ticks);
    }

    /** utime, stime, cutime, cstime, ppid of a process (in ticks); null when it is gone or not readable. */
    public static long[] stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14]), Long.parseLong(fields[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksToMillis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
