package dev.cartwright.examples;

import dev.cartwright.examples.micro.Microservices;
import dev.cartwright.examples.micro.OrderService;
import dev.cartwright.examples.micro.ProductService;
import dev.cartwright.examples.micro.UserService;
import dev.cartwright.examples.monolith.Monolith;
import dev.cartwright.examples.serverless.LambdaLocal;
import dev.cartwright.examples.serverless.ServerlessLocal;
import dev.cartwright.examples.tour.Tour;
import java.util.Arrays;

/**
 * The entry point of {@code cartwright-examples.jar}: the first argument picks the program.
 * <pre>
 * java -jar examples/target/cartwright-examples.jar monolith
 * java -jar examples/target/cartwright-examples.jar tour
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the program the first argument names, or lists them.
     *
     * @param args the program's name, then its arguments
     */
    public static void main(String[] args) throws Exception {
        String program = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (program) {
            case "monolith" -> Monolith.main(rest);
            case "tour" -> Tour.main(rest);
            case "lambda-local" -> LambdaLocal.main(rest);
            case "serverless-local" -> ServerlessLocal.main(rest);
            case "microservices" -> Microservices.main(rest);
            case "user-service" -> UserService.main(rest);
            case "product-service" -> ProductService.main(rest);
            case "order-service" -> OrderService.main(rest);
            case "--help", "-h", "help" -> System.out.print(usage());
            default -> {
                System.err.print("unknown program: " + program + "\n\n" + usage());
                System.exit(2);
            }
        }
    }

    static String usage() {
        return """
                usage: java -jar cartwright-examples.jar PROGRAM

                programs:
                  monolith   the whole shop over HTTP on one database (env: PORT=3000, DATABASE_URL, ADMIN_TOKEN)
                  tour       a scripted day in a shop, printed step by step (in memory, no setup)
                  lambda-local EVENT.json [EVENT.json ...]
                             runs the serverless function on API Gateway events, in order, and prints each response
                  serverless-local
                             the serverless function behind plain HTTP on PORT=3000, each request an HTTP API event
                  microservices
                             the three services below in one process, wired together (a store each), and an edge
                             router in front of them: the whole shop at one address (env: EDGE_PORT=8000,
                             USER_SERVICE_PORT=8080, PRODUCT_SERVICE_PORT=8081, ORDER_SERVICE_PORT=8082)
                  user-service     accounts and sessions (env: PORT=8080, DATABASE_URL or DB_HOST, ADMIN_TOKEN)
                  product-service  catalog and stock (env: PORT=8081, DATABASE_URL or DB_HOST, ADMIN_TOKEN,
                                   SERVICE_TOKEN)
                  order-service    carts, checkout, orders, payments (env: PORT=8082, DATABASE_URL or DB_HOST,
                                   ADMIN_TOKEN, SERVICE_TOKEN, USER_SERVICE_URL, PRODUCT_SERVICE_URL)
                """;
    }
}
