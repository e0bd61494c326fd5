package io.ueledger.ops.simulator.load;

/** How a load run puts MDM commands in a device's queue, as an admin would. */
public interface MdmCommandQueue {

    /**
     * Queues an InstallProfile of a small configuration profile with this identifier.
     *
     * @return the command's CommandUUID
     */
    String installProfile(String enrollmentRef, String profileIdentifier);
}
