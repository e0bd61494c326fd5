package io.ueledger.ops.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.account.AccountCommands;
import io.ueledger.command.account.AccountDirectory;
import io.ueledger.kernel.account.ManagedAppleAccountId;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/** The account admin API over HTTP against the real application and PostgreSQL. */
class ManagedAppleAccountAdminIT extends IntegrationTest {

    static final String ACCOUNTS = "/api/admin/accounts";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccountDirectory directory;
    @Autowired
    AccountCommands accountCommands;
    @Autowired
    EventProcessingConfiguration processing;

    final String tag = UUID.randomUUID().toString().substring(0, 8);

    String address(String user) {
        return user + "-" + tag + "@corp.example";
    }

    // ---- create --------------------------------------------------------------------------------

    @Test
    void an_admin_creates_an_account_and_finds_it_in_the_list() {
        ResponseEntity<JsonNode> created = create("Ada-" + tag + "@Corp.Example", "Ada Lovelace");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation().getPath()).isEqualTo(ACCOUNTS + "/" + address("ada"));
        assertThat(created.getBody().get("email").asText()).isEqualTo(address("ada"));
        assertThat(created.getBody().get("origin").asText()).isEqualTo("MANUAL");
        assertThat(created.getBody().get("active").asBoolean()).isTrue();
        assertThat(directory.findByEmail(address("ada"))).hasValueSatisfying(e -> assertThat(e.active()).isTrue());

        JsonNode list = awaitList("?address=" + tag, 1);
        assertThat(list.get("items").get(0).get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(list.get("items").get(0).get("createdBy").asText()).isEqualTo("admin");
        assertThat(asAdmin().getForEntity(ACCOUNTS + "/" + address("ada").toUpperCase(), JsonNode.class).getBody()
                .get("origin").asText()).isEqualTo("MANUAL");
    }

    @Test
    void creating_the_same_address_twice_is_a_conflict_and_records_nothing_more() {
        create(address("bob"), "Bob");

        ResponseEntity<JsonNode> again = create(address("BOB"), "Bobby");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(again.getBody().get("detail").asText()).contains("'" + address("bob") + "' already exists");
        assertThat(eventsOf(address("bob"))).isEqualTo(1);
        assertThat(directory.findByEmail(address("bob")).orElseThrow().displayName()).isEqualTo("Bob");
    }

    @Test
    void invalid_addresses_and_foreign_domains_are_refused_and_change_nothing() {
        ResponseEntity<JsonNode> invalid = create("not-an-address-" + tag, "Nobody");
        ResponseEntity<JsonNode> foreign = create("eve-" + tag + "@elsewhere.example", "Eve");
        ResponseEntity<JsonNode> nameless = create(address("noname"), " ");

        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().get("detail").asText()).contains("is not of the form user@domain");
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(foreign.getBody().get("detail").asText()).contains("not in the organisation's domains");
        assertThat(nameless.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nameless.getBody().get("detail").asText()).contains("display name is required");
        assertThat(eventsOf("eve-" + tag + "@elsewhere.example") + eventsOf(address("noname"))).isZero();
    }

    // ---- deactivate ----------------------------------------------------------------------------

    @Test
    void a_deactivated_account_is_inactive_in_the_directory_at_once_and_in_the_list_soon() {
        create(address("cy"), "Cy");

        ResponseEntity<JsonNode> deactivated = deactivate(address("cy"), "left the company");

        assertThat(deactivated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deactivated.getBody().get("active").asBoolean()).isFalse();
        assertThat(directory.findByEmail(address("cy"))).hasValueSatisfying(e -> assertThat(e.active()).isFalse());
        assertThat(processing.eventProcessor("account-directory", EventProcessor.class))
                .containsInstanceOf(SubscribingEventProcessor.class);
        JsonNode inactive = awaitList("?active=false&address=" + tag, 1);
        assertThat(inactive.get("items").get(0).get("statusReason").asText()).isEqualTo("left the company");
        assertThat(inactive.get("items").get(0).get("statusChangedBy").asText()).isEqualTo("admin");
        assertThat(asAdmin().getForEntity(ACCOUNTS + "?active=true&address=" + tag, JsonNode.class).getBody()
                .get("total").asInt()).isZero();

        ResponseEntity<JsonNode> twice = deactivate(address("cy"), "again");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().get("detail").asText()).contains("already deactivated");
        assertThat(eventsOf(address("cy"))).isEqualTo(2);
    }

    @Test
    void deactivating_without_a_reason_or_an_unknown_account_is_refused() {
        create(address("dee"), "Dee");

        assertThat(deactivate(address("dee"), "").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> unknown = deactivate(address("nobody"), "gone");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asText()).contains("no Managed Apple Account '"
                + address("nobody") + "'");
        assertThat(directory.findByEmail(address("dee")).orElseThrow().active()).isTrue();
        assertThat(asAdmin().getForEntity(ACCOUNTS + "/" + address("nobody"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    // ---- CSV import ----------------------------------------------------------------------------

    @Test
    void a_good_file_is_imported_and_importing_it_again_records_no_new_events() {
        String file = "email,display_name\n" + IntStream.range(0, 20)
                .mapToObj(i -> address("user" + i) + ",User " + i).collect(Collectors.joining("\n")) + "\n";

        ResponseEntity<JsonNode> first = importCsv(file);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().get("created").asInt()).isEqualTo(20);
        assertThat(first.getBody().get("unchanged").asInt()).isZero();
        assertThat(first.getBody().get("errors")).isEmpty();
        assertThat(directory.findByEmail(address("user7")).orElseThrow().origin()).isEqualTo("CSV_IMPORT");
        JsonNode list = awaitList("?address=" + tag + "&size=5&page=1", 20);
        assertThat(list.get("items")).hasSize(5);
        assertThat(list.get("items").get(0).get("origin").asText()).isEqualTo("CSV_IMPORT");
        long events = eventsOf(IntStream.range(0, 20).mapToObj(i -> address("user" + i)).toList());
        assertThat(events).isEqualTo(20);

        ResponseEntity<JsonNode> again = importCsv(file);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("created").asInt()).isZero();
        assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(20);
        assertThat(eventsOf(IntStream.range(0, 20).mapToObj(i -> address("user" + i)).toList())).isEqualTo(20);
    }

    @Test
    void a_file_can_also_be_uploaded_as_a_form_field() {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new ByteArrayResource(("email,display_name\n" + address("upload") + ",Up Load\n").getBytes()) {
            @Override
            public String getFilename() {
                return "accounts.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<JsonNode> response = asAdmin().postForEntity(ACCOUNTS + "/import",
                new HttpEntity<>(form, headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(directory.findByEmail(address("upload"))).isPresent();
    }

    @Test
    void a_bad_file_is_refused_whole_with_every_bad_line_and_imports_nothing() {
        create(address("existing"), "Existing Person");
        String file = "email,display_name\n"
                + address("good1") + ",Good One\n"                 // line 2: fine
                + "not-an-address,Nobody\n"                        // line 3
                + address("good2") + ",\n"                         // line 4: no display name
                + "mallory-" + tag + "@elsewhere.example,Mal\n"    // line 5: foreign domain
                + address("GOOD1") + ",Good Again\n"               // line 6: duplicate of line 2
                + address("existing") + ",Another Name\n";         // line 7: would rename

        ResponseEntity<JsonNode> response = importCsv(file);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("5 bad line(s); nothing was imported");
        Map<Integer, String> reasons = new java.util.TreeMap<>();
        response.getBody().get("errors").forEach(e -> reasons.put(e.get("line").asInt(), e.get("reason").asText()));
        assertThat(reasons).containsOnlyKeys(3, 4, 5, 6, 7);
        assertThat(reasons.get(3)).contains("not of the form user@domain");
        assertThat(reasons.get(4)).contains("display name is empty");
        assertThat(reasons.get(5)).contains("not in the organisation's domains");
        assertThat(reasons.get(6)).contains("already on line 2");
        assertThat(reasons.get(7)).contains("already exists with display name 'Existing Person'");

        assertThat(eventsOf(List.of(address("good1"), address("good2"), "mallory-" + tag + "@elsewhere.example")))
                .isZero();
        assertThat(eventsOf(address("existing"))).isEqualTo(1);
        awaitList("?address=" + tag, 1); // the list shows the one account made by hand, nothing from the file
        assertThat(asAdmin().getForEntity(ACCOUNTS + "?address=good", JsonNode.class).getBody().get("items"))
                .noneMatch(item -> item.get("email").asText().contains(tag));
    }

    @Test
    void a_file_over_the_size_limit_is_refused() {
        String file = "email,display_name\n" + "x".repeat(5 * 1024 * 1024) + "\n";

        ResponseEntity<JsonNode> response = importCsv(file);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getBody().get("detail").asText()).contains("larger than 5MB");
    }

    // ---- federated sign-in ---------------------------------------------------------------------

    @Test
    void a_first_federated_sign_in_creates_the_account_once_without_recording_the_subject() {
        String subject = "idp-subject-" + tag;

        AccountDirectory.Entry first = accountCommands.ensureFederatedAccount(address("fed"), "Fed Erated", subject);
        AccountDirectory.Entry second = accountCommands.ensureFederatedAccount(address("FED"), "Other", subject);

        assertThat(first.origin()).isEqualTo("FEDERATED");
        assertThat(second).isEqualTo(first);
        assertThat(eventsOf(address("fed"))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? "
                + "and convert_from(payload, 'UTF8') like ?", Long.class,
                ManagedAppleAccountId.forAddress(address("fed")), "%" + subject + "%")).isZero();
    }

    // ---- who may call --------------------------------------------------------------------------

    @Test
    void only_admins_may_use_the_account_api() {
        assertThat(asCompliance().getForEntity(ACCOUNTS, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asCompliance().postForEntity(ACCOUNTS, json(Map.of("email", address("sneaky"), "displayName", "S")),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity(ACCOUNTS, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity(ACCOUNTS, json(Map.of("email", address("anon"), "displayName", "A")),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(eventsOf(List.of(address("sneaky"), address("anon")))).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------

    ResponseEntity<JsonNode> create(String email, String displayName) {
        return asAdmin().postForEntity(ACCOUNTS, json(Map.of("email", email, "displayName", displayName)),
                JsonNode.class);
    }

    ResponseEntity<JsonNode> deactivate(String email, String reason) {
        return asAdmin().postForEntity(ACCOUNTS + "/" + email + "/deactivate", json(Map.of("reason", reason)),
                JsonNode.class);
    }

    ResponseEntity<JsonNode> importCsv(String file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return asAdmin().postForEntity(ACCOUNTS + "/import", new HttpEntity<>(file, headers), JsonNode.class);
    }

    static HttpEntity<Map<String, String>> json(Map<String, String> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** Waits for the tracking projection to show {@code total} accounts for the query. */
    JsonNode awaitList(String query, int total) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> asAdmin().getForEntity(ACCOUNTS + query, JsonNode.class).getBody(),
                body -> body != null && body.get("total").asInt() == total);
    }

    long eventsOf(String email) {
        return eventsOf(List.of(email));
    }

    long eventsOf(List<String> emails) {
        List<String> ids = emails.stream().map(ManagedAppleAccountId::forAddress).toList();
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = any (?)",
                Long.class, (Object) ids.toArray(String[]::new));
    }
}
