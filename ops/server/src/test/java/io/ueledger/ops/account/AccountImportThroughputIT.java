package io.ueledger.ops.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.ops.support.IntegrationTest;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How long a large account import takes (opt-in: {@code -Dueledger.bench=true}, optionally
 * {@code -Dueledger.bench.rows=50000}); docs/operators/accounts.md quotes its figures.
 */
@EnabledIfSystemProperty(named = "ueledger.bench", matches = "true")
class AccountImportThroughputIT extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(AccountImportThroughputIT.class);

    @Test
    void a_large_file_is_imported_and_reimported() {
        int rows = Integer.getInteger("ueledger.bench.rows", 10_000);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String file = "email,display_name\n" + IntStream.range(0, rows)
                .mapToObj(i -> "bench" + i + "-" + tag + "@corp.example,Bench User " + i)
                .collect(Collectors.joining("\n")) + "\n";

        long start = System.nanoTime();
        ResponseEntity<JsonNode> first = post(file);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        ResponseEntity<JsonNode> again = post(file);
        double againSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().get("created").asInt()).isEqualTo(rows);
        assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(rows);
        log.info("BENCH account import: {} rows ({} KB) created in {} s ({} rows/s); re-import {} s ({} rows/s)",
                rows, file.length() / 1024, String.format("%.1f", firstSeconds),
                Math.round(rows / firstSeconds), String.format("%.1f", againSeconds),
                Math.round(rows / againSeconds));
    }

    private ResponseEntity<JsonNode> post(String file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return asAdmin().postForEntity("/api/admin/accounts/import", new HttpEntity<>(file, headers), JsonNode.class);
    }
}
