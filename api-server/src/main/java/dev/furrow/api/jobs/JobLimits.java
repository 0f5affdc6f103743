package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;

/** Value ranges of job columns, from PyFarm's models.yml and model validators. */
final class JobLimits {

    static final int MIN_PRIORITY = -1000;
    static final int MAX_PRIORITY = 1000;
    static final int MAX_TITLE_LENGTH = 255;
    static final int MIN_CPUS = 1;
    static final int MAX_CPUS = 256;
    static final int MIN_RAM = 16;
    static final int MAX_RAM = 262144;

    private JobLimits() {
    }

    static int priority(int value) {
        return within("priority", value, MIN_PRIORITY, MAX_PRIORITY);
    }

    /** PyFarm: 0 disables the minimum, -1 takes the whole agent. */
    static int cpus(int value) {
        if (value == 0 || value == -1) {
            return value;
        }
        return within("cpus", value, MIN_CPUS, MAX_CPUS, " (or 0 for no minimum, -1 for the whole agent)");
    }

    /** PyFarm: 0 disables the minimum, -1 takes all of the agent's ram. */
    static int ram(int value) {
        if (value == 0 || value == -1) {
            return value;
        }
        return within("ram", value, MIN_RAM, MAX_RAM, " MB (or 0 for no minimum, -1 for all of the agent's ram)");
    }

    static Integer ramLimit(String name, Integer value) {
        if (value == null) {
            return null;
        }
        return within(name, value, 1, MAX_RAM, " MB");
    }

    static int requeue(int value) {
        if (value < -1) {
            throw ApiException.badRequest("requeue (" + value + ") must be -1 (forever), 0 (never) or a positive number of retries");
        }
        return value;
    }

    static String title(String title) {
        if (title.isBlank()) {
            throw ApiException.badRequest("title must not be empty");
        }
        if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
            throw ApiException.badRequest("title is longer than " + MAX_TITLE_LENGTH + " characters");
        }
        if (title.chars().anyMatch(c -> c == 0)) {
            throw ApiException.badRequest("title must not contain NUL characters");
        }
        return title;
    }

    static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw ApiException.badRequest(name + " (" + value + ") must be at least " + minimum);
        }
        return value;
    }

    static Integer atLeast(String name, Integer value, int minimum) {
        return value == null ? null : atLeast(name, value.intValue(), minimum);
    }

    private static int within(String name, int value, int min, int max) {
        return within(name, value, min, max, "");
    }

    private static int within(String name, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw ApiException.badRequest(name + " (" + value + ") must be between " + min + " and " + max + unit);
        }
        return value;
    }
}
