package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/** The agent's REST API (PyFarm's, under /api/v1) on Micronaut's Netty server, bound to all interfaces. */
public final class AgentHttpServer {

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private AgentHttpServer(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    public static AgentHttpServer start(Agent agent) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "furrow-render-agent",
                        "micronaut.server.port", agent.config().port(),
                        // Handlers read files and stop processes: keep them off the event loop.
                        "micronaut.server.thread-selection", "BLOCKING",
                        "micronaut.server.netty.worker.threads", 2,
                        "jackson.serialization.indentOutput", true,
                        // PyFarm shows unset values as null and empty lists as []; Micronaut would drop them.
                        "jackson.serialization-inclusion", "ALWAYS"))
                .singletons(agent)
                .start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new AgentHttpServer(context, server);
        } catch (RuntimeException e) {
            context.close();
            throw new IllegalStateException("cannot serve the agent API on port " + agent.config().port() + " ("
                    + e.getMessage() + "); is another agent running? Pick another --port", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public void stop() {
        server.stop();
        context.close();
    }
}
