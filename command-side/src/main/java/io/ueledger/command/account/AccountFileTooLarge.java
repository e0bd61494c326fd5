package io.ueledger.command.account;

/** The imported file is over the configured size or row limit; nothing was imported. */
public class AccountFileTooLarge extends RuntimeException {

    public AccountFileTooLarge(String message) {
        super(message);
    }
}
