package io.ueledger.command.account;

/** What is wrong with one line of an imported file; line 1 is the header. */
public record LineProblem(long line, String reason) {
}
