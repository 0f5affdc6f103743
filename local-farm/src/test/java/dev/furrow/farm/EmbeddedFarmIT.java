package dev.furrow.farm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The farm as `make run` starts it on a machine with nothing configured: embedded MariaDB and AMQP broker. */
class EmbeddedFarmIT extends FarmBehaviour {

    @TempDir
    static Path dataDir;
    static LocalFarm farm;
    static FarmClient api;

    @BeforeAll
    static void startFarm() {
        FarmOptions options = FarmOptions.defaults(checkout(), Map.of())
                .withDataDir(dataDir)
                .withPorts(FreePort.pick(), FreePort.pick())
                .withEmbeddedPorts(FreePort.pick(), FreePort.pick());
        farm = new LocalFarm(options, System.out);
        farm.start();
        api = new FarmClient(farm.apiUrl());
    }

    @AfterAll
    static void stopFarm() {
        if (farm != null) {
            farm.close();
        }
    }

    @Override
    FarmClient api() {
        return api;
    }
}
