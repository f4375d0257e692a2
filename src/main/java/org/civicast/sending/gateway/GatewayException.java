package org.civicast.sending.gateway;

/** The gateway could not be asked at all: nothing of the batch is known to have been taken. */
public final class GatewayException extends Exception {
    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
