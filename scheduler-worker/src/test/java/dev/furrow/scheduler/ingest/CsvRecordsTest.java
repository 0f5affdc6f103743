package dev.furrow.scheduler.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {

    @Test
    void countsOneRecordPerUnquotedLineBreak() {
        assertThat(CsvRecords.count("")).isZero();
        assertThat(CsvRecords.count("a,0,1,2,x\n")).isEqualTo(1);
        assertThat(CsvRecords.count("a,0,1,2,x\r\na,0,2,2,y\r\n")).isEqualTo(2);
    }

    @Test
    void lineBreaksAndEscapedQuotesInsideQuotedFieldsStayInTheirRecord() {
        assertThat(CsvRecords.count("a,0,1,2,\"two\nlines \"\"quoted\"\"\"\nb,0,2,2,z\n")).isEqualTo(2);
    }

    @Test
    void aChunkEndingInsideAQuotedFieldIsRefused() {
        assertThatThrownBy(() -> CsvRecords.count("a,0,1,2,\"open\n")).hasMessageContaining("whole CSV records");
    }
}
