package io.ueledger.command.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ACME server's HTTP face (RFC 8555 section 7): directory, nonces, accounts, orders,
 * authorizations, challenges, finalize and certificate download. Every answer carries a fresh
 * Replay-Nonce and the directory link; refusals are problem documents with an ACME error type.
 */
@RestController
@RequestMapping("${ueledger.acme.path:/acme}")
public class AcmeController {

    private static final Logger log = LoggerFactory.getLogger(AcmeController.class);
    private static final MediaType PROBLEM = MediaType.parseMediaType("application/problem+json");
    private static final MediaType PEM_CHAIN = MediaType.parseMediaType("application/pem-certificate-chain");

    private final AcmeJws jws;
    private final AcmeNonces nonces;
    private final AcmeAccounts accounts;
    private final AcmeFlow flow;
    private final AcmeUrls urls;
    private final ObjectMapper json;
    private final java.time.Clock clock;

    public AcmeController(AcmeJws jws, AcmeNonces nonces, AcmeAccounts accounts, AcmeFlow flow, AcmeUrls urls,
                          ObjectMapper json, java.time.Clock clock) {
        this.clock = clock;
        this.jws = jws;
        this.nonces = nonces;
        this.accounts = accounts;
        this.flow = flow;
        this.urls = urls;
        this.json = json;
    }

    @GetMapping("/directory")
    public ResponseEntity<JsonNode> directory() {
        ObjectNode directory = json.createObjectNode();
        directory.put("newNonce", urls.newNonce());
        directory.put("newAccount", urls.newAccount());
        directory.put("newOrder", urls.newOrder());
        directory.putObject("meta").put("externalAccountRequired", false);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(directory);
    }

    @RequestMapping(path = "/new-nonce", method = {RequestMethod.HEAD, RequestMethod.GET})
    public ResponseEntity<Void> newNonce(jakarta.servlet.http.HttpServletRequest request) {
        HttpStatus status = "HEAD".equals(request.getMethod()) ? HttpStatus.OK : HttpStatus.NO_CONTENT;
        return ResponseEntity.status(status).headers(common()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @PostMapping("/new-account")
    public ResponseEntity<JsonNode> newAccount(@RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.newAccount(), AcmeJws.KeyBy.JWK);
        Optional<AcmeAccounts.Account> existing = request.account();
        if (existing.isPresent()) {
            return answer(HttpStatus.OK, accountJson(existing.get()), urls.account(existing.get().id()));
        }
        if (request.payload().path("onlyReturnExisting").asBoolean(false)) {
            throw new AcmeProblem("accountDoesNotExist", HttpStatus.BAD_REQUEST, "no account with this key");
        }
        JsonNode contact = request.payload().path("contact");
        AcmeAccounts.Account account = accounts.create(request.key(),
                contact.isArray() ? contact.toString() : "[]");
        log.info("ACME: account {} created", account.id());
        return answer(HttpStatus.CREATED, accountJson(account), urls.account(account.id()));
    }

    @PostMapping("/account/{id}")
    public ResponseEntity<JsonNode> account(@PathVariable String id, @RequestBody byte[] body) {
        AcmeAccounts.Account account = jws.verify(body, urls.account(id), AcmeJws.KeyBy.KID).requireAccount();
        if (!account.id().equals(id)) {
            throw AcmeProblem.unauthorized("an account can only read itself");
        }
        return answer(HttpStatus.OK, accountJson(account), null);
    }

    @PostMapping("/new-order")
    public ResponseEntity<JsonNode> newOrder(@RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.newOrder(), AcmeJws.KeyBy.KID);
        AcmeOrders.Order order = flow.newOrder(request.requireAccount(), request.payload());
        return answer(HttpStatus.CREATED, orderJson(order), urls.order(order.id()));
    }

    @PostMapping("/order/{id}")
    public ResponseEntity<JsonNode> order(@PathVariable String id, @RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.order(id), AcmeJws.KeyBy.KID);
        return answer(HttpStatus.OK, orderJson(flow.ownedOrder(request.requireAccount(), id)), null);
    }

    @PostMapping("/authz/{id}")
    public ResponseEntity<JsonNode> authorization(@PathVariable String id, @RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.authorization(id), AcmeJws.KeyBy.KID);
        AcmeOrders.Order order = flow.ownedOrder(request.requireAccount(), id);
        ObjectNode authz = json.createObjectNode();
        authz.put("status", expired(order) && !"valid".equals(order.authzStatus()) ? "expired" : order.authzStatus());
        authz.put("expires", order.expiresAt().toString());
        authz.putObject("identifier").put("type", order.identifierType()).put("value", order.identifierValue());
        ArrayNode challenges = authz.putArray("challenges");
        flow.challengesOf(order).forEach(challenge -> challenges.add(challengeJson(challenge)));
        return answer(HttpStatus.OK, authz, null);
    }

    @PostMapping("/chall/{id}/{type}")
    public ResponseEntity<JsonNode> challenge(@PathVariable String id, @PathVariable String type,
                                              @RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.challenge(id, type), AcmeJws.KeyBy.KID);
        AcmeOrders.Challenge challenge = flow.respond(request.requireAccount(), id, type, request.payload(),
                AcmeAccounts.thumbprint(request.key()));
        return ResponseEntity.ok().headers(common())
                .header(HttpHeaders.LINK, "<" + urls.authorization(id) + ">;rel=\"up\"")
                .contentType(MediaType.APPLICATION_JSON).body(challengeJson(challenge));
    }

    @PostMapping("/order/{id}/finalize")
    public ResponseEntity<JsonNode> finalizeOrder(@PathVariable String id, @RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.finalizeOrder(id), AcmeJws.KeyBy.KID);
        AcmeOrders.Order order = flow.finalizeOrder(request.requireAccount(), id, request.payload());
        return answer(HttpStatus.OK, orderJson(order), urls.order(id));
    }

    @PostMapping("/cert/{id}")
    public ResponseEntity<String> certificate(@PathVariable String id, @RequestBody byte[] body) {
        AcmeJws.Verified request = jws.verify(body, urls.certificate(id), AcmeJws.KeyBy.KID);
        AcmeOrders.Order order = flow.ownedOrder(request.requireAccount(), id);
        if (order.certificateChain() == null) {
            throw AcmeProblem.notFound("order " + id + " has no certificate yet");
        }
        return ResponseEntity.ok().headers(common()).contentType(PEM_CHAIN).body(order.certificateChain());
    }

    @ExceptionHandler(AcmeProblem.class)
    public ResponseEntity<JsonNode> problem(AcmeProblem problem) {
        log.info("ACME: refused ({}): {}", problem.type(), problem.getMessage());
        ObjectNode document = json.createObjectNode();
        document.put("type", problem.type());
        document.put("detail", problem.getMessage());
        document.put("status", problem.status().value());
        return ResponseEntity.status(problem.status()).headers(common()).contentType(PROBLEM).body(document);
    }

    private ResponseEntity<JsonNode> answer(HttpStatus status, JsonNode body, String location) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).headers(common())
                .contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        return builder.body(body);
    }

    private HttpHeaders common() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Replay-Nonce", nonces.issue());
        headers.add(HttpHeaders.LINK, "<" + urls.directory() + ">;rel=\"index\"");
        return headers;
    }

    private JsonNode accountJson(AcmeAccounts.Account account) {
        ObjectNode node = json.createObjectNode();
        node.put("status", "valid");
        try {
            node.set("contact", json.readTree(account.contactJson()));
        } catch (java.io.IOException e) {
            node.putArray("contact");
        }
        node.put("orders", urls.account(account.id()) + "/orders");
        return node;
    }

    private JsonNode orderJson(AcmeOrders.Order order) {
        ObjectNode node = json.createObjectNode();
        node.put("status", expired(order) && !"valid".equals(order.status()) ? "invalid" : order.status());
        node.put("expires", order.expiresAt().toString());
        node.putArray("identifiers").addObject().put("type", order.identifierType())
                .put("value", order.identifierValue());
        node.putArray("authorizations").add(urls.authorization(order.id()));
        node.put("finalize", urls.finalizeOrder(order.id()));
        if (order.certificateChain() != null) {
            node.put("certificate", urls.certificate(order.id()));
        }
        return node;
    }

    private JsonNode challengeJson(AcmeOrders.Challenge challenge) {
        ObjectNode node = json.createObjectNode();
        node.put("type", challenge.type());
        node.put("url", urls.challenge(challenge.orderId(), challenge.type()));
        node.put("status", challenge.status());
        node.put("token", challenge.token());
        if (challenge.validatedAt() != null) {
            node.put("validated", challenge.validatedAt().toString());
        }
        return node;
    }

    private boolean expired(AcmeOrders.Order order) {
        return !clock.instant().isBefore(order.expiresAt());
    }
}
