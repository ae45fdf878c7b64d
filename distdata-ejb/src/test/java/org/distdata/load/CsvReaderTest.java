package org.distdata.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {
    private static List<List<String>> readAll(String csv) throws IOException {
        CsvReader r = new CsvReader(new StringReader(csv));
        List<List<String>> out = new ArrayList<>();
        List<String> rec;
        while ((rec = r.next()) != null) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        assertThat(readAll("a,b\r\n\"x,1\",\"say \"\"hi\"\"\nthere\"\n"))
                .containsExactly(List.of("a", "b"), List.of("x,1", "say \"hi\"\nthere"));
    }

    @Test
    void unquotedEmptyIsNullAndQuotedEmptyIsEmptyString() throws IOException {
        assertThat(readAll("1,,\"\"\n")).containsExactly(Arrays.asList("1", null, ""));
    }

    @Test
    void lineNumbersCountPhysicalLines() throws IOException {
        CsvReader r = new CsvReader(new StringReader("h\n\"multi\nline\"\nnext\n"));
        r.next();
        assertThat(r.line()).isEqualTo(1);
        r.next();
        assertThat(r.line()).isEqualTo(2);
        r.next();
        assertThat(r.line()).isEqualTo(4);
    }

    @Test
    void unterminatedQuoteIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> readAll("a\n\"open\n"))
                .isInstanceOf(CsvReader.MalformedCsvException.class)
                .satisfies(e -> assertThat(((CsvReader.MalformedCsvException) e).line()).isEqualTo(2));
    }
}
