package org.civicast.advocacy.delivery;

/**
 * Kinds of measure. The House's published sample writes them in lower case ({@code hr}); the
 * Senate's schema is reported to want the dotted citation form ({@code H.R.}).
 */
public enum BillType {
    HR("hr", "H.R."),
    HRES("hres", "H.Res."),
    HJRES("hjres", "H.J.Res."),
    HCONRES("hconres", "H.Con.Res"),
    HAMDT("hamdt", "H.Amdt."),
    S("s", "S."),
    SRES("sres", "S.Res."),
    SJRES("sjres", "S.J.Res."),
    SCONRES("sconres", "S.Con.Res."),
    SAMDT("samdt", "S.Amdt.");

    private final String house;
    private final String senate;

    BillType(String house, String senate) {
        this.house = house;
        this.senate = senate;
    }

    /** The abbreviation as the House's CWC takes it. */
    public String house() {
        return house;
    }

    /** The abbreviation as the Senate's CWC is reported to take it (provisional). */
    public String senate() {
        return senate;
    }
}
