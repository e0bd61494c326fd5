package io.ueledger.ops.owner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.query.DeviceHistoryPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindDeviceHistory;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.kernel.query.HistoryEntryView;
import io.ueledger.ops.console.compliance.ConsoleReports;
import io.ueledger.ops.console.devices.TimelineEntry;
import io.ueledger.query.export.ExportBundles;
import io.ueledger.query.ledger.LedgerPublicKey;
import io.ueledger.query.owner.OwnerEnrollments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The device owner's own view: their enrollments, and for each what the organisation did and could
 * not do on the device, in plain words, checked against the signed ledger, with their signed
 * bundle to download. Which enrollments are theirs is decided only from the address their identity
 * provider vouches for ({@link DeviceOwner}) against the enrollment's account ({@link OwnerEnrollments});
 * staff roles play no part.
 */
@Controller
class OwnerPages {

    private static final Logger log = LoggerFactory.getLogger(OwnerPages.class);

    private final OwnerEnrollments owners;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final ConsoleReports reports;
    private final OwnerProof proof;
    private final ExportBundles bundles;
    private final LedgerPublicKey publicKey;
    private final OwnerNotifications notifications;

    OwnerPages(OwnerEnrollments owners, QueryGateway queries, ObjectMapper json, ConsoleReports reports,
            OwnerProof proof, ExportBundles bundles, LedgerPublicKey publicKey, OwnerNotifications notifications) {
        this.notifications = notifications;
        this.owners = owners;
        this.queries = queries;
        this.json = json;
        this.reports = reports;
        this.proof = proof;
        this.bundles = bundles;
        this.publicKey = publicKey;
    }

    @ModelAttribute("owner")
    DeviceOwner owner(Authentication authentication) {
        return DeviceOwner.of(authentication);
    }

    @GetMapping("/my")
    String list(@ModelAttribute("owner") DeviceOwner owner, Model model) {
        List<OwnedEnrollment> enrollments = new ArrayList<>();
        if (owner != null && owner.address() != null) {
            for (String ref : owners.of(owner.address())) {
                find(ref).map(OwnedEnrollment::of).ifPresent(enrollments::add);
            }
        }
        model.addAttribute("enrollments", enrollments);
        model.addAttribute("retention", owners.retention());
        model.addAttribute("notificationsOffered", notifications.offered());
        model.addAttribute("subscribed", owner != null && owner.address() != null && notifications.subscribed(owner));
        return "owner/list";
    }

    /** {@code email=on|off}: the owner's own choice, for their own address; nothing else is accepted. */
    @PostMapping("/my/notifications")
    String notifications(@ModelAttribute("owner") DeviceOwner owner, @RequestParam String email,
            RedirectAttributes redirect) {
        if (owner == null || owner.address() == null) {
            throw new NotYourEnrollment("(notifications)");
        }
        if (!notifications.offered()) {
            throw new OwnerInputError("e-mail notifications are not set up by your organisation");
        }
        switch (email) {
            case "on" -> notifications.subscribe(owner);
            case "off" -> notifications.unsubscribe(owner);
            default -> throw new OwnerInputError("'" + email + "' is not a choice here: use on or off");
        }
        redirect.addFlashAttribute("notificationsChanged", email);
        return "redirect:/my";
    }

    @GetMapping("/my/enrollments/{ref}")
    String enrollment(@ModelAttribute("owner") DeviceOwner owner, @PathVariable String ref, Model model) {
        EnrollmentView view = owned(owner, ref);
        List<HistoryEntryView> events = history(ref);
        model.addAttribute("device", OwnedEnrollment.of(view));
        model.addAttribute("story", OwnerStory.of(events, json));
        List<TimelineEntry> timeline = events.stream().map(e -> TimelineEntry.of(e, json)).toList();
        model.addAttribute("timeline", timeline);
        OwnerProof.Result checked = proof.check(timeline.stream().map(TimelineEntry::eventId).toList());
        model.addAttribute("proof", checked);
        model.addAttribute("proofForBrowser", writeJson(OwnerProof.forBrowser(checked)));
        model.addAttribute("report", reports.forEnrollment(ref).map(OwnerReport::of).orElse(null));
        model.addAttribute("retention", owners.retention());
        return "owner/enrollment";
    }

    @GetMapping("/my/enrollments/{ref}/bundle")
    ResponseEntity<byte[]> bundle(@ModelAttribute("owner") DeviceOwner owner, @PathVariable String ref) {
        owned(owner, ref);
        ExportBundles.Bundle bundle = bundles.forEnrollment(ref, null);
        log.info("Owner view: the owner of enrollment {} downloaded its bundle ({} events)", ref, bundle.events());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
                .body(bundle.zip());
    }

    /** How anyone verifies a bundle: public, so an owner can send the link to whoever they want to convince. */
    @GetMapping("/my/verifying")
    String verifying(Model model) {
        model.addAttribute("publicKey", publicKey.verifierKey());
        model.addAttribute("origin", publicKey.origin());
        return "owner/verifying";
    }

    @GetMapping("/my/signed-out")
    String signedOut() {
        return "owner/signed-out";
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private EnrollmentView owned(DeviceOwner owner, String ref) {
        if (owner == null || owner.address() == null || !owners.owns(owner.address(), ref)) {
            throw new NotYourEnrollment(ref);
        }
        return find(ref).orElseThrow(() -> new NotYourEnrollment(ref));
    }

    private Optional<EnrollmentView> find(String ref) {
        return queries.query(new FindEnrollment(ref), ResponseTypes.optionalInstanceOf(EnrollmentView.class)).join();
    }

    /** Every event of the enrollment, oldest first (an enrollment has tens to a few hundred). */
    private List<HistoryEntryView> history(String ref) {
        List<HistoryEntryView> events = new ArrayList<>();
        for (int page = 0; ; page++) {
            DeviceHistoryPage next = queries.query(new FindDeviceHistory(ref, true, page, FindEnrollments.MAX_SIZE),
                    ResponseTypes.optionalInstanceOf(DeviceHistoryPage.class)).join().orElse(null);
            if (next == null || next.items().isEmpty()) {
                return events;
            }
            events.addAll(next.items());
            if (events.size() >= next.total()) {
                return events;
            }
        }
    }
}
