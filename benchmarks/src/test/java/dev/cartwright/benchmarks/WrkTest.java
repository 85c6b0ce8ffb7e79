package dev.cartwright.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reads wrk's text report: its time units and its failure lines. */
class WrkTest {

    private static final String CLEAN = """
            Running 1s test @ http://127.0.0.1:18765/products
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.41ms    1.26ms   1.02s    86.24%
                Req/Sec     1.55k   303.71     1.99k    70.00%
              Latency Distribution
                 50%  960.00us
                 75%    1.68ms
                 90%    3.18ms
                 99%    1.20s
              3090 requests in 1.00s, 784.57KB read
            Requests/sec:   3088.14
            Transfer/sec:    784.13KB
            """;

    @Test
    void readsRequestsPerSecondAndConvertsEveryLatencyUnitToMicroseconds() {
        Wrk.Result result = Wrk.parse(CLEAN);

        assertThat(result.requestsPerSecond()).isEqualTo(3088.14);
        assertThat(result.requests()).isEqualTo(3090);
        assertThat(result.p50Micros()).isEqualTo(960.0);
        assertThat(result.p99Micros()).isCloseTo(1_200_000.0, within(1e-6));
        assertThat(result.failed()).isZero();
    }

    @Test
    void countsErrorStatusesAndSocketErrorsAsFailed() {
        String output = CLEAN.replace("  3090 requests in 1.00s, 784.57KB read\n", """
                  3090 requests in 1.00s, 784.57KB read
                  Socket errors: connect 1, read 2, write 3, timeout 4
                  Non-2xx or 3xx responses: 12
                """).replace("    99%    1.20s", "    99%   12.50ms");

        Wrk.Result result = Wrk.parse(output);

        assertThat(result.non2xx()).isEqualTo(12);
        assertThat(result.socketErrors()).isEqualTo(10);
        assertThat(result.failed()).isEqualTo(22);
        assertThat(result.p99Micros()).isEqualTo(12_500.0);
    }

    @Test
    void refusesAReportWithoutTheLatencyDistribution() {
        String output = CLEAN.replaceAll("(?s)  Latency Distribution.*?99%[^\\n]*\\n", "");

        assertThatThrownBy(() -> Wrk.parse(output)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("latency distribution");
    }
}
