package io.ueledger.kernel.identity;

/** Why a replaced identity certificate is no longer accepted. */
public enum IdentityRetirement {
    /** The device signed a request with its renewed certificate: it has switched. */
    NEW_CERTIFICATE_USED,
    /** The old certificate reached its notAfter before the device used the new one. */
    EXPIRED
}
