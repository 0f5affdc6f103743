package dev.furrow.scheduler.notify;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A time as PyFarm's templates see a Python datetime: {@code job.time_finished.isoformat()} gives
 * {@code 2026-11-23T16:05:00.123456} (naive UTC, microseconds only when non-zero, as Python prints it).
 */
public record IsoTime(LocalDateTime utc) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    public String isoformat() {
        return (utc.getNano() / 1000 == 0 ? SECONDS : MICROS).format(utc);
    }

    /** Python's {@code str(datetime)}: {@code {{ job.time_finished }}} prints like this. */
    @Override
    public String toString() {
        return isoformat().replace('T', ' ');
    }
}
