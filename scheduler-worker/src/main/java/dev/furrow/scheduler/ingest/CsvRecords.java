package dev.furrow.scheduler.ingest;

/** Counts RFC 4180 records in CSV text: line breaks inside quoted fields belong to their record. */
final class CsvRecords {

    private CsvRecords() {
    }

    /** The number of records in {@code csv}, which holds whole records each ending in a line break. */
    static long count(String csv) {
        long records = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (ch == '"') {
                quoted = !quoted; // an escaped quote ("") toggles twice
            } else if (ch == '\n' && !quoted) {
                records++;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("task log chunk ends inside a quoted field; send whole CSV records");
        }
        return records;
    }
}
