package dev.cartwright.benchmarks;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of the http benchmark: Javalin, as the monolith runs it, with the same two routes and no domain
 * work. {@code GET /products} answers a fixed body and {@code POST /orders} reads the request body and answers a
 * fixed 201, both {@code application/json}, the bodies being the monolith's own answers, captured by
 * {@link HttpBenchmark}. Run in a child JVM: {@code TrivialJavalin <port> <products.json> <order.json>}.
 */
final class TrivialJavalin {

    private static final String JSON = "application/json";

    private TrivialJavalin() {
    }

    /**
     * Serves until SIGTERM.
     *
     * @param args the port, the file of the products answer, the file of the order answer
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        byte[] products = Files.readAllBytes(Path.of(args[1]));
        byte[] order = Files.readAllBytes(Path.of(args[2]));
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/products", ctx -> ctx.status(200).contentType(JSON).result(products));
            config.routes.post("/orders", ctx -> {
                if (ctx.bodyAsBytes().length == 0) {
                    ctx.status(400);
                    return;
                }
                ctx.status(201).contentType(JSON).result(order);
            });
        });
        server.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
    }
}
