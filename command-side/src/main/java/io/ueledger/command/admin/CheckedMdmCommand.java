package io.ueledger.command.admin;

import io.ueledger.command.enrollment.ClosedEnrollment;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.kernel.policy.MdmCommandRequest;
import java.util.Map;

/**
 * An admin's MDM command input checked against the enrollment it is for and turned into the request
 * the decision point judges. The same checks for a real send and for a dry run.
 *
 * @param profile InstallProfile only: the parsed profile (null otherwise)
 */
record CheckedMdmCommand(EnrollmentDevice device, String requestType, Map<String, Object> arguments,
                         ProfileDocument profile, MdmCommandRequest request) {

    /**
     * @throws UnknownEnrollment          no such enrollment (404)
     * @throws ClosedEnrollment  the enrollment is closed (409)
     * @throws EnrollmentRuleViolation    the device has not reported its OS yet (409)
     * @throws InvalidMdmCommand          the request is malformed (400)
     * @throws MdmPayloadTooLarge         the profile is too large (413)
     */
    static CheckedMdmCommand of(EnrollmentDevices devices, String enrollmentRef, MdmCommandInput input) {
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new UnknownEnrollment(enrollmentRef));
        if (device.closed()) {
            throw new ClosedEnrollment("enrollment " + enrollmentRef + " is closed; no MDM command can be sent"
                    + " to it any more");
        }
        if (device.platform() == null || device.osVersion() == null) {
            throw new EnrollmentRuleViolation("the device of enrollment " + enrollmentRef + " has not reported its OS"
                    + " version yet, so no MDM command can be checked against the User Enrollment policy");
        }
        String requestType = input.requestType() == null ? "" : input.requestType().trim();
        if (requestType.isEmpty()) {
            throw new InvalidMdmCommand("'requestType' is missing: name the MDM command, e.g. DeviceInformation");
        }
        Map<String, Object> arguments = CommandArguments.checked(input.arguments());
        ProfileDocument profile = null;
        if (requestType.equals("InstallProfile")) {
            if (arguments.containsKey("Payload")) {
                throw new InvalidMdmCommand("send the profile as 'payload' (base64) next to 'arguments', not inside it");
            }
            profile = ProfileReader.read(input.payload());
        } else if (input.payload() != null) {
            throw new InvalidMdmCommand("'payload' is for InstallProfile only; " + requestType + " takes 'arguments'");
        }
        MdmCommandRequest request = profile == null
                ? MdmCommandRequest.of(requestType, device.platform(), device.osVersion(), arguments)
                : new MdmCommandRequest(requestType, device.platform(), device.osVersion(), arguments,
                        profile.topLevel(), profile.payloads());
        return new CheckedMdmCommand(device, requestType, arguments, profile, request);
    }
}
