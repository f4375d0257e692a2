package org.civicast.contacts;

/**
 * Why a file cannot be imported, in words the person who sent it can act on. Trying again does
 * not help, so the import fails at once with this message.
 */
final class ImportFailure extends RuntimeException {
    ImportFailure(String message) {
        super(message, null, false, false);
    }
}
