package io.ueledger.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.policy.CapabilityMatrix;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

class ComplianceEvidenceProjectionTest {

    private static final Instant T0 = Instant.parse("2025-05-01T09:00:00Z");
    private static final String LIMITED_OUTSIDE_MACOS = "InstalledApplicationList";
    private static final String PLATFORM_QUERY = "select platform from compliance_enrollment where enrollment_ref = ?";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final ComplianceEvidenceProjection projection = new ComplianceEvidenceProjection(jdbc, new ObjectMapper());
    private final EvidenceLines lines = new EvidenceLines(CapabilityMatrix.standard());

    @Test
    void a_command_queued_in_the_batch_that_reported_the_platform_is_judged_for_that_platform_without_a_read() {
        when(jdbc.batchUpdate(eq(ComplianceEnrollmentRows.INSERT), any(BatchPreparedStatementSetter.class)))
                .thenReturn(new int[] {1});
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(requested("mac-1", Platform.MACOS), message("mac-1", 0));
        projection.on(queued("mac-1", "cmd-1"), message("mac-1", 1));
        batch.commit();

        verify(jdbc, never()).queryForList(eq(PLATFORM_QUERY), eq(String.class), any());
        assertThat(limitedLinesWritten(1)).containsOnly(textArray(lines.limitedBy(LIMITED_OUTSIDE_MACOS, Platform.MACOS)));
    }

    @Test
    void commands_queued_for_an_enrollment_that_reported_nothing_in_the_batch_read_its_platform_from_the_view_once() {
        when(jdbc.queryForList(PLATFORM_QUERY, String.class, "mac-2")).thenReturn(List.of("MACOS"));
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(queued("mac-2", "cmd-1"), message("mac-2", 7));
        projection.on(queued("mac-2", "cmd-2"), message("mac-2", 8));
        batch.commit();

        verify(jdbc).queryForList(PLATFORM_QUERY, String.class, "mac-2");
        assertThat(limitedLinesWritten(2)).containsOnly(textArray(lines.limitedBy(LIMITED_OUTSIDE_MACOS, Platform.MACOS)));
    }

    @Test
    void the_platform_decides_the_lines_this_test_looks_at() {
        assertThat(lines.limitedBy(LIMITED_OUTSIDE_MACOS, Platform.MACOS))
                .isNotEqualTo(lines.limitedBy(LIMITED_OUTSIDE_MACOS, Platform.IOS));
    }

    /** The limited_line_ids of the evidence rows written (each statement's last parameter). */
    private List<String> limitedLinesWritten(int rowsExpected) {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Object[]>> rows = ArgumentCaptor.forClass(List.class);
        String insert = evidenceInsert();
        verify(jdbc).batchUpdate(eq(insert), rows.capture());
        assertThat(rows.getValue()).hasSize(rowsExpected);
        return rows.getValue().stream().map(row -> (String) row[row.length - 1]).toList();
    }

    private String evidenceInsert() {
        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(jdbc, atLeastOnce()).batchUpdate(sql.capture(), anyList());
        return sql.getAllValues().stream().filter(text -> text.contains("insert into compliance_evidence"))
                .findFirst().orElseThrow();
    }

    private static EnrollmentRequested requested(String ref, Platform platform) {
        return new EnrollmentRequested(ref, "corp.example", "Mac", platform, "Mac15,3", "15.1", "24B83", "en",
                "CN=device", "digest", T0);
    }

    private static MdmCommandQueued queued(String ref, String commandUuid) {
        return new MdmCommandQueued(ref, commandUuid, LIMITED_OUTSIDE_MACOS, Channel.DEVICE, null, "digest", "admin", null,
                T0.plusSeconds(60));
    }

    private static GenericDomainEventMessage<Object> message(String ref, long sequence) {
        return new GenericDomainEventMessage<>("DeviceEnrollment", ref, sequence, "payload");
    }

    private static String textArray(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }
}
