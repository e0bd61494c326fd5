package io.ueledger.ops.observability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/serverfacts} (admins only): what a benchmark must read from the server itself rather than
 * assume. The storage settings that decide durability, as PostgreSQL reports them; the process ids of the
 * server JVM and of its PostgreSQL postmaster (when its data folder is on this machine), so a load runner on
 * the same machine can read their CPU time from /proc; the pool sizes it runs with; heap after the last
 * collection; events stored; and each processor's lag.
 */
@Component
@Endpoint(id = "serverfacts")
public class ServerFactsEndpoint {

    static final List<String> STORAGE_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes",
            "wal_sync_method", "max_wal_size", "shared_buffers", "max_connections", "server_version");

    private final JdbcTemplate jdbc;
    private final ProcessorLag lag;
    private final ServerPools pools;

    ServerFactsEndpoint(JdbcTemplate jdbc, ProcessorLag lag, ServerPools pools) {
        this.jdbc = jdbc;
        this.lag = lag;
        this.pools = pools;
    }

    public record ServerFacts(long jvmPid, Long postgresPid, Map<String, String> storage, Map<String, Integer> pools,
                              long heapAfterGcBytes, long heapMaxBytes, long eventsStored,
                              Map<String, Long> processorLag) {
    }

    @ReadOperation
    public ServerFacts facts() {
        Map<String, String> storage = new LinkedHashMap<>();
        for (String setting : STORAGE_SETTINGS) {
            storage.put(setting, jdbc.queryForObject("SHOW " + setting, String.class));
        }
        Long events = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return new ServerFacts(ProcessHandle.current().pid(), postmasterPid(), storage, pools.sizes(), heapAfterGc(),
                Runtime.getRuntime().maxMemory(), events == null ? 0 : events, lag.all());
    }

    /** The first line of postmaster.pid in the data folder; null when the database is elsewhere or unreadable. */
    private Long postmasterPid() {
        try {
            String dataDirectory = jdbc.queryForObject("SHOW data_directory", String.class);
            Path pidFile = Path.of(dataDirectory, "postmaster.pid");
            if (!Files.isReadable(pidFile)) {
                return null;
            }
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return null; // not superuser, or another machine's folder: the CPU of PostgreSQL is then not measured
        }
    }

    /** Heap in use right after the last collection of each heap pool: the live set, without forcing a GC. */
    private static long heapAfterGc() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                bytes += afterGc.getUsed();
            }
        }
        return bytes;
    }
}
