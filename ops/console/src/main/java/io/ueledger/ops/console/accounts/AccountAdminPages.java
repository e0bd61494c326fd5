package io.ueledger.ops.console.accounts;

import io.ueledger.command.account.AccountCommands;
import io.ueledger.command.account.AccountFileTooLarge;
import io.ueledger.command.account.AccountImport;
import io.ueledger.command.account.ImportSummary;
import io.ueledger.command.account.InvalidAccountFile;
import io.ueledger.kernel.account.AccountOrigin;
import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.ConsoleUser;
import io.ueledger.ops.console.web.Paging;
import io.ueledger.query.account.AccountRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Managed Apple Account management for admins: the list, adding one account, and the CSV import
 * whose rejected lines are shown one per table row. The same services as the admin API, so the
 * rules (organisation domains, all-or-nothing files, size limits) are the same.
 */
@Controller
class AccountAdminPages {

    private static final Logger log = LoggerFactory.getLogger(AccountAdminPages.class);

    private final AccountRegistry registry;
    private final AccountCommands accounts;
    private final AccountImport accountImport;

    AccountAdminPages(AccountRegistry registry, AccountCommands accounts, AccountImport accountImport) {
        this.registry = registry;
        this.accounts = accounts;
        this.accountImport = accountImport;
    }

    @GetMapping("/console/admin/accounts")
    String list(@RequestParam(required = false) String address, @RequestParam(defaultValue = "0") int page,
            Model model) {
        return page(address, page, model);
    }

    @PostMapping("/console/admin/accounts")
    String create(@RequestParam(required = false) String email, @RequestParam(required = false) String displayName,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            accounts.create(email, displayName, AccountOrigin.MANUAL, ConsoleUser.of(authentication).id(), null);
        } catch (RuntimeException e) {
            log.info("Console: account {} not created: {}", email, e.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("createProblem", e.getMessage());
            return page(null, 0, model);
        }
        redirect.addFlashAttribute("created", email);
        return "redirect:/console/admin/accounts";
    }

    @PostMapping("/console/admin/accounts/import")
    String importCsv(@RequestParam(name = "file", required = false) MultipartFile file, Authentication authentication,
            Model model, HttpServletResponse response) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new ConsoleInputError("choose a CSV file to import");
            }
            if (file.getSize() > accountImport.limits().maxSize().toBytes()) {
                throw new AccountFileTooLarge("the file is larger than " + accountImport.limits().maxSizeText()
                        + "; split it into smaller files");
            }
            byte[] content;
            try (InputStream in = file.getInputStream()) {
                content = in.readAllBytes();
            }
            ImportSummary summary = accountImport.importCsv(content, ConsoleUser.of(authentication).id());
            model.addAttribute("imported", summary);
        } catch (InvalidAccountFile e) {
            log.info("Console: account file {} refused: {}", file.getOriginalFilename(), e.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importRefused", e.getMessage());
            model.addAttribute("lineProblems", e.problems());
        } catch (ConsoleInputError | AccountFileTooLarge e) {
            log.info("Console: account import refused: {}", e.getMessage());
            response.setStatus(e instanceof AccountFileTooLarge ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                    : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("importRefused", e.getMessage());
        }
        return page(null, 0, model);
    }

    private String page(String address, int page, Model model) {
        if (page < 0) {
            throw new ConsoleInputError("page must be 0 or more, not " + page);
        }
        AccountRegistry.Page result = registry.find(null, address, page, AccountPagesController.PAGE_SIZE);
        model.addAttribute("accounts", result.items());
        model.addAttribute("paging", new Paging(result.page(), result.size(), result.total()));
        model.addAttribute("address", address);
        return "console/accounts";
    }
}
