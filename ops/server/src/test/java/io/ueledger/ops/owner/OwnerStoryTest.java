package io.ueledger.ops.owner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.query.HistoryEntryView;
import io.ueledger.ops.console.devices.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The owner's plain-words story of an enrollment, from history rows as the history view stores them. */
class OwnerStoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");
    private int sequence;

    private HistoryEntryView event(String type, String payload) {
        int n = sequence++;
        return new HistoryEntryView("e" + n, (long) n, "enr-1", n, type, T0.plusSeconds(n), T0.plusSeconds(n),
                "system", type + " happened", payload);
    }

    @Nested
    class An_open_enrollment {

        @Test
        void tells_an_identity_renewal_and_its_outcome_in_plain_words() {
            OwnerStory story = OwnerStory.of(List.of(
                    event("MdmCommandQueued", "{\"commandUuid\":\"r1\",\"requestType\":\"InstallProfile\"}"),
                    event("IdentityRenewalStarted", "{\"commandUuid\":\"r1\",\"attempt\":1}"),
                    event("MdmCommandFailed", "{\"commandUuid\":\"r1\"}"),
                    event("IdentityRenewalFailed", "{\"commandUuid\":\"r1\",\"reason\":\"SCEP failed\","
                            + "\"willRetry\":true}"),
                    event("MdmCommandQueued", "{\"commandUuid\":\"r2\",\"requestType\":\"InstallProfile\"}"),
                    event("IdentityRenewalStarted", "{\"commandUuid\":\"r2\",\"attempt\":2}"),
                    event("IdentityCertificateRenewed", "{\"notAfter\":\"2027-03-03T09:00:00Z\"}"),
                    event("MdmCommandAcknowledged", "{\"commandUuid\":\"r2\"}")), JSON);

            assertThat(story.asked()).extracting(a -> a.outcome()).containsExactly(
                    "it did not work (SCEP failed); your organisation will try again",
                    "the device renewed its certificate, valid until 2027-03-03T09:00:00Z");
            assertThat(story.asked()).allSatisfy(a -> assertThat(a.what())
                    .startsWith("To renew the certificate that identifies this device"));
            assertThat(story.installed()).as("the work profile itself is not listed as something added").isEmpty();
        }

        @Test
        void lists_what_was_installed_asked_and_refused_in_plain_words() {
            OwnerStory story = OwnerStory.of(List.of(
                    event("ManagedDataKeysCreated", "{\"dataClasses\":[\"NOTES\",\"MAIL\"]}"),
                    event("ProfileInstalled", "{\"profileIdentifier\":\"com.corp.vpn\",\"perAppNetworking\":"
                            + "[{\"kind\":\"VPN\",\"payloadIdentifier\":\"com.corp.vpn.p\",\"appBundleIds\":[\"com.corp.mail\"]}]}"),
                    event("ManagedAppInstalled", "{\"bundleId\":\"com.corp.mail\"}"),
                    event("ManagedAppInstalled", "{\"bundleId\":\"com.corp.chat\"}"),
                    event("ManagedAppRemoved", "{\"bundleId\":\"com.corp.chat\"}"),
                    event("MdmCommandQueued", "{\"commandUuid\":\"c1\",\"requestType\":\"InstalledApplicationList\"}"),
                    event("ManagedAppInventoryReported", "{\"commandUuid\":\"c1\",\"apps\":[{},{}]}"),
                    event("MdmCommandQueued", "{\"commandUuid\":\"c2\",\"requestType\":\"DeviceInformation\","
                            + "\"narrowing\":\"UDID removed\"}"),
                    event("MdmCommandRefused", "{\"requestType\":\"EraseDevice\",\"rule\":\"ue.cannot.remote-wipe\","
                            + "\"reason\":\"a personal device is never wiped\",\"source\":\"Apple, User Enrollment\"}")),
                    JSON);

            assertThat(story.installed()).extracting(i -> i.kind() + ": " + i.name() + (i.removed() ? " (removed)" : ""))
                    .containsExactly("Settings profile: com.corp.vpn", "Per-app VPN: for the work apps com.corp.mail",
                            "Work app: com.corp.mail", "Work app: com.corp.chat (removed)");
            assertThat(story.asked()).extracting(a -> a.what() + " / " + a.outcome()).containsExactly(
                    "The list of work apps it installed (never your own apps) / the device answered with 2 work app(s)",
                    "Basic facts about the device (such as its model and system version) / waiting for the device; "
                            + "narrowed by the rules before sending: UDID removed");
            assertThat(story.refused()).singleElement().satisfies(r -> {
                assertThat(r.what()).isEqualTo("To erase the whole device, your own data included");
                assertThat(r.reason()).isEqualTo("a personal device is never wiped");
                assertThat(r.rule()).isEqualTo("ue.cannot.remote-wipe");
                assertThat(r.source()).isEqualTo("Apple, User Enrollment");
            });
            assertThat(story.ending().closed()).isFalse();
            assertThat(story.ending().keysDestroyed()).as("what will be destroyed")
                    .containsExactly("notes", "mail attachments and bodies");
        }
    }

    @Nested
    class An_ended_enrollment {

        @Test
        void says_how_it_ended_and_marks_erased_values() {
            OwnerStory story = OwnerStory.of(List.of(
                    event("ManagedDataRemoved", "{\"profiles\":[\"com.corp.vpn\"],\"managedApps\":[\"com.corp.mail\"],"
                            + "\"accounts\":[\"[shredded]\"]}"),
                    event("ManagedDataKeysDestroyed", "{\"dataClasses\":[\"NOTES\"],\"serverKeyCommitment\":\"ab\"}"),
                    event("EnrollmentClosed", "{\"reason\":\"CHECKED_OUT\"}")), JSON);

            assertThat(story.ending().closed()).isTrue();
            assertThat(story.ending().how()).isEqualTo("you removed the work account from the device");
            assertThat(story.ending().serverKeyDestroyed()).isTrue();
            assertThat(story.ending().keysDestroyed()).containsExactly("notes");
            assertThat(story.ending().removed()).hasSize(3);
            assertThat(story.ending().removed().get(2)).containsExactly(
                    new TimelineEntry.Part("Work account ", false), new TimelineEntry.Part("[shredded]", true));
        }
    }
}
