package io.ueledger.ops.console.push;

import io.ueledger.command.push.InvalidPushCertificate;
import io.ueledger.command.push.PushCertificateStatus;
import io.ueledger.command.push.PushCertificateUpload;
import io.ueledger.command.push.PushCertificates;
import io.ueledger.command.push.PushTopicChangeRefused;
import io.ueledger.ops.console.web.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * The MDM push certificate for admins: what is in force, when it expires, and the upload of a new
 * or renewed one (PKCS#12, or PEM certificate and key). The same rules as the admin API.
 */
@Controller
class PushCertificatePages {

    private static final Logger log = LoggerFactory.getLogger(PushCertificatePages.class);
    private static final String PATH = "/console/admin/push-certificate";

    private final PushCertificates certificates;
    private final PushCertificateStatus status;

    PushCertificatePages(PushCertificates certificates, PushCertificateStatus status) {
        this.certificates = certificates;
        this.status = status;
    }

    @GetMapping(PATH)
    String page(Model model) {
        model.addAttribute("certificate", status.now().orElse(null));
        return "console/push-certificate";
    }

    @PostMapping(PATH)
    String upload(@RequestParam(required = false) MultipartFile pkcs12,
                  @RequestParam(required = false) String password,
                  @RequestParam(required = false) MultipartFile certificate,
                  @RequestParam(required = false) MultipartFile privateKey,
                  Authentication authentication, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) throws IOException {
        try {
            certificates.replace(PushCertificateUpload.read(pkcs12, password, certificate, privateKey),
                    PushCertificates.UPLOAD, ConsoleUser.of(authentication).id());
        } catch (InvalidPushCertificate e) {
            log.info("Console: MDM push certificate refused: {}", e.getMessage());
            response.setStatus(e instanceof PushTopicChangeRefused ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("uploadProblem", e.getMessage());
            return page(model);
        }
        redirect.addFlashAttribute("uploaded", true);
        return "redirect:" + PATH;
    }
}
