package io.ueledger.command.unenrollment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the unenrollment paths: the silence sweep's schedule. Its lookup's processor is wired
 * with the command side's others in {@code AxonCommandConfig}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class UnenrollmentConfig {
}
