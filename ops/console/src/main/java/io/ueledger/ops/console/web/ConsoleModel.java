package io.ueledger.ops.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in staff member into every console page, for the header and the admin-only parts. */
@ControllerAdvice(basePackages = "io.ueledger.ops.console")
class ConsoleModel {

    @ModelAttribute("user")
    ConsoleUser user(Authentication authentication) {
        return ConsoleUser.of(authentication);
    }
}
