package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.client.Languages;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/** Properties that mean the same in every processor that has them. */
final class AsrProperties {

    static final PropertyDescriptor LANGUAGE = new PropertyDescriptor.Builder()
            .name("Language")
            .description("One language code when the language is known (" + String.join(", ", Languages.CODES)
                    + "); empty to let the service detect it. Any other value sends the FlowFile to failure.")
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
