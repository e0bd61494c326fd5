package io.ueledger.command.account;

import io.ueledger.kernel.account.AccountOrigin;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports Managed Apple Accounts from a CSV file (format: {@link AccountCsvFile}).
 *
 * <p>All or nothing at the level of the file: every row is checked first (address, organisation
 * domain, display name, duplicates inside the file, an existing account with another name) and a
 * file with any bad row is refused whole. Rows for accounts that already exist as given are
 * skipped, so importing the same file again creates nothing.
 */
@Service
public class AccountImport {

    private static final Logger log = LoggerFactory.getLogger(AccountImport.class);

    private final AccountCommands accounts;
    private final AccountDirectory directory;
    /**
     * Rows created per database transaction. One commit per row costs a disk flush each (about 280
     * rows/s here); one transaction for a whole file would hold thousands of event sequence numbers
     * uncommitted, which tracking processors treat as gaps and give up on after a while (the JDBC
     * engine's gap timeout and its 10,000-index gap window), so a projection could miss accounts.
     */
    static final int CHUNK = 200;

    private final AccountImportProperties limits;
    private final TransactionTemplate transactions;

    AccountImport(AccountCommands accounts, AccountDirectory directory, AccountImportProperties limits,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.directory = directory;
        this.limits = limits;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public AccountImportProperties limits() {
        return limits;
    }

    /**
     * @throws AccountFileTooLarge over the size or row limit
     * @throws InvalidAccountFile  with every bad line, when any line is bad; nothing is imported then
     */
    public ImportSummary importCsv(byte[] file, String importedBy) {
        if (file.length > limits.maxSize().toBytes()) {
            throw new AccountFileTooLarge("the file is larger than " + limits.maxSizeText()
                    + "; split it into smaller files");
        }
        List<AccountCsvFile.Row> rows = AccountCsvFile.parse(file, limits.maxRows());
        if (rows.isEmpty()) {
            throw new InvalidAccountFile(List.of(new LineProblem(2, "the file holds no account rows")));
        }
        List<Checked> checked = check(rows);
        String sha256 = sha256(file);
        Tally tally = new Tally();
        List<Checked> toCreate = checked.stream().filter(row -> !row.existing).toList();
        tally.unchanged = checked.size() - toCreate.size();
        for (int from = 0; from < toCreate.size(); from += CHUNK) {
            List<Checked> chunk = toCreate.subList(from, Math.min(from + CHUNK, toCreate.size()));
            try {
                transactions.executeWithoutResult(tx -> chunk.forEach(row -> create(row, importedBy, sha256)));
                tally.created += chunk.size();
            } catch (RuntimeException e) {
                // the chunk was rolled back whole (most likely someone created one of these accounts
                // meanwhile); redo it row by row to find out which rows still apply
                chunk.forEach(row -> createAlone(row, importedBy, sha256, tally));
            }
        }
        log.info("Account import by {} of file sha256 {}: {} rows, {} created, {} unchanged, {} errors", importedBy,
                sha256, rows.size(), tally.created, tally.unchanged, tally.errors.size());
        return new ImportSummary(sha256, rows.size(), tally.created, tally.unchanged, tally.errors);
    }

    private void create(Checked row, String importedBy, String sha256) {
        accounts.create(row.email, row.displayName, AccountOrigin.CSV_IMPORT, importedBy,
                "csv-sha256:" + sha256 + ":line:" + row.line);
    }

    private void createAlone(Checked row, String importedBy, String sha256, Tally tally) {
        try {
            create(row, importedBy, sha256);
            tally.created++;
        } catch (AccountAlreadyExists e) {
            if (sameAccount(row)) {
                tally.unchanged++;
            } else {
                tally.errors.add(new LineProblem(row.line, e.getMessage() + " with another display name"));
            }
        }
    }

    private List<Checked> check(List<AccountCsvFile.Row> rows) {
        List<LineProblem> problems = new ArrayList<>();
        List<Checked> checked = new ArrayList<>(rows.size());
        Map<String, Long> firstLineOf = new HashMap<>();
        for (AccountCsvFile.Row row : rows) {
            String email;
            try {
                email = accounts.requireOrganisationAddress(row.email());
            } catch (IllegalArgumentException e) {
                problems.add(new LineProblem(row.line(), e.getMessage()));
                continue;
            }
            Long first = firstLineOf.putIfAbsent(email, row.line());
            if (first != null) {
                problems.add(new LineProblem(row.line(), "'" + email + "' is already on line " + first));
                continue;
            }
            String displayName = row.displayName();
            if (displayName == null || displayName.isBlank()) {
                problems.add(new LineProblem(row.line(), "the display name is empty"));
                continue;
            }
            if (displayName.length() > ManagedAppleAccount.MAX_DISPLAY_NAME) {
                problems.add(new LineProblem(row.line(), "the display name is longer than "
                        + ManagedAppleAccount.MAX_DISPLAY_NAME + " characters"));
                continue;
            }
            Optional<AccountDirectory.Entry> existing = directory.findByEmail(email);
            if (existing.isPresent() && !displayName.equals(existing.get().displayName())) {
                problems.add(new LineProblem(row.line(), "'" + email + "' already exists with display name '"
                        + existing.get().displayName() + "'; an import does not rename accounts"));
                continue;
            }
            checked.add(new Checked(row.line(), email, displayName, existing.isPresent()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidAccountFile(problems);
        }
        return checked;
    }

    private boolean sameAccount(Checked row) {
        return directory.findByEmail(row.email).map(e -> row.displayName.equals(e.displayName())).orElse(false);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Tally {
        int created;
        int unchanged;
        final List<LineProblem> errors = new ArrayList<>();
    }

    private record Checked(long line, String email, String displayName, boolean existing) {
    }
}
