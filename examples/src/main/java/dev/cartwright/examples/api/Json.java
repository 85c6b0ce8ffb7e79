package dev.cartwright.examples.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.cartwright.error.CommerceException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies into DTO records and writes responses, with one strict {@link ObjectMapper}: unknown
 * fields, trailing tokens, nulls for numbers, scalar coercions ({@code "2"} for {@code 2}) and fractions or
 * exponents where a whole number is expected ({@code 2.9}, {@code 1.0}, {@code 2e0}) are refused, as are whole
 * numbers out of range.
 * Every reading failure becomes a {@code VALIDATION} {@link CommerceException} naming the field, so the client
 * sees a 400 problem, never Jackson's message or a stack trace.
 */
public final class Json {

    static final String CONTENT_TYPE = "application/json";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // 2.9 for a quantity is a mistake to name, not 2 to act on.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private Json() {
    }

    /**
     * @param ctx the request
     * @param type the DTO record
     * @param <T> its type
     * @return the body as that record
     * @throws CommerceException {@code VALIDATION} for a missing, malformed or mistyped body or an unknown field
     */
    public static <T> T read(Exchange ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new UnsupportedMediaType(contentType);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw CommerceException.invalid("body", "must be a JSON object");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw CommerceException.invalid("body", "must be a JSON object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof CommerceException commerce) {
                throw commerce;
            }
            throw CommerceException.invalid(path(e), "is not valid");
        } catch (UnrecognizedPropertyException e) {
            throw CommerceException.invalid(path(e), "is not a known field");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw CommerceException.invalid(field, field.equals("body") ? "must be a JSON object of the documented shape"
                    : "has the wrong type");
        } catch (JsonParseException e) {
            throw CommerceException.invalid("body", "is not well-formed JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonMappingException e) {
            throw CommerceException.invalid(path(e), "is not valid");
        } catch (JsonProcessingException e) {
            throw CommerceException.invalid("body", "is not well-formed JSON");
        } catch (IOException e) {
            throw CommerceException.invalid("body", "could not be read");
        }
    }

    /**
     * Writes {@code value} as the JSON response.
     *
     * @param ctx the request
     * @param status the status
     * @param value a DTO record, list or map
     */
    public static void send(Exchange ctx, int status, Object value) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "body";
        }
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A body that is not JSON: 415. */
    static final class UnsupportedMediaType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedMediaType(String contentType) {
            super("Content-Type " + contentType + " is not supported: send application/json");
        }
    }
}
