package dev.furrow.bench.report;

/**
 * One measured figure: which benchmark, what was measured, the value with its unit, the target it is held
 * against (empty when there is none), whether it met it, the load average while it was taken, and a note.
 */
public record Result(String benchmark, String metric, String value, String target, Verdict verdict, String load,
                     String note) {

    /** How a figure compares with its target. */
    public enum Verdict { MET, MISSED, INFO }

    public static Result info(String benchmark, String metric, String value, String note) {
        return new Result(benchmark, metric, value, "", Verdict.INFO, Load.now(), note);
    }

    public static Result against(String benchmark, String metric, String value, String target, boolean met,
                                 String note) {
        return new Result(benchmark, metric, value, target, met ? Verdict.MET : Verdict.MISSED, Load.now(), note);
    }
}
