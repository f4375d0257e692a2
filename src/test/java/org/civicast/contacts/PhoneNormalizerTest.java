package org.civicast.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhoneNormalizerTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final PhoneNormalizer usCanada = new PhoneNormalizer(List.of("US", "CA"));

    @Test
    void theWaysVoterFilesWriteANumber() {
        for (String written : List.of("(202) 555-0143", "202-555-0143", "202.555.0143", "2025550143", "+1 202 555 0143",
                "1-202-555-0143", "12025550143", "+12025550143", " (202)555-0143 ", "202 555 0143")) {
            assertEquals(12025550143L, usCanada.normalize(written), written);
        }
        assertEquals(16135550111L, usCanada.normalize("613-555-0111"), "Ottawa");
        for (String bad : List.of("", "555-0143", "202-555-014", "202-555-01434", "123-555-0143", "202-055-0143",
                "2-202-555-0143", "not a number", "+44 20 7946 0958", "+52 55 1234 5678")) {
            assertEquals(-1, usCanada.normalize(bad), bad);
        }
        assertEquals(-1, usCanada.normalize(null));
        assertEquals(442079460958L, new PhoneNormalizer(List.of("GB")).normalize("020 7946 0958"));
        assertEquals(12025550143L, usCanada.normalize("202-555-0143 ext. 12"), "an extension goes the library's way");
    }

    /** The fast path remembers validity per NPA-NXX-X block; it must agree with the library number by number. */
    @Test
    void theFastPathAgreesWithLibphonenumberOnRandomNumbers() throws NumberParseException {
        Random random = new Random(20261130);
        int checked = 0;
        for (int i = 0; i < 200_000; i++) {
            long national = (200 + random.nextInt(800)) * 10_000_000L + (random.nextInt(1000)) * 10_000L + random.nextInt(10_000);
            String written = String.format("(%03d) %03d-%04d", national / 10_000_000, national / 10_000 % 1000, national % 10_000);
            PhoneNumber parsed = UTIL.parse(written, "US");
            boolean valid = UTIL.isValidNumberForRegion(parsed, "US") || UTIL.isValidNumberForRegion(parsed, "CA");
            assertEquals(valid ? 10_000_000_000L + national : -1, usCanada.normalize(written), written);
            checked++;
        }
        assertEquals(200_000, checked);
    }

    @Test
    void preparingReadsEveryConfiguredRegionAndChangesNoAnswer() {
        PhoneNormalizer prepared = new PhoneNormalizer(List.of("US", "CA", "GB"));
        prepared.prepare();
        assertEquals(12025550143L, prepared.normalize("(202) 555-0143"));
        assertEquals(442079460958L, prepared.normalize("+44 20 7946 0958"));
        assertEquals(-1, prepared.normalize("202-055-0143"));
    }
}
