package io.ueledger.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ueledger.kernel.account.AccountOrigin;
import io.ueledger.kernel.account.ManagedAppleAccountAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.util.unit.DataSize;

/**
 * What the import reports when someone else creates one of its accounts while it runs (the
 * database path is covered by ManagedAppleAccountAdminIT; this race cannot be staged over HTTP).
 */
class AccountImportTest {

    final Map<String, AccountDirectory.Entry> accounts = new HashMap<>();
    final AccountDirectory directory = email -> Optional.ofNullable(accounts.get(email));
    final AccountCommands commands = mock(AccountCommands.class);
    final AccountImport accountImport = new AccountImport(commands, directory,
            new AccountImportProperties(DataSize.ofMegabytes(5), 50_000), new NoDatabaseTransactions());

    @Test
    void accounts_created_by_someone_else_meanwhile_are_unchanged_or_errors_and_the_rest_is_still_created() {
        when(commands.requireOrganisationAddress(anyString()))
                .thenAnswer(i -> ManagedAppleAccountAddress.normalise(i.getArgument(0)));
        raceOn("same@corp.example", "Same");
        raceOn("renamed@corp.example", "Someone Else");
        doAnswer(i -> add(i.getArgument(0), i.getArgument(1))).when(commands)
                .create(eq("fresh@corp.example"), anyString(), eq(AccountOrigin.CSV_IMPORT), eq("admin"), anyString());

        ImportSummary summary = accountImport.importCsv(("email,display_name\n"
                + "same@corp.example,Same\n"
                + "renamed@corp.example,Renamed\n"
                + "fresh@corp.example,Fresh\n").getBytes(StandardCharsets.UTF_8), "admin");

        assertThat(summary.rows()).isEqualTo(3);
        assertThat(summary.created()).isEqualTo(1);
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.errors()).containsExactly(new LineProblem(3,
                "a Managed Apple Account 'renamed@corp.example' already exists with another display name"));
        assertThat(accounts).containsKey("fresh@corp.example");
    }

    /** The account appears in the directory only when the import tries to create it. */
    private void raceOn(String email, String displayNameOfTheWinner) {
        doAnswer(i -> {
            add(email, displayNameOfTheWinner);
            throw new AccountAlreadyExists(email);
        }).when(commands).create(eq(email), anyString(), any(), anyString(), anyString());
    }

    private String add(String email, String displayName) {
        accounts.put(email, new AccountDirectory.Entry("id-" + email, email, displayName, true, "MANUAL"));
        return "id-" + email;
    }

    /** Runs the callback without a database; a rollback simply does nothing. */
    static final class NoDatabaseTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
