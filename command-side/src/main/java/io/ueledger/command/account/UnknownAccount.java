package io.ueledger.command.account;

/** No Managed Apple Account has this address. */
public class UnknownAccount extends RuntimeException {

    public UnknownAccount(String email) {
        super("there is no Managed Apple Account '" + email + "'");
    }
}
