package io.ueledger.command.admin;

import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The User Enrollment policy over the matrix shipped in the kernel, loaded once, and the one MDM
 * command decision point built on it.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyConfig {

    @Bean
    @ConditionalOnMissingBean
    public UserEnrollmentPolicy userEnrollmentPolicy() {
        return UserEnrollmentPolicy.standard();
    }

    @Bean
    public MdmCommandDecider mdmCommandDecider(UserEnrollmentPolicy policy) {
        return new MdmCommandDecider(policy);
    }
}
