package dev.cartwright.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of every exception that Cartwright throws on purpose.
 *
 * <p>Each instance carries a stable {@link ErrorCode} and, for invalid input, the name of the
 * offending field. Operations that throw a {@code CommerceException} have changed nothing.
 */
public class CommerceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    /**
     * Creates an exception with a code and a message.
     *
     * @param code the stable code
     * @param message a human-readable explanation
     */
    public CommerceException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    /**
     * Creates an exception with a code, the offending field, a message and a cause.
     *
     * @param code the stable code
     * @param field the offending field, or {@code null}
     * @param message a human-readable explanation
     * @param cause the underlying failure, or {@code null}
     */
    public CommerceException(ErrorCode code, String field, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** @return the stable machine-readable code */
    public ErrorCode code() {
        return code;
    }

    /** @return the name of the offending input field, when the failure is about one */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * An invalid argument. A reason that quotes the argument may hold what made it invalid: U+0000 and unpaired
     * surrogates in it are replaced with U+FFFD, so that the message can be logged and sent as JSON.
     *
     * @param field the argument's name, as the caller knows it
     * @param reason what is wrong with it
     * @return the exception, to throw
     */
    public static CommerceException invalid(String field, String reason) {
        return new CommerceException(ErrorCode.VALIDATION, field, field + " " + Validate.storable(reason), null);
    }

    /**
     * A missing thing.
     *
     * @param what the kind of thing, such as {@code "product"}
     * @param id how it was asked for
     * @return the exception, to throw
     */
    public static CommerceException notFound(String what, Object id) {
        return new CommerceException(ErrorCode.NOT_FOUND, what + " not found: " + id);
    }

    /**
     * A concurrent or duplicate change.
     *
     * @param message what collided
     * @return the exception, to throw
     */
    public static CommerceException conflict(String message) {
        return new CommerceException(ErrorCode.CONFLICT, message);
    }

    /**
     * A storage failure, keeping its cause.
     *
     * @param message what was being done
     * @param cause the adapter's exception
     * @return the exception, to throw
     */
    public static CommerceException storage(String message, Throwable cause) {
        return new CommerceException(ErrorCode.STORAGE, null, message, cause);
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + code + (field == null ? "" : ", field=" + field) + "]: " + getMessage();
    }
}
