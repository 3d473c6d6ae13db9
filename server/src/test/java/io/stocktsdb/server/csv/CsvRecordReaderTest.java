package io.stocktsdb.server.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
    private static List<String> read(String text) throws Exception {
        CsvRecordReader r = new CsvRecordReader(new BufferedReader(new StringReader(text)));
        CsvRecordReader.Record rec = new CsvRecordReader.Record();
        List<String> out = new ArrayList<>();
        while (r.next(rec)) {
            out.add(rec.line() + (rec.error() != null ? " ERROR " + rec.error() : " " + String.join("|", rec.fields())));
        }
        return out;
    }

    @Test
    void plainQuotedAndMultiLineRecords() throws Exception {
        assertThat(read("a,b,c\r\n1,,3\n\n\"x,y\",\"say \"\"hi\"\"\",z\n\"multi\nline\",2,3\nlast,1,2")).containsExactly(
                "1 a|b|c", "2 1||3", "4 x,y|say \"hi\"|z", "5 multi\nline|2|3", "7 last|1|2");
    }

    @Test
    void anUnterminatedQuoteCostsOneRecordOnly() throws Exception {
        assertThat(read("1,\"open,2\n3,4,5\n6,7,8\n")).containsExactly(
                "1 ERROR unterminated quoted field", "2 3|4|5", "3 6|7|8");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() throws Exception {
        assertThat(read("1,\"a\"b,2\nok,1")).satisfiesExactly(
                l -> assertThat(l).startsWith("1 ERROR malformed quoting"), l -> assertThat(l).isEqualTo("2 ok|1"));
    }
}
