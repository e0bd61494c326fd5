package io.ueledger.ops.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load run's child server starts in its own work folder, so it must be told where its code is absolutely. */
class ChildServerLaunchTest {

    @Test
    void aJarNamedRelativeToWhereTheRunnerStartedIsPassedAbsolutely() {
        List<String> launch = ChildServer.launch("ue-ledger.jar");

        assertThat(launch).containsExactly("-jar", Path.of("ue-ledger.jar").toAbsolutePath().toString());
        assertThat(Path.of(launch.get(1))).isAbsolute();
    }

    @Test
    void everyEntryOfAPlainClasspathIsMadeAbsolute() {
        List<String> launch = ChildServer.launch("target/classes" + File.pathSeparator + "lib/a.jar");

        assertThat(launch.get(0)).isEqualTo("-cp");
        assertThat(launch.get(1).split(File.pathSeparator))
                .containsExactly(Path.of("target/classes").toAbsolutePath().toString(),
                        Path.of("lib/a.jar").toAbsolutePath().toString());
        assertThat(launch.get(2)).isEqualTo("io.ueledger.ops.UeLedgerApplication");
    }
}
