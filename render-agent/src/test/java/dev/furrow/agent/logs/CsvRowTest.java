package dev.furrow.agent.logs;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowTest {

    private static final Instant AT = Instant.parse("2026-11-23T16:05:00.123Z");

    @Test
    void plainMessagesAreNotQuoted() {
        assertThat(new CsvRow(AT, CsvRow.STDOUT, 15, 42, "Hello world").toCsv())
                .isEqualTo("2026-11-23T16:05:00.123Z,0,15,42,Hello world\n");
    }

    @Test
    void commasQuotesAndCarriageReturnsAreQuotedPerRfc4180() {
        assertThat(new CsvRow(AT, CsvRow.STDERR, 1, 7, "a, \"b\"").toCsv())
                .isEqualTo("2026-11-23T16:05:00.123Z,1,1,7,\"a, \"\"b\"\"\"\n");
        assertThat(new CsvRow(AT, CsvRow.STDOUT, 2, 7, "50%\rprogress").toCsv()).endsWith(",\"50%\rprogress\"\n");
    }

    @Test
    void identifiersAreNamesTheMastersLogStoreAccepts() {
        String identifier = LogIdentifier.create(AT, 42);
        assertThat(identifier).matches("2026-11-23_16-05-00_42_[0-9a-f]{32}\\.csv");
        assertThat(dev.furrow.store.logs.TaskLogFiles.isValidIdentifier(identifier)).isTrue();
        assertThat(LogIdentifier.isValid("../etc/passwd")).isFalse();
        assertThat(LogIdentifier.isValid("a..b.csv")).isFalse();
        assertThat(LogIdentifier.isValid(".hidden")).isFalse();
    }
}
