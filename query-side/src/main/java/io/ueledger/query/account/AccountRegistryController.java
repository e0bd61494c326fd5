package io.ueledger.query.account;

import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.query.replay.ViewReadiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin's view of the Managed Apple Accounts (role ADMIN, enforced for /api/admin/**). Reads the
 * query side's registry, which follows the events a moment behind the command that changed them.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class AccountRegistryController {

    private static final Logger log = LoggerFactory.getLogger(AccountRegistryController.class);
    static final int MAX_PAGE_SIZE = 500;

    private final AccountRegistry registry;
    private final ViewReadiness views;

    AccountRegistryController(AccountRegistry registry, ViewReadiness views) {
        this.registry = registry;
        this.views = views;
    }

    /**
     * @param active  only active ({@code true}) or deactivated ({@code false}) accounts; all when absent
     * @param address only accounts whose address contains this text, any case
     */
    @GetMapping
    AccountRegistry.Page list(@RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String address,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            log.info("Account list refused: page {} size {}", page, size);
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        views.requireReady(ProcessorNames.ACCOUNT_REGISTRY);
        return registry.find(active, address, page, size);
    }

    @GetMapping("/{email}")
    AccountRow one(@PathVariable String email) {
        views.requireReady(ProcessorNames.ACCOUNT_REGISTRY);
        return registry.findByEmail(email).orElseThrow(() -> {
            log.info("Account lookup: no account '{}'", email);
            return new ResponseStatusException(HttpStatus.NOT_FOUND, "there is no Managed Apple Account '"
                    + email.trim().toLowerCase(java.util.Locale.ROOT) + "'");
        });
    }
}
