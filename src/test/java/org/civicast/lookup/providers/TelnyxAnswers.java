package org.civicast.lookup.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civicast.lookup.providers.FakeLookupApi.Answer;

/**
 * Answers in Telnyx Number Lookup's format: the example of its documentation (quickstart), and
 * others of the same shape with the fields a test varies.
 */
public final class TelnyxAnswers {
    public static final String PATH = "/v2/number_lookup/";
    /** The number of the documented example. */
    public static final String DOCUMENTED_NUMBER = "+13129457420";

    public static Answer documented() {
        try {
            return Answer.json(200, Files.readString(Path.of("src/test/resources/lookup/telnyx-number-lookup.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200 for {@code number}; {@code lrn} and {@code ported} ("Y", "N", "") may be null. */
    public static Answer carrier(String number, String type, String name, String lrn, String ported) {
        return Answer.json(200, """
                {"data":{"caller_name":null,
                  "carrier":{"error_code":null,"mobile_country_code":"US","mobile_network_code":null,"name":%s,"normalized_carrier":null,"type":%s},
                  "country_code":"US","fraud":null,"national_format":"(0%s) %s-%s","phone_number":"%s",
                  "portability":{"altspid":"","altspid_carrier_name":"","altspid_carrier_type":"","city":"WASHINGTON",
                    "line_type":%s,"lrn":%s,"ocn":"6006","ported_date":"","ported_status":%s,"spid":"6006",
                    "spid_carrier_name":%s,"spid_carrier_type":"1","state":"DISTRICT OF COLUMBIA"},
                  "record_type":"number_lookup","valid_number":true}}"""
                .formatted(quoted(name), quoted(type), number.substring(2, 5), number.substring(5, 8), number.substring(8),
                        number, quoted(type), quoted(lrn), quoted(ported), quoted(name)));
    }

    public static Answer mobile(String number) {
        return carrier(number, "mobile", "Verizon Wireless:6006 - SVR/2", number.substring(2), "N");
    }

    /** What Telnyx says of a number no carrier has: it is not valid. */
    public static Answer notValid(String number) {
        return Answer.json(200, """
                {"data":{"caller_name":null,"carrier":{"error_code":null,"mobile_country_code":null,"mobile_network_code":null,
                  "name":null,"type":null},"country_code":"US","fraud":null,"national_format":null,"phone_number":"%s",
                  "portability":null,"record_type":"number_lookup","valid_number":false}}""".formatted(number));
    }

    public static Answer unauthorized() {
        return Answer.json(401, """
                {"errors":[{"code":"10009","title":"Authentication failed","detail":"The API key looks malformed. Check that you copied it correctly.",
                  "meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]}""");
    }

    public static Answer tooManyRequests() {
        return Answer.json(429, """
                {"errors":[{"code":"10011","title":"Too many requests","detail":"You have exceeded the maximum number of allowed requests.",
                  "meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10011"}}]}""");
    }

    public static Answer unavailable() {
        return Answer.json(503, """
                {"errors":[{"code":"10003","title":"Service unavailable","detail":"The service is temporarily unavailable."}]}""");
    }

    /** An account without Canadian data asking about a Canadian number. */
    public static Answer canadian(String number) {
        return Answer.json(422, """
                {"errors":[{"code":"10015","title":"Unprocessable entity","detail":"%s is a Canadian number"}]}""".formatted(number));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private TelnyxAnswers() {}
}
