package io.ueledger.kernel.account;

/** How a Managed Apple Account came to exist; auditors ask who added an account and how. */
public enum AccountOrigin {
    /** An admin created it through the admin API. */
    MANUAL,
    /** An admin imported it from a CSV file. */
    CSV_IMPORT,
    /** It was created on the user's first sign-in at the organisation's identity provider. */
    FEDERATED
}
