package dev.furrow.farm;

import java.util.Map;

/** Where the farm's database and AMQP broker come from. */
public enum Services {

    /** Embedded MariaDB unless FURROW_DB_URL is set; embedded broker unless FURROW_AMQP_URL is set. */
    AUTO,
    /** Embedded MariaDB and broker, whatever the environment says. */
    EMBEDDED,
    /** Never embedded: FURROW_DB_URL / FURROW_AMQP_URL, or the local servers on 3306 / 5672 when they are unset. */
    EXTERNAL;

    public boolean embedsDatabase(Map<String, String> environment) {
        return embeds(environment, SharedServices.DB_URL);
    }

    public boolean embedsBroker(Map<String, String> environment) {
        return embeds(environment, SharedServices.AMQP_URL);
    }

    private boolean embeds(Map<String, String> environment, String variable) {
        return switch (this) {
            case AUTO -> isBlank(environment.get(variable));
            case EMBEDDED -> true;
            case EXTERNAL -> false;
        };
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
