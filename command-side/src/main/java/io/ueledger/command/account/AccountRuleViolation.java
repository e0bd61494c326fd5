package io.ueledger.command.account;

/** The account's current state forbids the command (e.g. deactivating an inactive account). */
public class AccountRuleViolation extends RuntimeException {

    public AccountRuleViolation(String message) {
        super(message);
    }
}
