package io.ueledger.query.compliance;

/** A report was asked for in a format this server does not write. */
public class UnsupportedReportFormat extends RuntimeException {

    public UnsupportedReportFormat(String message) {
        super(message);
    }
}
