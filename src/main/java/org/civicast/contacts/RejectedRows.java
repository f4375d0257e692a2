package org.civicast.contacts;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.StringWriter;
import org.jdbi.v3.core.Handle;

/** The rows an import did not take, as a CSV file: line, reason, detail, and the number as written. */
final class RejectedRows {
    private RejectedRows() {}

    static byte[] csv(Handle h, long listKey) {
        StringWriter out = new StringWriter();
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord("line", "reason", "detail", "phone");
        h.createQuery("SELECT line_no, reason, detail, phone_raw FROM contact_rejects WHERE list_key = :key ORDER BY line_no")
                .bind("key", listKey)
                .setFetchSize(10_000)
                .map((rs, ctx) -> {
                    String phone = rs.getString("phone_raw");
                    csv.writeRecord(String.valueOf(rs.getInt("line_no")), rs.getString("reason"), rs.getString("detail"),
                            phone == null ? "" : phone);
                    return 1;
                })
                .forEach(x -> { });
        try {
            csv.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
