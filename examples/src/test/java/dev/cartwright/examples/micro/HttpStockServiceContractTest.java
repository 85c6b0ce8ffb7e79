package dev.cartwright.examples.micro;

import dev.cartwright.CommerceStore;
import dev.cartwright.inventory.StockService;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.testkit.StockServiceContract;
import org.junit.jupiter.api.AfterEach;

/** The stock service's whole contract, met over HTTP: the client answers exactly as the holds it calls. */
class HttpStockServiceContractTest extends StockServiceContract {

    private static final String TOKEN = "service-token";

    private ServiceHost host;

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }

    @Override
    protected StockService serve(StockService stockHolds) {
        host = ServiceHost.serve(new StockRoutes(stockHolds, new ServiceToken(TOKEN))::register);
        return HttpStockService.of(host.uri(), TOKEN, RemoteCalls.Settings.DEFAULT, RemoteCalls.Listener.NONE);
    }

    @AfterEach
    void stopServing() {
        host.close();
    }
}
