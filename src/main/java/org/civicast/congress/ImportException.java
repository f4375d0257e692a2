package org.civicast.congress;

/**
 * An import that was refused, and changed nothing. The message names the source and, where it
 * can, the line or entry that failed, so an operator can find it in the file.
 */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
