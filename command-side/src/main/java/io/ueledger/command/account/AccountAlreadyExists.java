package io.ueledger.command.account;

/** A create named an address that already has an account; nothing was changed. */
public class AccountAlreadyExists extends AccountRuleViolation {

    public AccountAlreadyExists(String email) {
        super("a Managed Apple Account '" + email + "' already exists");
    }
}
