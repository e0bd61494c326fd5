package io.ueledger.command.account;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param fileSha256 identifies the file; every account it created records it
 * @param rows       account rows in the file
 * @param created    accounts the import created
 * @param unchanged  rows whose account already existed with the same display name (skipped)
 * @param errors     rows that were valid but could not be applied (e.g. the account was created
 *                   with another display name while the import ran); empty normally
 */
public record ImportSummary(String fileSha256, int rows, int created, int unchanged, List<LineProblem> errors) {
}
