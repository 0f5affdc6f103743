package dev.furrow.api;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of PyFarm's routing table is served: a request to it reaches a controller, which answers with the
 * route's own success or refusal, never the server's "no such route" 404 or a 405. The ids are made up, so most
 * answers are the controllers' 404s for unknown resources or 400s for the empty bodies.
 */
class RoutingTableTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static String concrete(String template) {
        return template.replace("{agent_id}", UUID.randomUUID().toString()).replaceAll("\\{[a-z_]+}", "1");
    }

    @TestFactory
    Stream<DynamicTest> schemasAnswerWithAndWithoutTrailingSlash() {
        return Stream.of("agents", "jobgroups", "jobqueues", "jobs", "jobtypes", "pathmaps", "software", "tags")
                .flatMap(resource -> Stream.of("/api/v1/" + resource + "/schema", "/api/v1/" + resource + "/schema/"))
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    ApiServer.Reply reply = api.get(path);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    assertThat(reply.json().get("id").asText()).isNotBlank();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyPyFarmRouteReachesAController() {
        String noRoute = api.get("/api/v1/no-such-route").json().get("error").asText();
        return PyFarmRoutes.ALL.stream().map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(concrete(route.path())));
            request = route.method().equals("GET") || route.method().equals("DELETE")
                    ? request.method(route.method(), HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json").method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
            ApiServer.Reply reply = api.send(request);
            assertThat(reply.status()).as(reply.body()).isNotEqualTo(405).isLessThan(500);
            if (reply.status() == 404) {
                assertThat(reply.json().get("error").asText()).as("a controller's 404, not the router's").isNotEqualTo(noRoute);
            }
        }));
    }
}
