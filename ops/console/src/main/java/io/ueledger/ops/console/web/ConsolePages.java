package io.ueledger.ops.console.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's pages that show no data: 403 and signed out. */
@Controller
class ConsolePages {

    /** Where Spring Security forwards a signed-in user without the role a page needs. */
    @RequestMapping("/console/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/forbidden";
    }

    @GetMapping("/console/signed-out")
    String signedOut() {
        return "console/signed-out";
    }
}
