package io.ueledger.command.shredding;

import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Puts {@link ShreddingSerializer} around the serializers Axon builds for events and for the
 * general purpose (snapshots use the general one). Wrapping Axon's own beans keeps every setting
 * the starter applied (revision resolver, object mapper) instead of rebuilding them here.
 */
@Configuration(proxyBeanMethods = false)
public class ShreddingConfig {

    private static final java.util.Set<String> WRAPPED = java.util.Set.of("eventSerializer", "serializer");

    @Bean
    static BeanPostProcessor shreddingSerializers(ObjectProvider<DataKeyStore> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (WRAPPED.contains(beanName) && bean instanceof JacksonSerializer jackson) {
                    // resolved at the first event, not per event: the bean look-up showed on every request's profile
                    return new ShreddingSerializer(jackson, SingletonSupplier.of(keys::getObject));
                }
                return bean;
            }
        };
    }
}
