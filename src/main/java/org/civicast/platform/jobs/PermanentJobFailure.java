package org.civicast.platform.jobs;

/** Thrown by a handler when retrying cannot help (the input is wrong): the job fails at once. */
public class PermanentJobFailure extends Exception {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
