package io.ueledger.ops.owner;

import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * E-mails a subscribed owner when their organisation sends a command to their device or something
 * it tries is refused. A side effect, so never replayed; and only for events after the owner
 * subscribed, so a processor catching up on old events mails nobody about the past. A mail that
 * cannot be sent is logged and dropped: the owner's page still shows the event.
 */
@Component
@ProcessingGroup(ProcessorNames.OWNER_NOTIFICATIONS)
class OwnerNotifier {

    private static final Logger log = LoggerFactory.getLogger(OwnerNotifier.class);

    private final OwnerNotifications subscriptions;
    private final ObjectProvider<JavaMailSender> mail;
    private final OrganisationProperties organisation;
    private final String from;

    OwnerNotifier(OwnerNotifications subscriptions, ObjectProvider<JavaMailSender> mail,
            OrganisationProperties organisation,
            @Value("${ueledger.owner-view.mail-from:}") String from) {
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.organisation = organisation;
        this.from = from.isBlank() ? "ue-ledger@" + organisation.domains().get(0) : from;
    }

    @EventHandler
    @DisallowReplay
    void on(MdmCommandQueued e, DomainEventMessage<?> message) {
        send(message.getAggregateIdentifier(), e.occurredAt(),
                organisation.name() + " sent a request to your device",
                organisation.name() + " asked your device for " + PlainWords.request(e.requestType()) + ".");
    }

    @EventHandler
    @DisallowReplay
    void on(MdmCommandRefused e, DomainEventMessage<?> message) {
        send(message.getAggregateIdentifier(), e.occurredAt(),
                organisation.name() + " tried something on your device that was refused",
                organisation.name() + " tried " + PlainWords.request(e.requestType())
                        + ". The rules of User Enrollment refused it, and nothing was sent to your device.\n\nWhy: "
                        + e.reason());
    }

    private void send(String enrollmentRef, Instant at, String subject, String what) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return;
        }
        List<String> recipients = subscriptions.recipients(enrollmentRef, at);
        for (String to : recipients) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(to);
            message.setSubject(subject);
            message.setText(what + "\n\nSee everything that happened on this device, with the proof:\n"
                    + organisation.url("/my/enrollments/" + UriUtils.encodePathSegment(enrollmentRef,
                            StandardCharsets.UTF_8))
                    + "\n\nYou get this e-mail because you asked for it on that page; you can stop it there.\n");
            try {
                sender.send(message);
            } catch (MailException e) {
                log.warn("Owner view: could not e-mail the owner of enrollment {}: {}", enrollmentRef, e.getMessage());
            }
        }
        if (!recipients.isEmpty()) {
            log.info("Owner view: e-mailed the owner of enrollment {}: {}", enrollmentRef, subject);
        }
    }
}
