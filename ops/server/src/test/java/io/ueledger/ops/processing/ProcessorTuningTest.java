package io.ueledger.ops.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.processing.ProcessorNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * application.yml can't reference {@link ProcessorNames}; a processor it tunes under a misspelt or
 * retired name would silently fall back to Axon's defaults. So every name there must be one of them.
 */
class ProcessorTuningTest {

    @Test
    @SuppressWarnings("unchecked")
    void every_processor_application_yml_tunes_is_a_named_processor() throws IOException {
        Map<String, Object> processors;
        try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
            Map<String, Object> root = new Yaml().load(yml);
            Map<String, Object> axon = (Map<String, Object>) root.get("axon");
            processors = (Map<String, Object>) ((Map<String, Object>) axon.get("eventhandling")).get("processors");
        }

        assertThat(processors).isNotEmpty();
        assertThat(ProcessorNames.ALL).containsAll(processors.keySet());
    }
}
