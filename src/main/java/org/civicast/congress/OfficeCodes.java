package org.civicast.congress;

/**
 * The codes that name a seat's office, as Communicating with Congress (CWC) and delivery vendors
 * use them.
 *
 * <ul>
 *   <li>House: {@code H} + state + two-digit district. At-large seats and delegates (DC and the
 *       territories, Puerto Rico's resident commissioner) are district {@code 00}: {@code HVA04},
 *       {@code HAK00}, {@code HDC00}, {@code HPR00}.
 *   <li>Senate: {@code S} + state + one digit, the seat's class minus one: {@code SVT0} for a
 *       class 1 seat, {@code SVT2} for class 3. This is the reading EFF's CWC client applies to
 *       Senate office codes (class = last digit + 1); the Senate's own office list, when delivery
 *       to it is configured, is the authority. A state's two senators always differ in class, so
 *       the code names one seat.
 * </ul>
 */
public final class OfficeCodes {

    public static String house(String state, int district) {
        return "H" + state + String.format("%02d", district);
    }

    public static String senate(String state, int senateClass) {
        if (senateClass < 1 || senateClass > 3) throw new IllegalArgumentException("senate class " + senateClass);
        return "S" + state + (senateClass - 1);
    }

    private OfficeCodes() {}
}
