package io.ueledger.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.enrollment.request.EnrollmentRequest;
import io.ueledger.command.enrollment.request.EnrollmentRequestReader;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In the embedded default, the server's only device trust anchor is the simulated device CA (evidence, not a gate). */
class DeviceEnrollmentRequestIT extends IntegrationTest {

    private static final MachineInfo IPHONE = new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2.1", null, null);

    @Autowired
    EnrollmentRequestReader reader;
    @Autowired
    ServerPki pki;
    @Autowired
    CertificateMaker maker;

    @Test
    void a_simulated_device_request_is_accepted_by_the_running_server() {
        Identity device = DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(), maker);

        EnrollmentRequest request = reader.read(DeviceRequestSigner.sign(IPHONE, device));

        assertThat(request.machineInfo()).isEqualTo(IPHONE);
        assertThat(request.signerSubject()).startsWith("CN=Simulated Device ");
    }

    @Test
    void a_device_identity_from_any_other_ca_is_recorded_as_untrusted_by_default() {
        Identity impostorCa = maker.selfSignedCa("CN=ue-ledger Simulated Device CA,O=ue-ledger simulator",
                Duration.ofDays(30));
        Identity device = DeviceRequestSigner.newDeviceIdentity(impostorCa, maker);

        assertThat(reader.read(DeviceRequestSigner.sign(IPHONE, device)).signerEvidence().verdict())
                .isEqualTo(io.ueledger.kernel.enrollment.SignerVerdict.UNTRUSTED);
    }
}
