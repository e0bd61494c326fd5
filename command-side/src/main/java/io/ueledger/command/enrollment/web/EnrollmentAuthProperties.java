package io.ueledger.command.enrollment.web;

import io.ueledger.kernel.enrollment.AuthMethod;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param authMethod how the 401 asks the device to sign its user in: {@code apple-as-web} (the
 *                   simple method, SPEC.md section 4.1) or {@code apple-oauth2} (section 4.2)
 */
@ConfigurationProperties("ueledger.enrollment")
public record EnrollmentAuthProperties(@DefaultValue("apple-as-web") AuthMethod authMethod) {
}
