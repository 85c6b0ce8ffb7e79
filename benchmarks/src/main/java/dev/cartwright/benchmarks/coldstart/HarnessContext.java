package dev.cartwright.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The invocation context the harness hands the handler, as the Lambda runtime would: a request id (a counter, as
 * the runtime's comes with the invocation and costs the function nothing), the function's name and memory,
 * 30 seconds to run, and a logger that writes to standard error.
 */
final class HarnessContext implements Context, LambdaLogger {

    private static final String FUNCTION = "coldstart";
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final AtomicLong INVOCATIONS = new AtomicLong();

    private final String requestId = "harness-" + INVOCATIONS.incrementAndGet();
    private final long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + FUNCTION;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public void log(String message) {
        System.err.println(message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
