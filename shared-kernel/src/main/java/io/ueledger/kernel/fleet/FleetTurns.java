package io.ueledger.kernel.fleet;

import java.time.Duration;

/**
 * Turns shared by every node of one installation: a named piece of work (the silence sweep, a
 * checkpoint, a push to one device) is done by one node per interval, whichever asks first. The
 * command side keeps the turns in PostgreSQL; both sides ask through this port, so neither needs
 * the other and the kernel stays free of infrastructure.
 */
public interface FleetTurns {

    /** @return true when this node takes the turn: nobody did {@code name} within {@code interval} */
    boolean take(String name, Duration interval);
}
