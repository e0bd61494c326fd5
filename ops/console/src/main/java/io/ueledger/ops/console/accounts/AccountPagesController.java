package io.ueledger.ops.console.accounts;

import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.ops.console.compliance.ConsoleReports;
import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.ops.console.web.Paging;
import io.ueledger.query.account.AccountRegistry;
import io.ueledger.query.account.AccountRow;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One Managed Apple Account, the enrollments made with it and their data-separation report taken
 * together, for compliance officers and admins.
 */
@Controller
class AccountPagesController {

    static final int PAGE_SIZE = 25;

    private final AccountRegistry accounts;
    private final QueryGateway queries;
    private final ConsoleReports reports;

    AccountPagesController(AccountRegistry accounts, QueryGateway queries, ConsoleReports reports) {
        this.accounts = accounts;
        this.queries = queries;
        this.reports = reports;
    }

    @GetMapping("/console/accounts/{email}")
    String account(@PathVariable String email, @RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0) {
            throw new ConsoleInputError("page must be 0 or more, not " + page);
        }
        AccountRow account = accounts.findByEmail(email)
                .orElseThrow(() -> new ConsoleNotFound("there is no Managed Apple Account '" + email + "'"));
        EnrollmentPage enrollments = queries.query(new FindEnrollments(null, null, account.email(), null, page,
                PAGE_SIZE), ResponseTypes.instanceOf(EnrollmentPage.class)).join();
        model.addAttribute("account", account);
        model.addAttribute("devices", enrollments.items());
        model.addAttribute("paging", new Paging(enrollments.page(), enrollments.size(), enrollments.total()));
        model.addAttribute("report", reports.forAccount(account.email()).orElse(null));
        return "console/account";
    }
}
