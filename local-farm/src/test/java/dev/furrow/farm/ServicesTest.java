package dev.furrow.farm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesTest {

    static final Map<String, String> NOTHING_CONFIGURED = Map.of();
    static final Map<String, String> DATABASE_CONFIGURED = Map.of("FURROW_DB_URL", "jdbc:mysql://db:3306/furrow");
    static final Map<String, String> BROKER_CONFIGURED = Map.of("FURROW_AMQP_URL", "amqp://guest:guest@mq:5672/%2F");

    @Test
    void byDefaultOnlyWhatTheEnvironmentDoesNotConfigureIsEmbedded() {
        assertThat(Services.AUTO.embedsDatabase(NOTHING_CONFIGURED)).isTrue();
        assertThat(Services.AUTO.embedsBroker(NOTHING_CONFIGURED)).isTrue();

        assertThat(Services.AUTO.embedsDatabase(DATABASE_CONFIGURED)).isFalse();
        assertThat(Services.AUTO.embedsBroker(DATABASE_CONFIGURED)).isTrue();

        assertThat(Services.AUTO.embedsDatabase(BROKER_CONFIGURED)).isTrue();
        assertThat(Services.AUTO.embedsBroker(BROKER_CONFIGURED)).isFalse();
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertThat(Services.AUTO.embedsDatabase(Map.of("FURROW_DB_URL", " "))).isTrue();
    }

    @Test
    void embeddedAndExternalIgnoreTheEnvironment() {
        assertThat(Services.EMBEDDED.embedsDatabase(DATABASE_CONFIGURED)).isTrue();
        assertThat(Services.EMBEDDED.embedsBroker(BROKER_CONFIGURED)).isTrue();
        assertThat(Services.EXTERNAL.embedsDatabase(NOTHING_CONFIGURED)).isFalse();
        assertThat(Services.EXTERNAL.embedsBroker(NOTHING_CONFIGURED)).isFalse();
    }

    @Test
    void externalServicesDefaultToTheLocalServersOfTheContract() {
        var database = SharedServices.externalDatabase(NOTHING_CONFIGURED);

        assertThat(database.url()).isEqualTo("jdbc:mysql://127.0.0.1:3306/furrow?createDatabaseIfNotExist=true");
        assertThat(database.user()).isEqualTo("root");
        assertThat(database.password()).isEmpty();
        assertThat(SharedServices.externalAmqpUrl(NOTHING_CONFIGURED)).isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
        assertThat(SharedServices.namespace(NOTHING_CONFIGURED)).isEqualTo("furrow");
    }

    @Test
    void printedUrlsHideThePassword() {
        assertThat(SharedServices.redacted("amqp://farm:s3cret@mq:5672/%2F")).isEqualTo("amqp://farm:***@mq:5672/%2F");
    }

    @Test
    void theHostAndPortOfJdbcAndAmqpUrlsAreFoundForTheReachabilityCheck() {
        assertThat(SharedServices.address("mysql://db.example:3310/furrow?x=1", 3306))
                .hasValueSatisfying(a -> assertThat(a.getHostString() + ":" + a.getPort()).isEqualTo("db.example:3310"));
        assertThat(SharedServices.address("amqp://guest:guest@mq/%2F", 5672))
                .hasValueSatisfying(a -> assertThat(a.getHostString() + ":" + a.getPort()).isEqualTo("mq:5672"));
        assertThat(SharedServices.address("mysql:loadbalance://h1,h2/furrow", 3306)).isEmpty();
    }
}
