package org.civicast.lookup;

/**
 * An import of the prefix table that was refused, and changed nothing. The message names the
 * file and each bad line by its number, so the operator can fix the file and import it again.
 */
public final class PrefixImportException extends RuntimeException {
    public PrefixImportException(String message) {
        super(message);
    }

    public PrefixImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
