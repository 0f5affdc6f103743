package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A job's frames: start, start+by, ... up to end inclusive, stored as DECIMAL(10,4) like PyFarm's frames.
 * Construction refuses ranges the schema cannot hold or that would create an unreasonable number of tasks.
 */
public record FrameRange(BigDecimal start, BigDecimal end, BigDecimal by) {

    /** Frames per job; a larger range is almost certainly a typo in start, end or by. */
    public static final long MAX_FRAMES = 1_000_000;
    private static final BigDecimal LIMIT = new BigDecimal("999999.9999");

    public FrameRange {
        checkFits("start", start);
        checkFits("end", end);
        checkFits("by", by);
        if (by.signum() <= 0) {
            throw ApiException.badRequest("by (" + by.toPlainString() + ") must be greater than 0");
        }
        if (end.compareTo(start) < 0) {
            throw ApiException.badRequest("end (" + end.toPlainString() + ") must not be before start ("
                    + start.toPlainString() + ")");
        }
        long count = end.subtract(start).divide(by, 0, RoundingMode.FLOOR).longValueExact() + 1;
        if (count > MAX_FRAMES) {
            throw ApiException.badRequest("start " + start.toPlainString() + ", end " + end.toPlainString() + ", by "
                    + by.toPlainString() + " makes " + count + " frames; a job may have at most " + MAX_FRAMES);
        }
    }

    private static void checkFits(String name, BigDecimal value) {
        if (value.abs().compareTo(LIMIT) > 0) {
            throw ApiException.badRequest(name + " (" + value.toPlainString() + ") must be between -999999.9999 and 999999.9999");
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw ApiException.badRequest(name + " (" + value.toPlainString() + ") may have at most 4 decimal places");
        }
    }

    public long count() {
        return end.subtract(start).divide(by, 0, RoundingMode.FLOOR).longValueExact() + 1;
    }
}
