package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.client.Languages;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/** Properties that mean the same in every processor that has them. */
final class AsrProperties {

    static final PropertyDescriptor LANGUAGE = new PropertyDescriptor.Builder()
            .name("Language")
            .description("One language code when the language is known; empty to let the model detect it. DashScope"
                    + " accepts " + String.join(", ", Languages.CODES) + "; a self-hosted Qwen3-ASR (TranscribeAudioShort"
                    + " only) accepts " + String.join(", ", Languages.OPEN_MODEL_CODES) + ". Any other value sends the"
                    + " FlowFile to failure.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    static final PropertyDescriptor ENABLE_ITN = new PropertyDescriptor.Builder()
            .name("Enable ITN")
            .description("Inverse text normalization: write spoken numbers as digits (Chinese and English only).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    private AsrProperties() {
    }
}
