package io.ueledger.ops.simulator;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CmsSigning;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.plist.SafePlistParser;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import io.ueledger.ops.simulator.device.ProfileVerifier;
import io.ueledger.ops.simulator.device.ScepClientMessages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A user-enrolled iPhone, iPad, Mac or Vision Pro, speaking Apple's wire protocol to a ue-ledger
 * server: service discovery, the signed enrollment POST, the 401 challenge, the web sign-in through
 * the identity provider's real HTML forms, the session token, the signed profile (verified), SCEP,
 * Authenticate and TokenUpdate, then the command channel, executing commands against a simulated
 * managed state and sometimes answering NotNow.
 */
public class SimulatedDevice {

    private static final Pattern CHALLENGE_URL = Pattern.compile("url=\"([^\"]+)\"");
    private static final String CALLBACK = "apple-remotemanagement-user-login://authentication-results?access-token=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI server;
    private final DeviceSpec spec;
    private final Identity builtInIdentity;
    private final CertificateMaker maker;
    private final HttpClient http;
    private final RequestTimings timings;
    private final double notNowRate;
    private final ManagedState state = new ManagedState();
    /** CommandUUIDs whose result (Acknowledged or Error) the server answered with 200: what it promised to keep. */
    private final List<String> resultsAccepted = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The last command-channel exchanges, oldest first: what to show when a test finds something odd. */
    private final Deque<String> recentExchanges = new ConcurrentLinkedDeque<>();
    private final Supplier<KeyPair> scepKeys;

    private String enrollmentId;
    private String sessionToken;
    private String challenge;
    private AppleOAuth2Client oauth2;
    private AppleOAuth2Client.Tokens oauth2Tokens;
    private NSDictionary mdmPayload;
    private NSDictionary acmePayload;
    private io.ueledger.ops.simulator.device.DeviceAttestationAuthority attestationAuthority;
    private String enrollmentProfileIdentifier;
    private Identity mdmIdentity;
    private boolean enrolled;
    private int renewals;
    private byte[] lastPushToken;
    private String lastPushMagic;
    private DeclarativeAgent declarative = new DeclarativeAgent(this, 0.0, RANDOM);
    private DeclarativeAgent.SyncResult lastDeclarativeSync;
    private Runnable userReadsTheConsentPage = () -> { };

    /**
     * @param builtInIdentity the device's own identity, from the simulated device CA (Apple's, for a real device)
     * @param notNowRate      the share of commands first answered NotNow (0 to 1)
     */
    public SimulatedDevice(URI server, DeviceSpec spec, Identity builtInIdentity, CertificateMaker maker,
                           HttpClient http, RequestTimings timings, double notNowRate) {
        this(server, spec, builtInIdentity, maker, http, timings, notNowRate, CertificateMaker::newRsaKeyPair);
    }

    /**
     * @param scepKeys where the key for the SCEP request comes from: a fresh RSA key per device by default; a load run
     *                 may hand out pre-generated keys, as the key generation of a real fleet happens on the devices
     */
    public SimulatedDevice(URI server, DeviceSpec spec, Identity builtInIdentity, CertificateMaker maker,
                           HttpClient http, RequestTimings timings, double notNowRate, Supplier<KeyPair> scepKeys) {
        this.scepKeys = scepKeys;
        this.server = server;
        this.spec = spec;
        this.builtInIdentity = builtInIdentity;
        this.maker = maker;
        this.http = http;
        this.timings = timings;
        this.notNowRate = notNowRate;
    }

    public static SimulatedDevice create(URI server, DeviceSpec spec, Identity simulatedDeviceCa) {
        return create(server, spec, simulatedDeviceCa, Clock.systemUTC());
    }

    /** A device whose clock is {@code clock}: it signs and makes its SCEP request at that time, like the server's. */
    public static SimulatedDevice create(URI server, DeviceSpec spec, Identity simulatedDeviceCa, Clock clock) {
        CertificateMaker maker = new CertificateMaker(clock);
        return new SimulatedDevice(server, spec, DeviceRequestSigner.newDeviceIdentity(simulatedDeviceCa, maker), maker,
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), new RequestTimings(), 0.0);
    }

    public String enrollmentId() {
        return enrollmentId;
    }

    /** The CommandUUIDs of results this device reported and the server acknowledged with 200, in order. */
    public List<String> resultsAccepted() {
        return List.copyOf(resultsAccepted);
    }

    public ManagedState state() {
        return state;
    }

    /** The last command-channel exchanges (report sent, status, command delivered), oldest first. */
    public List<String> recentExchanges() {
        return List.copyOf(recentExchanges);
    }

    private void trace(NSDictionary report, String answer) {
        recentExchanges.addLast(Instant.now() + " " + string(report, "Status") + " "
                + Optional.ofNullable(string(report, "CommandUUID")).orElse("-") + " -> " + answer);
        while (recentExchanges.size() > 200) {
            recentExchanges.pollFirst();
        }
    }

    public DeviceSpec spec() {
        return spec;
    }

    /** The device's DDM client; it syncs by itself after a DeclarativeManagement command. */
    public DeclarativeAgent declarative() {
        return declarative;
    }

    /**
     * How often the device reports that it could not apply a configuration (0 to 1); a fresh DDM
     * client, as on a device that starts Declarative Device Management.
     */
    public void declarativeFailureRate(double rate) {
        declarative = new DeclarativeAgent(this, rate, RANDOM);
    }

    /** The outcome of the sync the last DeclarativeManagement command caused, or null. */
    public DeclarativeAgent.SyncResult lastDeclarativeSync() {
        return lastDeclarativeSync;
    }

    /** The identity certificate the device obtained by SCEP (null before), which the server knows it by. */
    public X509Certificate identityCertificate() {
        return mdmIdentity == null ? null : mdmIdentity.certificate();
    }

    public boolean isEnrolled() {
        return enrolled;
    }

    /** The APNs token the device sent in its last TokenUpdate (tests look for it after shredding). */
    public byte[] lastPushToken() {
        return lastPushToken == null ? null : lastPushToken.clone();
    }

    public String lastPushMagic() {
        return lastPushMagic;
    }

    /** The com.apple.mdm payload of the enrollment profile the device installed (Topic, UseDevelopmentAPNS, …). */
    public NSDictionary mdmPayload() {
        return mdmPayload;
    }

    public String enrollmentProfileIdentifier() {
        return enrollmentProfileIdentifier;
    }

    /**
     * What happens while the device owner reads the consent page, before "Continue to sign in": a
     * test moves the server's clock here to play a slow user.
     */
    public SimulatedDevice whileTheUserReadsTheConsentPage(Runnable pause) {
        this.userReadsTheConsentPage = pause;
        return this;
    }

    /** The {@code WWW-Authenticate} value of the enrollment 401 this device followed. */
    public String challenge() {
        return challenge;
    }

    /**
     * apple-oauth2 only: silently gets a new access token with the refresh token, as the device does
     * when its access token has expired, and sends the new one as Bearer from then on.
     */
    public void refreshAccessToken() {
        if (oauth2 == null) {
            throw new SimulationFailure("this device did not sign in with apple-oauth2, so it has no refresh token");
        }
        oauth2Tokens = oauth2.refresh(oauth2Tokens);
        sessionToken = oauth2Tokens.accessToken();
    }

    // ---- enrollment: stages 1 to 4, SCEP, check-in ------------------------------------------

    /** Runs the whole account-driven User Enrollment and the first check-in; afterwards the device is enrolled. */
    public void enroll() {
        URI baseUrl = discover();
        byte[] machineInfo = DeviceRequestSigner.sign(new MachineInfo(spec.language(), spec.product(), spec.build(),
                spec.osVersion(), null, null), builtInIdentity, maker.now());
        HttpResponse<byte[]> first = send("enroll", HttpRequest.newBuilder(baseUrl)
                .header("Content-Type", "application/pkcs7-signature")
                .header("User-Agent", "DeviceManagementClient/1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(machineInfo)));
        expect(first, 401, "the first enrollment POST");
        challenge = first.headers().firstValue("WWW-Authenticate")
                .orElseThrow(() -> new SimulationFailure("the 401 has no WWW-Authenticate challenge"));
        BearerChallenge bearer = BearerChallenge.parse(challenge);
        sessionToken = "apple-oauth2".equals(bearer.method()) ? signInWithOAuth2(bearer) : signIn(challenge);
        HttpResponse<byte[]> second = send("enroll", HttpRequest.newBuilder(baseUrl)
                .header("Content-Type", "application/pkcs7-signature")
                .header("Authorization", "Bearer " + sessionToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(machineInfo)));
        expect(second, 200, "the enrollment POST with the session token");
        X509Certificate ca = fetchCaCertificate();
        NSDictionary profile = ProfileVerifier.verify(second.body(), ca);
        readProfile(profile);
        if (acmePayload != null) {
            obtainIdentityOverAcme();
        } else {
            obtainIdentity(ca);
        }
        checkIn();
    }

    private URI discover() {
        String query = "user-identifier=" + encode(spec.userIdentifier()) + "&model-family=" + spec.modelFamily();
        HttpResponse<byte[]> response = send("discovery", HttpRequest.newBuilder(
                server.resolve("/.well-known/com.apple.remotemanagement?" + query)).GET());
        expect(response, 200, "service discovery");
        String json = new String(response.body(), StandardCharsets.UTF_8);
        Matcher baseUrl = Pattern.compile("\"BaseURL\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!json.contains("mdm-byod") || !baseUrl.find()) {
            throw new SimulationFailure("discovery did not offer an mdm-byod server: " + json);
        }
        return URI.create(baseUrl.group(1));
    }

    private static final Duration BUSY_SIGN_IN_PATIENCE = Duration.ofMinutes(2);

    private static boolean isBusyPage(HttpResponse<String> page) {
        return page.statusCode() == 200 && Browser.html(page).getElementById("busy") != null;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationFailure("interrupted while waiting to sign in again");
        }
    }

    /** The ASWebAuthenticationSession: open the challenge url, read the page, sign in, catch the callback. */
    private String signIn(String challenge) {
        Matcher url = CHALLENGE_URL.matcher(challenge);
        if (!challenge.startsWith("Bearer") || !challenge.contains("method=\"apple-as-web\"") || !url.find()) {
            throw new SimulationFailure("unexpected challenge: " + challenge);
        }
        Browser browser = new Browser();
        long started = System.nanoTime();
        HttpResponse<String> explained = browser.get(url.group(1) + "&user-identifier=" + encode(spec.userIdentifier()));
        userReadsTheConsentPage.run();
        HttpResponse<String> login = browser.follow(browser.submit(explained, "/enroll/login/continue", Map.of()));
        HttpResponse<String> last = browser.follow(browser.submit(login, "/idp/login",
                Map.of("username", spec.userIdentifier(), "password", spec.password())));
        // As a patient person would: when the provider says it is busy checking passwords (it sheds load when every
        // hashing slot stayed busy), wait a moment and sign in again, for up to two minutes.
        long giveUp = System.nanoTime() + BUSY_SIGN_IN_PATIENCE.toNanos();
        for (int attempt = 1; isBusyPage(last) && System.nanoTime() < giveUp; attempt++) {
            pause(Duration.ofSeconds(Math.min(attempt, 4)));
            last = browser.follow(browser.submit(last, "/idp/login",
                    Map.of("username", spec.userIdentifier(), "password", spec.password())));
        }
        timings.record("web sign-in", System.nanoTime() - started);
        String location = last.headers().firstValue("Location").orElse("");
        if (last.statusCode() / 100 != 3 || !location.startsWith(CALLBACK)) {
            throw new SimulationFailure("sign-in did not end at the device callback (status " + last.statusCode()
                    + "): " + Browser.html(last).text());
        }
        return location.substring(CALLBACK.length());
    }

    /** Apple's OAuth 2 method: authorization request, sign-in, 308 to the redirect URL, code exchange. */
    private String signInWithOAuth2(BearerChallenge bearer) {
        oauth2 = new AppleOAuth2Client(bearer, http);
        long started = System.nanoTime();
        oauth2Tokens = oauth2.signIn(spec.userIdentifier(), spec.password());
        timings.record("oauth2 sign-in", System.nanoTime() - started);
        return oauth2Tokens.accessToken();
    }

    private X509Certificate fetchCaCertificate() {
        HttpResponse<byte[]> response = send("scep", HttpRequest.newBuilder(
                server.resolve("/mdm/scep?operation=GetCACert")).GET());
        expect(response, 200, "SCEP GetCACert");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        } catch (Exception e) {
            throw new SimulationFailure("GetCACert did not return a certificate: " + e.getMessage());
        }
    }

    private void readProfile(NSDictionary profile) {
        enrollmentProfileIdentifier = profile.objectForKey("PayloadIdentifier").toJavaObject().toString();
        for (NSObject payload : ((NSArray) profile.objectForKey("PayloadContent")).getArray()) {
            NSDictionary dictionary = (NSDictionary) payload;
            String type = dictionary.objectForKey("PayloadType").toJavaObject().toString();
            if ("com.apple.mdm".equals(type)) {
                mdmPayload = dictionary;
                if (!"BYOD".equals(string(dictionary, "EnrollmentMode")) || dictionary.containsKey("AccessRights")) {
                    throw new SimulationFailure("not a User Enrollment profile: EnrollmentMode must be BYOD without "
                            + "AccessRights");
                }
            } else if ("com.apple.security.scep".equals(type)) {
                state.scepPayload = (NSDictionary) dictionary.objectForKey("PayloadContent");
            } else if ("com.apple.security.acme".equals(type)) {
                acmePayload = dictionary; // Apple's ACME payload has its keys at the top level
            }
        }
        if (mdmPayload == null || (state.scepPayload == null && acmePayload == null)) {
            throw new SimulationFailure("the profile lacks its com.apple.mdm payload or an identity payload (SCEP "
                    + "or ACME)");
        }
    }

    private void obtainIdentity(X509Certificate ca) {
        KeyPair keys = scepKeys.get();
        X500Name subject = ScepSubject.from(state.scepPayload.objectForKey("Subject"));
        ScepClientMessages.Request request = ScepClientMessages.pkcsReq(keys, subject,
                string(state.scepPayload, "Challenge"), ca, maker);
        HttpResponse<byte[]> response = send("scep", HttpRequest.newBuilder(
                        URI.create(string(state.scepPayload, "URL") + "?operation=PKIOperation"))
                .header("Content-Type", "application/x-pki-message")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.message())));
        expect(response, 200, "SCEP PKIOperation");
        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(response.body(), request, ca);
        if (!reply.isSuccess()) {
            throw new SimulationFailure("SCEP refused the request: " + reply.pkiStatus() + " " + reply.failInfo());
        }
        mdmIdentity = new Identity(keys.getPrivate(), List.of(reply.certificate(), ca));
    }

    /** The device's ACME client: the profile's ClientIdentifier, device-attest-01, the identity in its chain. */
    private void obtainIdentityOverAcme() {
        try {
            io.ueledger.ops.simulator.device.AcmeDeviceClient.Obtained obtained =
                    new io.ueledger.ops.simulator.device.AcmeDeviceClient(http, attestationAuthority).obtain(
                            string(acmePayload, "DirectoryURL"), string(acmePayload, "ClientIdentifier"),
                            ScepSubject.from(acmePayload.objectForKey("Subject")), maker.now());
            mdmIdentity = new Identity(obtained.key().getPrivate(), obtained.chain());
        } catch (IllegalStateException e) {
            throw new SimulationFailure("ACME: " + e.getMessage());
        }
    }

    /**
     * Lets the device answer device-attest-01 with an attestation from this (simulated) authority; without
     * one it sends format none, as a device whose chip cannot attest.
     */
    public SimulatedDevice attestingWith(io.ueledger.ops.simulator.device.DeviceAttestationAuthority authority) {
        this.attestationAuthority = authority;
        return this;
    }

    /** "acme" or "scep": which identity payload the delivered profile carried (null before enrollment). */
    public String identityProtocol() {
        return acmePayload != null ? "acme" : state.scepPayload != null ? "scep" : null;
    }

    private void checkIn() {
        enrollmentId = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        expect(authenticate(), 200, "Authenticate");
        expect(checkInMessage(tokenUpdate(null)), 200, "TokenUpdate");
        if (spec.hasUserChannel()) {
            expect(checkInMessage(tokenUpdate(spec.enrollmentUserId())), 200, "user-channel TokenUpdate");
        }
        enrolled = true;
    }

    /**
     * Sends Authenticate with the stored session token, as the device does at enrollment and again
     * when the enrollment profile is reinstalled (identity renewal).
     */
    public HttpResponse<byte[]> authenticate() {
        NSDictionary authenticate = message("Authenticate");
        authenticate.put("BuildVersion", spec.build());
        authenticate.put("OSVersion", spec.osVersion());
        authenticate.put("ProductName", spec.product());
        return checkInMessage(authenticate);
    }

    private NSDictionary tokenUpdate(String enrollmentUserId) {
        NSDictionary update = message("TokenUpdate");
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        update.put("Token", token);
        lastPushToken = token.clone();
        lastPushMagic = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        update.put("PushMagic", lastPushMagic);
        update.put("AwaitingConfiguration", false);
        if (enrollmentUserId != null) {
            update.put("EnrollmentUserID", enrollmentUserId);
            update.put("UserShortName", "alice");
            update.put("UserLongName", "Alice Example");
            update.put("UserID", enrollmentUserId);
            update.put("NotOnConsole", false);
        }
        return update;
    }

    private NSDictionary message(String messageType) {
        NSDictionary message = new NSDictionary();
        message.put("MessageType", messageType);
        message.put("Topic", string(mdmPayload, "Topic"));
        message.put("EnrollmentID", enrollmentId);
        return message;
    }

    /** The user removes the enrollment in Settings: the device sends CheckOut (CheckOutWhenRemoved). */
    public HttpResponse<byte[]> checkOut() {
        HttpResponse<byte[]> response = checkInMessage(message("CheckOut"));
        enrolled = false;
        state.clear();
        return response;
    }

    public HttpResponse<byte[]> checkInMessage(NSDictionary message) {
        return signedPut("checkin", URI.create(string(mdmPayload, "CheckInURL")),
                "application/x-apple-aspen-mdm-checkin", message);
    }

    // ---- the command channel ------------------------------------------------------------------

    /**
     * What a push makes a device do: report Idle, then run commands until the server ends the session.
     *
     * @return the request types executed, in order
     */
    public List<String> poll() {
        return poll(null);
    }

    /** The same on the Mac user channel. */
    public List<String> pollUserChannel() {
        return poll(spec.enrollmentUserId());
    }

    private List<String> poll(String enrollmentUserId) {
        List<String> executed = pollCommands(enrollmentUserId);
        // DeclarativeManagement asks the device to sync; it does so once the command session is over
        if (enrolled && executed.contains("DeclarativeManagement")) {
            lastDeclarativeSync = declarative.sync();
        }
        return executed;
    }

    private List<String> pollCommands(String enrollmentUserId) {
        List<String> executed = new ArrayList<>();
        NSDictionary report = channelReport(enrollmentUserId, "Idle");
        for (int round = 0; round < 1000 && enrolled; round++) {
            HttpResponse<byte[]> response;
            try {
                response = signedPut("command", URI.create(string(mdmPayload, "ServerURL")),
                        "application/x-apple-aspen-mdm", report);
            } catch (SimulationFailure e) {
                trace(report, e.getMessage());
                throw e;
            }
            if (response.statusCode() != 200) {
                trace(report, String.valueOf(response.statusCode()));
            }
            if (response.statusCode() == 403) {
                enrolled = false; // com.apple.unrecognized.device: the device drops the enrollment
                state.clear();
                break;
            }
            expect(response, 200, "a command-channel request");
            if (report.objectForKey("CommandUUID") != null && !"NotNow".equals(string(report, "Status"))) {
                resultsAccepted.add(string(report, "CommandUUID"));
            }
            if (response.body() == null || response.body().length == 0) {
                trace(report, "200 end of session");
                break;
            }
            NSDictionary envelope = (NSDictionary) SafePlistParser.parse(response.body());
            String commandUuid = string(envelope, "CommandUUID");
            NSDictionary command = (NSDictionary) envelope.objectForKey("Command");
            String requestType = string(command, "RequestType");
            trace(report, "200 " + requestType + " " + commandUuid);
            executed.add(requestType);
            if (RANDOM.nextDouble() < notNowRate && state.deferredOnce.add(commandUuid)) {
                report = channelReport(enrollmentUserId, "NotNow");
                report.put("CommandUUID", commandUuid);
                continue;
            }
            report = reinstallsEnrollmentProfile(requestType, command) ? renewIdentity(command)
                    : state.execute(requestType, command, enrollmentProfileIdentifier);
            report.put("EnrollmentID", enrollmentId);
            if (enrollmentUserId != null) {
                report.put("EnrollmentUserID", enrollmentUserId);
            }
            report.put("CommandUUID", commandUuid);
            if (state.removedEnrollmentProfile) {
                signedPut("command", URI.create(string(mdmPayload, "ServerURL")), "application/x-apple-aspen-mdm",
                        report);
                enrolled = false;
                state.clear();
                break;
            }
        }
        return executed;
    }

    /** An InstallProfile of the enrollment profile itself: the server renews the device's identity. */
    private boolean reinstallsEnrollmentProfile(String requestType, NSDictionary command) {
        if (!"InstallProfile".equals(requestType)) {
            return false;
        }
        NSDictionary profile = ManagedState.profileOf(command.objectForKey("Payload"));
        return profile != null && enrollmentProfileIdentifier != null
                && enrollmentProfileIdentifier.equals(string(profile, "PayloadIdentifier"));
    }

    /**
     * Re-installs the enrollment profile as a device does: verifies its signature, checks that it is
     * the same enrollment (identifiers and Topic), runs SCEP with the new challenge and switches to
     * the new identity, which signs the acknowledgement. When SCEP fails the old identity stays and
     * the device answers with an error.
     */
    private NSDictionary renewIdentity(NSDictionary command) {
        NSDictionary result = new NSDictionary();
        result.put("RequestType", "InstallProfile");
        X509Certificate ca = fetchCaCertificate();
        NSDictionary before = mdmPayload;
        NSDictionary scepBefore = state.scepPayload;
        try {
            byte[] signed = ((com.dd.plist.NSData) command.objectForKey("Payload")).bytes();
            NSDictionary profile = ProfileVerifier.verify(signed, ca);
            readProfile(profile);
            if (!string(before, "Topic").equals(string(mdmPayload, "Topic"))
                    || !string(before, "PayloadIdentifier").equals(string(mdmPayload, "PayloadIdentifier"))) {
                throw new SimulationFailure("the re-installed enrollment profile changes the MDM payload's "
                        + "identifier or Topic");
            }
            obtainIdentity(ca);
            renewals++;
            result.put("Status", "Acknowledged");
        } catch (SimulationFailure | IllegalStateException e) {
            mdmPayload = before;
            state.scepPayload = scepBefore;
            result.put("Status", "Error");
            NSDictionary item = new NSDictionary();
            item.put("ErrorCode", 4001);
            item.put("ErrorDomain", "MCProfileErrorDomain");
            item.put("LocalizedDescription", "The profile could not be installed: " + e.getMessage());
            item.put("USEnglishDescription", "The profile could not be installed: " + e.getMessage());
            result.put("ErrorChain", new NSArray(item));
        }
        return result;
    }

    /** The identity (certificate and key) the device signs its requests with now. */
    public Identity identity() {
        return mdmIdentity;
    }

    /**
     * An Idle report on the command channel signed with {@code signer} instead of the current
     * identity: what a device still holding a replaced certificate would send.
     */
    public HttpResponse<byte[]> reportIdleSignedWith(Identity signer) {
        Identity current = mdmIdentity;
        mdmIdentity = signer;
        try {
            return signedPut("command", URI.create(string(mdmPayload, "ServerURL")), "application/x-apple-aspen-mdm",
                    channelReport(null, "Idle"));
        } finally {
            mdmIdentity = current;
        }
    }

    /** How many times the device renewed its identity from a re-installed enrollment profile. */
    public int identityRenewals() {
        return renewals;
    }

    private NSDictionary channelReport(String enrollmentUserId, String status) {
        NSDictionary report = new NSDictionary();
        report.put("EnrollmentID", enrollmentId);
        if (enrollmentUserId != null) {
            report.put("EnrollmentUserID", enrollmentUserId);
        }
        report.put("Status", status);
        return report;
    }

    // ---- transport ------------------------------------------------------------------------------

    private HttpResponse<byte[]> signedPut(String endpoint, URI url, String contentType, NSDictionary body) {
        byte[] bytes = body.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", contentType)
                .header("User-Agent", "MDM/1.0")
                .header("Mdm-Signature", Base64.getEncoder().encodeToString(
                        CmsSigning.signDetached(bytes, mdmIdentity, maker.now())))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (spec.platform() != io.ueledger.kernel.device.Platform.MACOS && sessionToken != null) {
            request.header("Authorization", "Bearer " + sessionToken);
        }
        return send(endpoint, request);
    }

    private HttpResponse<byte[]> send(String endpoint, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            timings.record(endpoint, System.nanoTime() - started);
            return response;
        } catch (IOException e) {
            timings.error(endpoint);
            throw new SimulationFailure(endpoint + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationFailure("interrupted");
        }
    }

    private static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
            throw new SimulationFailure(what + " answered " + response.statusCode() + " instead of " + status + ": "
                    + body.substring(0, Math.min(body.length(), 500)));
        }
    }

    static String string(NSDictionary dictionary, String key) {
        return Optional.ofNullable(dictionary.objectForKey(key)).map(o -> o.toJavaObject().toString()).orElse(null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
