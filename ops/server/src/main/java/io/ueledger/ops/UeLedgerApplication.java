package io.ueledger.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one-process assembly: command side, query side and the embedded defaults. */
@SpringBootApplication(scanBasePackages = "io.ueledger")
@ConfigurationPropertiesScan("io.ueledger")
public class UeLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(UeLedgerApplication.class, args);
    }
}
