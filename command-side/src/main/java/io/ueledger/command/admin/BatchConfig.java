package io.ueledger.command.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One background thread for group commands: a batch is a loop of ordinary per-device decisions,
 * and one at a time keeps it from crowding out device check-ins on a small machine.
 */
@Configuration(proxyBeanMethods = false)
public class BatchConfig {

    public static final String EXECUTOR = "commandBatchExecutor";

    @Bean(name = EXECUTOR)
    public ThreadPoolTaskExecutor commandBatchExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("command-batch-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }
}
