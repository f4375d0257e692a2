package org.civicast.contacts;

import java.io.IOException;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundStream;

/** What a failed download means for the person who sent the URL. */
final class FetchProblems {
    private FetchProblems() {}

    /** Refuses an answer that is not the file: client errors fail the import, server errors are tried again. */
    static void requireSuccess(OutboundStream response) throws IOException {
        int status = response.status();
        if (response.successful()) return;
        String host = response.uri().getHost();
        String why = switch (status) {
            case 401, 403 -> "The file's URL answered " + status + " (access denied): a presigned URL may have "
                    + "expired or been signed for another method; sign a new one and import again";
            case 404, 410 -> "The file's URL answered " + status + " (not found): check the URL, or that the file "
                    + "still exists";
            default -> "The file's URL answered " + status + " instead of the file";
        };
        if (status >= 500 || status == 429) {
            throw new OutboundException(OutboundException.Reason.BROKEN_RESPONSE, response.uri(),
                    "The file server " + host + " answered " + status + "; it will be tried again");
        }
        throw new ImportFailure(why);
    }

    static String describe(OutboundException e) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case REFUSED_URL, REFUSED_DESTINATION -> "The file's URL was refused: " + message;
            case TOO_LARGE -> "The file is larger than this server accepts (CIVICAST_CONTACTS_MAX_FILE_BYTES): " + message;
            case TIMEOUT -> "Fetching the file took too long: " + message;
            case UNRESOLVABLE -> "The file's host does not resolve: " + message;
            case TOO_MANY_REDIRECTS -> "The file's URL redirects too often: " + message;
            default -> "The file could not be fetched: " + message;
        };
    }
}
