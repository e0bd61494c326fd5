package io.ueledger.kernel.processing;

import java.util.List;

/**
 * The name of every Axon event processor (one per processing group) in one place. Handlers name
 * their group with these constants, each side's Axon configuration class ({@code AxonCommandConfig},
 * {@code AxonQueryConfig}) wires its processors by them, the replay API resolves them, and the
 * server's {@code application.yml} tunes the pooled ones under the same names (a test checks that
 * every name there is one of these). A processor's name is also the key of its tracking token, so
 * renaming one replays it from the start.
 */
public final class ProcessorNames {

    // command side: lookups it decides with, written in the events' own transaction (subscribing)

    /** Device certificate to enrollment, read on every device request. */
    public static final String DEVICE_IDENTITY = "device-identity";
    /** Platform and OS version per enrollment, read by the admin command API. */
    public static final String ENROLLMENT_DEVICE = "enrollment-device";
    /** The account directory sign-in and enrollment check; its handler errors roll the command back. */
    public static final String ACCOUNT_DIRECTORY = "account-directory";
    /** Closed enrollments' lookups and the removal of their rows. */
    public static final String UNENROLLMENT_LOOKUP = "unenrollment-lookup";

    // command side: followers off the device hot path

    /** Progress of admin command batches (pooled). */
    public static final String COMMAND_BATCH_PROGRESS = "command-batch-progress";
    /** APNs pushes for queued commands (tracking, one thread, starts at the head of the stream). */
    public static final String APNS_PUSH = "apns-push";

    // query side: rebuildable views (pooled; handler errors retry the batch)

    public static final String ENROLLMENT_REGISTRY = "enrollment-registry";
    public static final String DEVICE_HISTORY = "device-history";
    public static final String ACCOUNT_REGISTRY = "account-registry";
    public static final String COMPLIANCE_EVIDENCE = "compliance-evidence";
    /** Declarations, assignments and the status devices report (Declarative Device Management). */
    public static final String DDM_STATUS = "ddm-status";

    // query side: the owner view's index (pooled; not rebuildable: closed enrollments could not be linked again)

    public static final String OWNER_INDEX = "owner-index";

    // server: e-mails to subscribed device owners (pooled; a side effect, never replayed)

    public static final String OWNER_NOTIFICATIONS = "owner-notifications";

    // query side: the append-only ledger (tracking, one segment, one thread; never replayed)

    public static final String LEDGER = "ledger";

    /** Every processor name, command side first. */
    public static final List<String> ALL = List.of(DEVICE_IDENTITY, ENROLLMENT_DEVICE, ACCOUNT_DIRECTORY,
            UNENROLLMENT_LOOKUP, COMMAND_BATCH_PROGRESS, APNS_PUSH, ENROLLMENT_REGISTRY, DEVICE_HISTORY,
            ACCOUNT_REGISTRY, COMPLIANCE_EVIDENCE, DDM_STATUS, OWNER_INDEX, LEDGER, OWNER_NOTIFICATIONS);

    private ProcessorNames() {
    }
}
