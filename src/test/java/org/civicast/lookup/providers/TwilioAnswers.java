package org.civicast.lookup.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civicast.lookup.providers.FakeLookupApi.Answer;

/**
 * Answers in Twilio Lookup v2's format: the examples of Twilio's own client tests (a Line Type
 * Intelligence answer and an invalid number), and others of the same shape.
 */
final class TwilioAnswers {
    static final String PATH = "/v2/PhoneNumbers/";
    static final String DOCUMENTED_NUMBER = "+14159929960";

    static Answer documented() {
        return Answer.json(200, read("twilio-line-type-intelligence.json"));
    }

    static Answer documentedInvalid() {
        return Answer.json(200, read("twilio-invalid.json"));
    }

    /** A 200 with line type intelligence; {@code type} and {@code carrier} may be null, {@code errorCode} 0 for none. */
    static Answer lineType(String number, String type, String carrier, int errorCode) {
        return Answer.json(200, """
                {"calling_country_code": "1","country_code": "US","phone_number": "%s","national_format": "(%s) %s-%s",
                 "valid": true,"validation_errors": null,"caller_name": null,"sim_swap": null,"call_forwarding": null,
                 "live_activity": null,"line_type_intelligence": {"error_code": %s,"mobile_country_code": %s,
                 "mobile_network_code": %s,"carrier_name": %s,"type": %s},"url": "https://lookups.twilio.com/v2/PhoneNumbers/%s"}"""
                .formatted(number, number.substring(2, 5), number.substring(5, 8), number.substring(8),
                        errorCode == 0 ? "null" : errorCode, "mobile".equals(type) ? "\"310\"" : "null",
                        "mobile".equals(type) ? "\"160\"" : "null", quoted(carrier), quoted(type), number));
    }

    static Answer mobile(String number) {
        return lineType(number, "mobile", "T-Mobile USA, Inc.", 0);
    }

    static Answer error(int status, int code, String message) {
        return Answer.json(status, """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message, code, status));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String read(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/lookup").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TwilioAnswers() {}
}
