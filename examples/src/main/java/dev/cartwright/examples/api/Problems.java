package dev.cartwright.examples.api;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus {@code code} (the {@link ErrorCode}), {@code field} (the offending input,
 * or null) and {@code requestId}; a stock refusal adds what its exception holds, so a client can rebuild it:
 * {@code sku}, {@code requested} and {@code available} for {@link InsufficientStockException}, {@code sku},
 * {@code returned} and {@code sold} for {@link ReturnExceedsSoldException}. {@link #STATUS} is the one table from error code to HTTP status.
 * Transport failures that no service raised use the nearest code: an unknown route is {@code NOT_FOUND} (404),
 * a body over the size limit is {@code VALIDATION} with status 413, a body that is not JSON is
 * {@code VALIDATION} with status 415, a wrong method is {@code NOT_FOUND} with 405. Refusals of the API's own limits
 * carry a code of their own and {@code Retry-After}: {@code TOO_MANY_REQUESTS} (429) for a login or registration over
 * its {@link LoginThrottle} budget, {@code SERVICE_UNAVAILABLE} (503) when no slot is free to hash a password in. Anything unexpected is
 * logged with its stack trace and answered 500 with code {@code INTERNAL} and no detail. A failure a service raised
 * with a {@code 5xx} status (a store, a gateway or a stock service that did not answer) is answered with its code and
 * a fixed detail: its message names the causes (exception classes, hosts, SQL), which are for the log only.
 */
public final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    /** The single error code to HTTP status table. */
    public static final Map<ErrorCode, Integer> STATUS = table();

    private Problems() {
    }

    private static Map<ErrorCode, Integer> table() {
        Map<ErrorCode, Integer> status = new EnumMap<>(ErrorCode.class);
        status.put(ErrorCode.VALIDATION, 400);
        status.put(ErrorCode.UNAUTHENTICATED, 401);
        status.put(ErrorCode.FORBIDDEN, 403);
        status.put(ErrorCode.NOT_FOUND, 404);
        status.put(ErrorCode.CONFLICT, 409);
        status.put(ErrorCode.IN_PROGRESS, 409);
        status.put(ErrorCode.INVALID_TRANSITION, 409);
        status.put(ErrorCode.INSUFFICIENT_STOCK, 422);
        status.put(ErrorCode.PAYMENT_DECLINED, 422);
        status.put(ErrorCode.PROMOTION_NOT_APPLICABLE, 422);
        status.put(ErrorCode.LIMIT_EXCEEDED, 422);
        status.put(ErrorCode.CURRENCY_MISMATCH, 422);
        status.put(ErrorCode.ARITHMETIC_OVERFLOW, 422);
        status.put(ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, 503);
        status.put(ErrorCode.STORAGE, 503);
        status.put(ErrorCode.STOCK_SERVICE_UNAVAILABLE, 503);
        for (ErrorCode code : ErrorCode.values()) {
            if (!status.containsKey(code)) {
                throw new IllegalStateException("no HTTP status for " + code);
            }
        }
        return Map.copyOf(status);
    }

    /**
     * Answers a failure that a host met before the API saw the call (a body its server refused as too large, say)
     * with the problem the API would have answered.
     *
     * @param exchange the call
     * @param status the status the host met
     */
    static void transport(Exchange exchange, int status) {
        switch (status) {
            case 404 -> send(exchange, 404, ErrorCode.NOT_FOUND.name(), null,
                    "no such route: " + exchange.method() + " " + exchange.path());
            case 413 -> send(exchange, 413, ErrorCode.VALIDATION.name(), "body", "the request body is too large");
            case 503 -> {
                // The server is stopping (or overloaded) and did not start the request: it is safe to send again.
                exchange.header("Retry-After", "2");
                send(exchange, 503, "SERVICE_UNAVAILABLE", null, "the server is not taking requests now; retry later");
            }
            default -> send(exchange, status, status < 500 ? ErrorCode.VALIDATION.name() : "INTERNAL", null,
                    "the request could not be handled");
        }
    }

    /**
     * Answers a request that could not be read as {@code 400} with code {@code VALIDATION} naming what was wrong,
     * for hosts whose transport can carry malformed requests (an API Gateway event missing its method, say).
     *
     * @param exchange the call
     * @param field what was wrong
     * @param detail how
     */
    public static void invalid(Exchange exchange, String field, String detail) {
        ShopApi.prepare(exchange);
        send(exchange, 400, ErrorCode.VALIDATION.name(), field, detail);
    }

    /**
     * Answers what a proxy in front of the API could not do itself (a service that did not answer, say) as the API
     * answers its problems, with the headers every answer carries and a request id of its own.
     *
     * @param exchange the call as the proxy received it
     * @param status a {@code 5xx} status, such as {@code 502}
     * @param code the problem's code, such as {@code BAD_GATEWAY}
     * @param detail what went wrong, in words safe to show a client
     */
    public static void gateway(Exchange exchange, int status, String code, String detail) {
        ShopApi.prepare(exchange);
        if (status == 503) {
            exchange.header("Retry-After", "2");
        }
        send(exchange, status, code, null, detail);
    }

    /** Answers a service's failure with the status of its code. */
    static void send(Exchange ctx, CommerceException failure) {
        int status = STATUS.get(failure.code());
        Map<String, Object> problem = problem(ctx, status, failure.code().name(), failure.field().orElse(null),
                status >= 500 ? unavailable(failure.code()) : failure.getMessage());
        if (failure instanceof InsufficientStockException shortOf) {
            problem.put("sku", shortOf.sku().value());
            problem.put("requested", shortOf.requested());
            problem.put("available", shortOf.available());
        } else if (failure instanceof ReturnExceedsSoldException over) {
            problem.put("sku", over.sku().value());
            problem.put("returned", over.returned());
            problem.put("sold", over.sold());
        }
        send(ctx, problem);
    }

    private static String unavailable(ErrorCode code) {
        return switch (code) {
            case STOCK_SERVICE_UNAVAILABLE -> "the stock service did not answer; retry later";
            case PAYMENT_GATEWAY_UNAVAILABLE -> "the payment gateway did not answer; retry later";
            default -> "the request could not be completed now; retry later";
        };
    }

    static void send(Exchange ctx, int status, String code, String field, String detail) {
        send(ctx, problem(ctx, status, code, field, detail));
    }

    private static Map<String, Object> problem(Exchange ctx, int status, String code, String field, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://cartwright.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", title(code));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        problem.put("field", field);
        problem.put("requestId", ctx.requestId());
        return problem;
    }

    private static void send(Exchange ctx, Map<String, Object> problem) {
        Json.send(ctx, (Integer) problem.get("status"), problem);
        ctx.contentType(CONTENT_TYPE);
    }

    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
