package io.ueledger.command.acme;

import org.springframework.http.HttpStatus;

/**
 * An RFC 8555 problem document ({@code urn:ietf:params:acme:error:<type>}). Thrown before anything
 * is written, or inside a transaction that is rolled back, so a refused request changes nothing.
 */
public class AcmeProblem extends RuntimeException {

    private final String type;
    private final HttpStatus status;

    public AcmeProblem(String type, HttpStatus status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return "urn:ietf:params:acme:error:" + type;
    }

    public HttpStatus status() {
        return status;
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem("malformed", HttpStatus.BAD_REQUEST, detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem("unauthorized", HttpStatus.FORBIDDEN, detail);
    }

    public static AcmeProblem badNonce(String detail) {
        return new AcmeProblem("badNonce", HttpStatus.BAD_REQUEST, detail);
    }

    public static AcmeProblem notFound(String detail) {
        return new AcmeProblem("malformed", HttpStatus.NOT_FOUND, detail);
    }
}
