package org.civicast.platform.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An object opened for reading: its bytes as a stream, how many there are, and their content type. */
public record StoredObject(InputStream content, long length, String contentType) implements Closeable {
    @Override
    public void close() throws IOException {
        content.close();
    }
}
