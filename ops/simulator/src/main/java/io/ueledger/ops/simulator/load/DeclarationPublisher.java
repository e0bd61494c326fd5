package io.ueledger.ops.simulator.load;

/** How a load run puts a declaration set on a device, as an admin would (the device is then told to sync). */
public interface DeclarationPublisher {

    /** Assigns the run's declaration set to this enrollment; the server queues a DeclarativeManagement command. */
    void assign(String enrollmentRef);
}
