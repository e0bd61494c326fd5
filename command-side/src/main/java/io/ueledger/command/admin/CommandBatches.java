package io.ueledger.command.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindEnrollments;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Group commands. The enrollment registry only lists the candidates (enrolled devices matching the
 * selector); each device's decision is then made exactly as for a single command, by the policy on
 * its own platform and OS version and by its own enrollment, in the background. Progress lives in
 * {@code mdm_command_batch} and {@code mdm_command_batch_item}.
 */
@Service
public class CommandBatches {

    private static final Logger log = LoggerFactory.getLogger(CommandBatches.class);

    private final MdmCommandIssuer issuer;
    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TaskExecutor executor;
    private final Clock clock;

    public CommandBatches(MdmCommandIssuer issuer, QueryGateway queries, JdbcTemplate jdbc, ObjectMapper json,
                          @Qualifier(BatchConfig.EXECUTOR) TaskExecutor executor, Clock clock) {
        this.issuer = issuer;
        this.queries = queries;
        this.jdbc = jdbc;
        this.json = json;
        this.executor = executor;
        this.clock = clock;
    }

    public BatchProgress start(BatchRequest request, String requestedBy) {
        if (request == null || request.selector() == null || request.selector().isEmpty()) {
            throw new InvalidMdmCommand("a batch needs a 'selector': {\"all\": true}, or any of 'account', 'platform',"
                    + " 'osVersion'");
        }
        MdmCommandInput command = request.command();
        if (command == null || command.requestType() == null || command.requestType().isBlank()) {
            throw new InvalidMdmCommand("a batch needs a 'command' with a 'requestType'");
        }
        BatchSelector selector = request.selector();
        FindEnrollments firstPage = page(selector, 0);
        CommandArguments.checked(command.arguments());
        if ("InstallProfile".equals(command.requestType().trim())) {
            ProfileReader.read(command.payload()); // a bad profile is refused now, not once per device
        }
        String batchId = UUID.randomUUID().toString();
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("requestType", command.requestType());
        stored.put("arguments", command.arguments());
        stored.put("boundApps", command.boundApps());
        stored.put("hasPayload", command.payload() != null);
        jdbc.update("""
                insert into mdm_command_batch (batch_id, requested_by, request_type, selector, command, state, created_at)
                values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), 'RUNNING', ?)""",
                batchId, requestedBy, command.requestType().trim(), toJson(selector), toJson(stored),
                Timestamp.from(clock.instant()));
        log.info("Command batch {} ({}) started by {} for {}", batchId, command.requestType(), requestedBy, selector);
        executor.execute(() -> run(batchId, firstPage, selector, command, requestedBy));
        return progress(batchId);
    }

    private void run(String batchId, FindEnrollments firstPage, BatchSelector selector, MdmCommandInput command,
                     String requestedBy) {
        try {
            List<String> refs = candidates(firstPage, selector);
            jdbc.update("update mdm_command_batch set total = ? where batch_id = ?", refs.size(), batchId);
            for (String ref : refs) {
                sendOne(batchId, ref, command, requestedBy);
            }
            jdbc.update("update mdm_command_batch set state = 'DONE', finished_at = ? where batch_id = ?",
                    Timestamp.from(clock.instant()), batchId);
            log.info("Command batch {} done: {} enrollment(s)", batchId, refs.size());
        } catch (RuntimeException e) {
            log.warn("Command batch {} stopped: {}", batchId, e.toString());
            jdbc.update("update mdm_command_batch set state = 'FAILED', problem = ?, finished_at = ? where batch_id = ?",
                    String.valueOf(e.getMessage()), Timestamp.from(clock.instant()), batchId);
        }
    }

    private void sendOne(String batchId, String ref, MdmCommandInput command, String requestedBy) {
        String outcome;
        String commandUuid = null;
        String rule = null;
        String detail = null;
        try {
            MdmCommandAccepted accepted = issuer.issue(ref, command, requestedBy);
            outcome = "QUEUED";
            commandUuid = accepted.commandUuid();
            rule = accepted.rule();
            detail = accepted.narrowing();
        } catch (MdmCommandRefusal refusal) {
            outcome = "REFUSED";
            rule = refusal.rule();
            detail = refusal.reason();
        } catch (RuntimeException e) {
            // one device that cannot take the command (closed meanwhile, busy, ...) never stops the others
            outcome = "FAILED";
            detail = e.getMessage();
        }
        jdbc.update("""
                insert into mdm_command_batch_item (batch_id, enrollment_ref, outcome, command_uuid, rule, detail)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", batchId, ref, outcome, commandUuid, rule, detail);
    }

    private List<String> candidates(FindEnrollments first, BatchSelector selector) {
        List<String> refs = new ArrayList<>();
        FindEnrollments query = first;
        while (true) {
            EnrollmentPage page = queries.query(query, EnrollmentPage.class).join();
            page.items().stream().map(EnrollmentView::enrollmentRef).forEach(refs::add);
            if (page.items().size() < query.size() || refs.size() >= page.total()) {
                return refs;
            }
            query = page(selector, query.page() + 1);
        }
    }

    private static FindEnrollments page(BatchSelector selector, int page) {
        Platform platform;
        try {
            platform = selector.platform() == null || selector.platform().isBlank() ? null
                    : Platform.parse(selector.platform());
            return new FindEnrollments(EnrollmentStage.ENROLLED, platform, selector.account(), selector.osVersion(),
                    page, FindEnrollments.MAX_SIZE);
        } catch (IllegalArgumentException e) {
            throw new InvalidMdmCommand("selector: " + e.getMessage(), e);
        }
    }

    public BatchProgress progress(String batchId) {
        List<BatchProgress> found = jdbc.query("""
                select b.batch_id, b.request_type, b.requested_by, b.state, b.total, b.problem, b.created_at,
                       b.finished_at,
                       count(*) filter (where i.outcome = 'QUEUED') as queued,
                       count(*) filter (where i.outcome = 'REFUSED') as refused,
                       count(*) filter (where i.outcome = 'FAILED') as failed_to_queue,
                       count(*) filter (where i.result = 'ACKNOWLEDGED') as acknowledged,
                       count(*) filter (where i.result = 'FAILED') as failed,
                       count(*) filter (where i.outcome = 'QUEUED' and i.result is null) as outstanding
                from mdm_command_batch b left join mdm_command_batch_item i on i.batch_id = b.batch_id
                where b.batch_id = ?
                group by b.batch_id""", (rs, i) -> new BatchProgress(rs.getString("batch_id"),
                        rs.getString("request_type"), rs.getString("requested_by"), rs.getString("state"),
                        (Integer) rs.getObject("total"), rs.getInt("queued"), rs.getInt("refused"),
                        rs.getInt("failed_to_queue"), rs.getInt("acknowledged"), rs.getInt("failed"),
                        rs.getInt("outstanding"), rs.getString("problem"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant()),
                batchId);
        if (found.isEmpty()) {
            throw new UnknownBatch(batchId);
        }
        return found.get(0);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidMdmCommand("the batch cannot be stored: " + e.getOriginalMessage(), e);
        }
    }
}
