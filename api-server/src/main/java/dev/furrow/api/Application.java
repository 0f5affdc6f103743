package dev.furrow.api;

import io.micronaut.runtime.Micronaut;

/** Starts the api-server: migrates the database, connects to the broker, serves /api/v1. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
