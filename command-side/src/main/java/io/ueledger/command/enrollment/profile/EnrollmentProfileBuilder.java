package io.ueledger.command.enrollment.profile;

import io.ueledger.command.push.ApnsEnvironment;
import io.ueledger.command.push.ApnsProperties;
import org.springframework.beans.factory.annotation.Autowired;
import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.scep.IdentitySubject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the BYOD enrollment profile of SPEC section 5: an outer Configuration with a SCEP
 * identity payload and a {@code com.apple.mdm} payload with EnrollmentMode BYOD, the user's
 * Managed Apple Account and no AccessRights (a device cancels a BYOD enrollment that has them).
 *
 * <p>Identifiers and UUIDs are derived from the enrollment reference, so a re-delivered profile
 * keeps them: the device treats it as the same profile, and RemoveProfile can name it later.
 */
@Component
public class EnrollmentProfileBuilder {

    static final String IDENTIFIER_PREFIX = "io.ueledger.enrollment.";
    static final int KEY_USAGE_SIGNING_AND_ENCRYPTION = 5;

    private final OrganisationProperties organisation;
    private final EnrollmentProfileProperties properties;
    private final ProfileTopic topic;
    private final boolean developmentApns;

    @Autowired
    public EnrollmentProfileBuilder(OrganisationProperties organisation, EnrollmentProfileProperties properties,
                                    ProfileTopic topic, ApnsProperties apns) {
        this(organisation, properties, topic, apns.environment() == ApnsEnvironment.DEVELOPMENT);
    }

    /** @param developmentApns the push certificate talks to Apple's development gateway (UseDevelopmentAPNS) */
    public EnrollmentProfileBuilder(OrganisationProperties organisation, EnrollmentProfileProperties properties,
                                    ProfileTopic topic, boolean developmentApns) {
        this.organisation = organisation;
        this.properties = properties;
        this.topic = topic;
        this.developmentApns = developmentApns;
    }

    public static String profileIdentifier(String enrollmentRef) {
        return IDENTIFIER_PREFIX + enrollmentRef;
    }

    /** @throws PushTopicMismatch while the configured topic and the push certificate disagree */
    public String topic() {
        return topic.current();
    }

    /** @param scepChallenge the one-time challenge the device presents to SCEP for its identity */
    public NSDictionary build(String enrollmentRef, String managedAppleAccount, String scepChallenge) {
        return build(enrollmentRef, managedAppleAccount, scepChallenge, topic());
    }

    /** @param apnsTopic the topic, read once by the caller so that the profile and its record agree */
    public NSDictionary build(String enrollmentRef, String managedAppleAccount, String scepChallenge,
                              String apnsTopic) {
        return build(enrollmentRef, managedAppleAccount, new IdentityPayload.Scep(scepChallenge), apnsTopic);
    }

    /**
     * @param identity  SCEP or ACME: the payload the device obtains its identity with, which the MDM
     *                  payload's IdentityCertificateUUID names
     * @param apnsTopic the topic, read once by the caller so that the profile and its record agree
     */
    public NSDictionary build(String enrollmentRef, String managedAppleAccount, IdentityPayload identity,
                              String apnsTopic) {
        String identifier = profileIdentifier(enrollmentRef);
        NSDictionary identityPayload = identity instanceof IdentityPayload.Acme acme
                ? acmePayload(identifier, uuid("acme", enrollmentRef), enrollmentRef, acme)
                : scepPayload(identifier, uuid("scep", enrollmentRef), enrollmentRef,
                        ((IdentityPayload.Scep) identity).challenge());
        String identityUuid = identityPayload.objectForKey("PayloadUUID").toJavaObject().toString();

        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", uuid("profile", enrollmentRef));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", properties.displayName());
        profile.put("PayloadOrganization", organisation.name());
        profile.put("PayloadDescription", "Lets " + organisation.name() + " manage the work apps, accounts and "
                + "data of " + managedAppleAccount + " on this device. Personal data stays private.");
        profile.put("PayloadScope", "User");
        profile.put("PayloadContent", new NSArray(identityPayload,
                mdmPayload(identifier, identityUuid, enrollmentRef, managedAppleAccount, apnsTopic)));
        return profile;
    }

    private NSDictionary scepPayload(String identifier, String uuid, String enrollmentRef, String challenge) {
        IdentitySubject subject = new IdentitySubject(organisation.name(), enrollmentRef);
        NSDictionary content = new NSDictionary();
        content.put("URL", organisation.url(properties.scepPath()));
        content.put("Name", organisation.name() + " Device Identity CA");
        content.put("Challenge", challenge);
        content.put("Subject", new NSArray(rdn("O", subject.organisation()), rdn("CN", subject.commonName())));
        content.put("Key Type", "RSA");
        content.put("Keysize", 2048);
        content.put("Key Usage", KEY_USAGE_SIGNING_AND_ENCRYPTION);
        content.put("Retries", 3);

        NSDictionary payload = new NSDictionary();
        payload.put("PayloadType", "com.apple.security.scep");
        payload.put("PayloadIdentifier", identifier + ".scep");
        payload.put("PayloadUUID", uuid);
        payload.put("PayloadVersion", 1);
        payload.put("PayloadDisplayName", "Device identity");
        payload.put("PayloadContent", content);
        return payload;
    }

    /**
     * Apple's {@code com.apple.security.acme}: an EC P-384 key, in the Secure Enclave and attested where
     * the OS supports it. The subject is the one SCEP would ask for; the server sets it in any case.
     */
    private NSDictionary acmePayload(String identifier, String uuid, String enrollmentRef,
                                     IdentityPayload.Acme acme) {
        IdentitySubject subject = new IdentitySubject(organisation.name(), enrollmentRef);
        NSDictionary payload = new NSDictionary();
        payload.put("PayloadType", "com.apple.security.acme");
        payload.put("PayloadIdentifier", identifier + ".acme");
        payload.put("PayloadUUID", uuid);
        payload.put("PayloadVersion", 1);
        payload.put("PayloadDisplayName", "Device identity");
        payload.put("DirectoryURL", organisation.url(properties.acmeDirectoryPath()));
        payload.put("ClientIdentifier", acme.clientIdentifier());
        payload.put("KeyType", "ECSECPrimeRandom");
        payload.put("KeySize", 384);
        payload.put("HardwareBound", acme.hardwareBound());
        payload.put("Attest", acme.attest());
        payload.put("Subject", new NSArray(rdn("O", subject.organisation()), rdn("CN", subject.commonName())));
        payload.put("UsageFlags", 1); // digital signature: the identity signs check-ins and TLS handshakes
        payload.put("ExtendedKeyUsage", new NSArray(new NSString("1.3.6.1.5.5.7.3.2")));
        return payload;
    }

    private NSDictionary mdmPayload(String identifier, String scepUuid, String enrollmentRef, String account,
                                    String apnsTopic) {
        NSDictionary payload = new NSDictionary();
        payload.put("PayloadType", "com.apple.mdm");
        payload.put("PayloadIdentifier", identifier + ".mdm");
        payload.put("PayloadUUID", uuid("mdm", enrollmentRef));
        payload.put("PayloadVersion", 1);
        payload.put("PayloadDisplayName", "Device management");
        payload.put("EnrollmentMode", "BYOD");
        payload.put("AssignedManagedAppleID", account);
        payload.put("IdentityCertificateUUID", scepUuid);
        payload.put("Topic", apnsTopic);
        if (developmentApns) {
            // The push certificate talks to Apple's development gateway: the device must register there too.
            payload.put("UseDevelopmentAPNS", true);
        }
        payload.put("ServerURL", organisation.url(properties.serverPath()));
        payload.put("CheckInURL", organisation.url(properties.checkInPath()));
        payload.put("SignMessage", true);
        payload.put("CheckOutWhenRemoved", true);
        // per-user-connections gives a Mac its user channel. com.apple.mdm.token is not announced:
        // this server answers GetToken with a refusal, and a device must not be told otherwise.
        payload.put("ServerCapabilities", new NSArray(new NSString("com.apple.mdm.per-user-connections")));
        // No AccessRights: Apple fixes them for User Enrollment and the device cancels if present.
        return payload;
    }

    /** One relative distinguished name in Apple's SCEP Subject form: [[ ["O", "Example Corp"] ]]. */
    private static NSArray rdn(String type, String value) {
        return new NSArray(new NSArray(new NSString(type), new NSString(value)));
    }

    private static String uuid(String purpose, String enrollmentRef) {
        return UUID.nameUUIDFromBytes((purpose + ":" + enrollmentRef).getBytes(StandardCharsets.UTF_8))
                .toString().toUpperCase(java.util.Locale.ROOT);
    }
}
