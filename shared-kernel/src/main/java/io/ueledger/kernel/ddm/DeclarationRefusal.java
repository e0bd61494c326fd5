package io.ueledger.kernel.ddm;

/** One declaration of a set that the User Enrollment policy refused for one device, with the rule and the data row behind it. */
public record DeclarationRefusal(String identifier, String type, String rule, String source, String reason) {
}
