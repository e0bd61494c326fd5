package io.ueledger.command.shredding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

class JdbcDataKeyStoreTest {

    private static final String READ = "select enrollment_ref, key from enrollment_data_key where enrollment_ref = any(?)";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final JdbcDataKeyStore keys = new JdbcDataKeyStore(jdbc, Clock.systemUTC());

    @Test
    void a_processor_batch_reads_the_keys_of_all_its_enrollments_with_the_first_one_asked_for() throws Exception {
        storedKeys(Map.of("enr-1", new byte[32], "enr-2", new byte[32]));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                event("enr-1", 0), event("enr-2", 0), event("account-7", 0), event("enr-1", 1)));
        batch.start();

        assertThat(keys.find("enr-2")).isPresent();
        assertThat(keys.find("enr-1")).isPresent();
        assertThat(keys.find("account-7")).isEmpty();
        batch.commit();

        ArgumentCaptor<Object> refs = ArgumentCaptor.forClass(Object.class);
        verify(jdbc, times(1)).query(eq(READ), any(RowCallbackHandler.class), refs.capture());
        assertThat((String[]) refs.getValue()).containsExactly("enr-2", "enr-1", "account-7");
    }

    @Test
    void an_enrollment_outside_the_batch_is_read_on_its_own_and_then_remembered() throws Exception {
        storedKeys(Map.of("enr-9", new byte[32]));
        DefaultUnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);

        assertThat(keys.find("enr-9")).isPresent();
        assertThat(keys.find("enr-9")).isPresent();
        assertThat(keys.find("enr-8")).isEmpty();
        command.commit();

        ArgumentCaptor<Object> refs = ArgumentCaptor.forClass(Object.class);
        verify(jdbc, times(2)).query(eq(READ), any(RowCallbackHandler.class), refs.capture());
        assertThat(refs.getAllValues()).containsExactly(new String[] {"enr-9"}, new String[] {"enr-8"});
    }

    /** The table holds these keys: the read query answers the requested ones among them. */
    private void storedKeys(Map<String, byte[]> stored) {
        doAnswer(invocation -> {
            RowCallbackHandler rows = invocation.getArgument(1);
            for (String ref : (String[]) invocation.getArgument(2)) {
                if (stored.containsKey(ref)) {
                    ResultSet row = mock(ResultSet.class);
                    when(row.getString(1)).thenReturn(ref);
                    when(row.getBytes(2)).thenReturn(stored.get(ref));
                    rows.processRow(row);
                }
            }
            return null;
        }).when(jdbc).query(anyString(), any(RowCallbackHandler.class), any(Object.class));
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("DeviceEnrollment", aggregate, sequence, "payload");
    }
}
