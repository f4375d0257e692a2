package org.civicast.contacts;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The two tables an import copies into — the list's own table and {@code contact_rejects} — on its
 * one connection, which can hold one {@code COPY} at a time and must, to stay in the import's
 * transaction. Contacts flow through one long {@code COPY}; now and then it is ended so that the
 * rejected rows gathered meanwhile go in with a {@code COPY} of their own, and then opened again.
 */
final class CopyTargets implements AutoCloseable {
    private final PGConnection pg;
    private final String contactsCopy;
    private final String rejectsCopy;
    private OutputStream contacts;

    CopyTargets(Handle h, String contactsCopy, String rejectsCopy) {
        try {
            this.pg = h.getConnection().unwrap(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the import's connection is not PostgreSQL's", e);
        }
        this.contactsCopy = contactsCopy;
        this.rejectsCopy = rejectsCopy;
    }

    void contacts(BinaryRows rows) throws IOException {
        if (contacts == null) contacts = open(contactsCopy);
        rows.writeTo(contacts);
    }

    void rejects(BinaryRows rows) throws IOException {
        endContacts();
        try (OutputStream out = open(rejectsCopy)) {
            rows.writeTo(out);
            out.write(BinaryRows.TRAILER);
        }
    }

    @Override
    public void close() throws IOException {
        endContacts();
    }

    private void endContacts() throws IOException {
        if (contacts == null) return;
        OutputStream out = contacts;
        contacts = null;
        try (out) {
            out.write(BinaryRows.TRAILER);
        }
    }

    private OutputStream open(String copy) throws IOException {
        try {
            OutputStream out = new PGCopyOutputStream(pg, copy + " FROM STDIN (FORMAT binary)", 1 << 16);
            out.write(BinaryRows.HEADER);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY was refused: " + copy, e);
        }
    }
}
