package org.civicast.contacts;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a downloaded file is, judged from its first bytes before any row is read: its text
 * encoding (UTF-8, with or without a byte order mark, else Windows-1252, the Latin-1 that Excel
 * writes on Windows), its delimiter (comma, semicolon or tab, whichever the header line uses
 * most), or why it is not a CSV file at all.
 */
final class CsvFile {
    private static final int SAMPLE = 64 * 1024;

    final Reader reader;
    final char delimiter;
    final Charset charset;

    private CsvFile(Reader reader, char delimiter, Charset charset) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.charset = charset;
    }

    static CsvFile open(InputStream raw) throws IOException, ImportFailure {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 20);
        in.mark(SAMPLE);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        if (sample.length == 0) throw new ImportFailure("The file is empty: it has no header line and no rows");
        String kind = notText(sample);
        if (kind != null) throw new ImportFailure("This is not a CSV file: it looks like " + kind);
        int skip = startsWith(sample, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        in.skipNBytes(skip);
        Charset charset = utf8(Arrays.copyOfRange(sample, skip, sample.length), sample.length == SAMPLE)
                ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String head = new String(sample, skip, sample.length - skip, charset);
        String markup = head.stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (markup.startsWith("<!doctype") || markup.startsWith("<html") || markup.startsWith("<?xml")) {
            throw new ImportFailure("This is not a CSV file: the URL answered with an HTML or XML page "
                    + "(an expired link or a sign-in page?)");
        }
        return new CsvFile(new InputStreamReader(in, decoder), delimiter(head), charset);
    }

    /** What kind of non-text file the first bytes show, or null for text. */
    private static String notText(byte[] b) {
        if (startsWith(b, 'P', 'K', 3, 4)) return "a ZIP archive or an Excel workbook (.xlsx); export the sheet as CSV";
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0)) return "an Excel 97-2003 workbook (.xls); export the sheet as CSV";
        if (startsWith(b, '%', 'P', 'D', 'F')) return "a PDF document";
        if (startsWith(b, 0x1F, 0x8B)) return "a gzip-compressed file; send the CSV uncompressed";
        if (startsWith(b, 0xFF, 0xFE) || startsWith(b, 0xFE, 0xFF)) {
            return "UTF-16 text, which is not read; save it as CSV in UTF-8";
        }
        int controls = 0;
        for (byte x : b) {
            if (x == 0) return "a binary file (it holds NUL bytes), not text";
            if ((x & 0xff) < 0x20 && x != '\n' && x != '\r' && x != '\t' && x != 0x0c) controls++;
        }
        return controls > b.length / 100 + 8 ? "a binary file, not text" : null;
    }

    /** Whether the sample decodes as UTF-8; a sequence cut off at the sample's end does not count against it. */
    private static boolean utf8(byte[] sample, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(sample);
            CharBuffer chars = CharBuffer.allocate(sample.length);
            var result = decoder.decode(bytes, chars, !truncated);
            if (result.isError()) result.throwException();
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes. */
    private static char delimiter(String head) {
        int commas = 0, semicolons = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > commas && tabs >= semicolons) return '\t';
        if (semicolons > commas) return ';';
        return ',';
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }
}
