package dev.cartwright.examples.micro;

import dev.cartwright.examples.api.DependencyUnavailableException;

/**
 * A call to another service got no definite answer: it failed in transport, timed out, was answered with a server
 * error, with something unreadable, or with a refusal that says the caller is misconfigured (a wrong service token,
 * a wrong base URL). The call may or may not have been performed. Deliberately not a
 * {@link dev.cartwright.error.CommerceException}, which are answers: the core reads this one as an unknown outcome
 * (a checkout then answers {@code STOCK_SERVICE_UNAVAILABLE}, 503) and repeats the call later under the same key;
 * where it reaches the route table unconverted (a token or product look-up), the API answers {@code 503}.
 */
public final class RemoteCallException extends DependencyUnavailableException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was called and what went wrong
     * @param cause the transport's failure, or {@code null}
     */
    public RemoteCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
