package io.ueledger.ops.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in staff member into every console page, for the header and the admin-only parts. */
@ControllerAdvice(basePackages = "io.ueledger.ops.console")
class ConsoleModel {

    private final io.ueledger.command.push.PushCertificateStatus pushCertificate;

    ConsoleModel(io.ueledger.command.push.PushCertificateStatus pushCertificate) {
        this.pushCertificate = pushCertificate;
    }

    /** Every console page warns from 30 days before the MDM push certificate expires. */
    @ModelAttribute("pushWarning")
    String pushWarning() {
        return pushCertificate.now().map(io.ueledger.command.push.PushCertificateStatus.View::warning).orElse(null);
    }

    @ModelAttribute("user")
    ConsoleUser user(Authentication authentication) {
        return ConsoleUser.of(authentication);
    }
}
