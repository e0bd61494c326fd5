package io.ueledger.kernel.web;

/**
 * The order of the web error handlers (Spring {@code @ControllerAdvice} / {@code @RestControllerAdvice}
 * with {@code @ExceptionHandler}), most specific first. Spring asks the advices in this order and the
 * first one that has a handler for the exception answers, even if a later one has a closer match. So
 * an advice limited to a few controllers comes before one limited to a package, and those before the
 * global ones; of the global ones, the one that catches broad types ({@code IllegalArgumentException})
 * comes last. Each advice has its own value, so the order never depends on bean registration.
 *
 * <p>Plain numbers, so the kernel stays free of Spring; the first equals Spring's
 * {@code Ordered.HIGHEST_PRECEDENCE}, the last {@code Ordered.LOWEST_PRECEDENCE}.
 */
public final class ErrorHandlingOrder {

    private static final int FIRST = Integer.MIN_VALUE;

    // limited to named controllers

    /** Check-in and command channel: the device protocol's own answers. */
    public static final int DEVICE_PROTOCOL = FIRST;
    /** The account admin API. */
    public static final int ACCOUNT_ADMIN = FIRST + 1;
    /** The declaration-set admin API (Declarative Device Management). */
    public static final int DECLARATION_SETS = FIRST + 2;

    // limited to one package (the packages do not overlap)

    /** The admin MDM command API ({@code command.admin}). */
    public static final int ADMIN_COMMANDS = FIRST + 10;
    /** The web console's pages ({@code ops.console}): error pages, not problem JSON. */
    public static final int CONSOLE = FIRST + 11;
    /** Evidence bundle exports ({@code query.export}). */
    public static final int EXPORT = FIRST + 12;
    /** The ledger's proofs and checkpoints ({@code query.ledger}). */
    public static final int LEDGER = FIRST + 13;
    /** Compliance reports ({@code query.compliance}). */
    public static final int COMPLIANCE = FIRST + 14;
    /** The read API ({@code query.web}). */
    public static final int QUERY_API = FIRST + 15;
    /** The device owner's view ({@code ops.owner}): its own error pages, never staff data. */
    public static final int OWNER_VIEW = FIRST + 16;

    // global, each for its own feature's exception types

    /** Refused enrollment requests. */
    public static final int ENROLLMENT_REQUESTS = 0;
    /** Commands the enrollment's lifecycle does not allow now. */
    public static final int ENROLLMENT_RULES = 1;
    /** View rebuilds, for every view's API. */
    public static final int REPLAY = 2;

    // global, broad types: last

    /** Unknown aggregates and bad input anywhere on the command side. */
    public static final int COMMAND_API = Integer.MAX_VALUE;

    private ErrorHandlingOrder() {
    }
}
