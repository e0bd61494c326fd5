package io.ueledger.command.account;

import io.ueledger.kernel.account.AccountOrigin;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The admin API that changes Managed Apple Accounts (role ADMIN, enforced for /api/admin/**). The
 * list and single-account reads are served by the query side under the same path.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class AccountAdminController {

    private final AccountCommands accounts;
    private final AccountImport accountImport;
    private final AccountDirectory directory;

    AccountAdminController(AccountCommands accounts, AccountImport accountImport, AccountDirectory directory) {
        this.accounts = accounts;
        this.accountImport = accountImport;
        this.directory = directory;
    }

    record NewAccount(String email, String displayName) {
    }

    record Reason(String reason) {
    }

    /** The account as the command side sees it right after the change. */
    record AccountState(String accountId, String email, String displayName, String origin, boolean active) {

        static AccountState of(AccountDirectory.Entry e) {
            return new AccountState(e.accountId(), e.email(), e.displayName(), e.origin(), e.active());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountState> create(@RequestBody NewAccount body, Principal admin) {
        if (body == null || body.email() == null) {
            throw new IllegalArgumentException("the body must name the account's 'email' and 'displayName'");
        }
        accounts.create(body.email(), body.displayName(), AccountOrigin.MANUAL,
                admin.getName(), null);
        AccountState state = current(body.email());
        // '@' may stay as it is in a path segment; the template-encoding build(...) would escape it
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{email}")
                .buildAndExpand(state.email()).encode().toUri();
        return ResponseEntity.created(location).body(state);
    }

    @PostMapping(path = "/{email}/deactivate", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountState deactivate(@PathVariable String email, @RequestBody Reason body, Principal admin) {
        accounts.deactivate(email, admin.getName(), body == null ? null : body.reason());
        return current(email);
    }

    @PostMapping(path = "/{email}/reactivate", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountState reactivate(@PathVariable String email, @RequestBody Reason body, Principal admin) {
        accounts.reactivate(email, admin.getName(), body == null ? null : body.reason());
        return current(email);
    }

    /** The file as the request body ({@code Content-Type: text/csv}). */
    @PostMapping(path = "/import", consumes = "text/csv")
    ImportSummary importCsvBody(HttpServletRequest request, Principal admin) throws IOException {
        return accountImport.importCsv(readLimited(request.getInputStream(), request.getContentLengthLong()),
                admin.getName());
    }

    /** The file as the form field {@code file} of a multipart upload. */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportSummary importCsvUpload(@RequestParam("file") MultipartFile file, Principal admin) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return accountImport.importCsv(readLimited(in, file.getSize()), admin.getName());
        }
    }

    /** Reads at most one byte over the limit, so an oversized upload is refused without being held in memory. */
    private byte[] readLimited(InputStream in, long declaredLength) throws IOException {
        long max = accountImport.limits().maxSize().toBytes();
        if (declaredLength > max) {
            throw tooLarge();
        }
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (content.length > max) {
            throw tooLarge();
        }
        return content;
    }

    private AccountFileTooLarge tooLarge() {
        return new AccountFileTooLarge("the file is larger than " + accountImport.limits().maxSizeText()
                + "; split it into smaller files");
    }

    private AccountState current(String email) {
        return directory.findByEmail(email).map(AccountState::of).orElseThrow(() -> new UnknownAccount(email));
    }
}
