/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.processors;

import io.github.nifiqwenasr.api.Languages;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/** Properties that mean the same in every processor that has them. */
final class AsrProperties {

    /** A fixed Language must be a code some protocol accepts; an expression is checked per FlowFile. */
    private static ValidationResult validateLanguage(final String subject, final String input, final ValidationContext context) {
        final boolean valid = input == null || input.isBlank() || context.isExpressionLanguagePresent(input)
                || Languages.isKnown(input.strip());
        return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                .explanation(valid ? null : "'" + input + "' is not a supported language code; use one of "
                        + String.join(", ", Languages.CODES) + " (DashScope), or leave it empty to detect the language")
                .build();
    }

    /** The Model property of a processor: which model, with its default and what the name means there. */
    static PropertyDescriptor model(final String defaultModel, final String description) {
        return new PropertyDescriptor.Builder()
                .name("Model")
                .description(description)
                .required(true)
                .defaultValue(defaultModel)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    /**
     * The Audio URL property of a processor: a URL the service downloads the audio from (checked per FlowFile by
     * AudioInputs.checkAudioUrl), and what an empty value means there.
     */
    static PropertyDescriptor audioUrl(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Audio URL")
                .description(description)
                .required(false)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
                .build();
    }

    static final PropertyDescriptor LANGUAGE = new PropertyDescriptor.Builder()
            .name("Language")
            .description("One language code when the language is known; empty to let the model detect it. DashScope"
                    + " accepts " + String.join(", ", Languages.CODES) + "; a self-hosted Qwen3-ASR (TranscribeAudioShort"
                    + " only) accepts " + String.join(", ", Languages.OPEN_MODEL_CODES) + ". A fixed value is checked when"
                    + " the processor is configured (and against the client service's API protocol by Verify); a value"
                    + " from an expression that is not supported sends the FlowFile to failure.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .addValidator(AsrProperties::validateLanguage)
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
